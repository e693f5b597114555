import type { Actor } from '../../shared/actor';
import type { ServiceItemDefinition, ServiceItemVersion } from '../service-item';

/** Fixtures for deciders' specs: a sound item of each category, and the people who act on them. */
export const administrator: Actor = {
  id: 'u-admin',
  name: 'Zhao Admin',
  roles: ['admin'],
  department: 'district',
};

/** 承诺件: 20 working days by law, 10 promised, three steps of 4 + 3 + 3 working days. */
export const promisedItem = (): ServiceItemDefinition => ({
  code: '11330100MB0000001-01',
  name: 'Food business licence',
  department: 'market-regulation',
  legalBasis: 'Food Safety Law Art. 35',
  category: 'promised',
  statutoryLimit: { value: 20, unit: 'working_days' },
  promisedLimit: { value: 10, unit: 'working_days' },
  materials: [
    { code: 'form', name: 'Application form', requirement: 'mandatory', form: 'original', count: 1 },
    { code: 'id', name: 'ID card copy', requirement: 'mandatory', form: 'copy', count: 2 },
    {
      code: 'lease',
      name: 'Lease contract',
      requirement: 'conditional',
      condition: 'when the premises are rented',
      form: 'copy',
      count: 1,
    },
  ],
  fee: { kind: 'fixed', amountFen: 10000, basis: 'Price bureau notice 2019/12' },
  steps: [
    { kind: 'handle', name: '承办', role: 'officer', limit: { value: 4, unit: 'working_days' } },
    { kind: 'review', name: '审核', role: 'reviewer', limit: { value: 3, unit: 'working_days' } },
    { kind: 'approve', name: '批准', role: 'head', limit: { value: 3, unit: 'working_days' } },
  ],
  deemedApprovalOnTimeout: false,
  coHandlerSilenceIsConsent: false,
  correctionLimit: { value: 10, unit: 'working_days' },
});

/** 即办件: decided on the spot by a reviewer. */
export const instantItem = (): ServiceItemDefinition => ({
  ...promisedItem(),
  code: 'INSTANT-01',
  name: 'Residence certificate',
  category: 'instant',
  promisedLimit: { value: 0, unit: 'working_days' },
  fee: { kind: 'free' },
  steps: [{ kind: 'approve', name: '批准', role: 'reviewer', limit: { value: 0, unit: 'working_days' } }],
});

/** 联办件: led by the item's department, two co-handlers answering within 5 working days. */
export const jointItem = (): ServiceItemDefinition => ({
  ...promisedItem(),
  code: 'JOINT-01',
  name: 'Restaurant opening (joint)',
  category: 'joint',
  statutoryLimit: { value: 45, unit: 'working_days' },
  promisedLimit: { value: 15, unit: 'working_days' },
  joint: {
    leadDepartment: 'market-regulation',
    coHandlers: [
      { department: 'fire-safety', limit: { value: 5, unit: 'working_days' } },
      { department: 'environment', limit: { value: 5, unit: 'working_days' } },
    ],
  },
  coHandlerSilenceIsConsent: true,
});

export const asVersion = (item: ServiceItemDefinition, version = 1): ServiceItemVersion => ({
  ...item,
  version,
});
