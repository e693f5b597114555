import type { Actor, ServiceItemDefinition } from '@docket/domain';

/** The seeded people of the demo centre (Huangpu district): one per role the walkthrough needs. */
export const people = {
  admin: { id: 'u-admin', name: '赵管理', roles: ['admin'], department: 'huangpu' },
  clerk: { id: 'u-clerk-wang', name: '王敏 (window clerk)', roles: ['clerk'], department: 'huangpu-window' },
  officer: { id: 'u-officer-li', name: '李强 (officer)', roles: ['officer'], department: 'huangpu-market' },
  reviewer: {
    id: 'u-reviewer-chen',
    name: '陈静 (reviewer)',
    roles: ['reviewer'],
    department: 'huangpu-market',
  },
  head: { id: 'u-head-zhou', name: '周伟 (head)', roles: ['head'], department: 'huangpu-market' },
  applicant: { id: 'u-applicant-liu', name: '刘洋 (applicant)', roles: ['applicant'] },
  intake: { id: 'system:intake', name: 'docket intake', roles: [] },
  review: { id: 'system:review', name: 'docket review', roles: [] },
} satisfies Record<string, Actor>;

/** 食品经营许可: a promised item, 20 working days by law, 10 promised, 承办 → 审核 → 批准. */
export const foodBusinessLicence: ServiceItemDefinition = {
  code: '310101-FOOD-BL',
  name: '食品经营许可 (food business licence)',
  department: 'huangpu-market',
  legalBasis: '《中华人民共和国食品安全法》第三十五条',
  category: 'promised',
  statutoryLimit: { value: 20, unit: 'working_days' },
  promisedLimit: { value: 10, unit: 'working_days' },
  materials: [
    { code: 'form', name: '申请书 application form', requirement: 'mandatory', form: 'original', count: 1 },
    { code: 'licence', name: '营业执照 business licence', requirement: 'mandatory', form: 'copy', count: 1 },
    {
      code: 'layout',
      name: '经营场所布局图 premises layout',
      requirement: 'mandatory',
      form: 'original',
      count: 1,
    },
  ],
  fee: { kind: 'free' },
  steps: [
    { kind: 'handle', name: '承办', role: 'officer', limit: { value: 4, unit: 'working_days' } },
    { kind: 'review', name: '审核', role: 'reviewer', limit: { value: 3, unit: 'working_days' } },
    { kind: 'approve', name: '批准', role: 'head', limit: { value: 3, unit: 'working_days' } },
  ],
  deemedApprovalOnTimeout: false,
  coHandlerSilenceIsConsent: false,
  correctionLimit: { value: 5, unit: 'working_days' },
};
