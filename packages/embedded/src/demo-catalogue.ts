import type { ServiceItemDefinition } from '@docket/domain';

const standardSteps: ServiceItemDefinition['steps'] = [
  { kind: 'handle', name: '承办', role: 'officer', limit: { value: 4, unit: 'working_days' } },
  { kind: 'review', name: '审核', role: 'reviewer', limit: { value: 3, unit: 'working_days' } },
  { kind: 'approve', name: '批准', role: 'head', limit: { value: 3, unit: 'working_days' } },
];

/**
 * The service items the embedded mode seeds on first start (the demo centre of @docket/identity):
 * a promised item, a joint item with two co-handlers, and an instant item.
 */
export const demoCatalogue: ServiceItemDefinition[] = [
  {
    code: '310101-FOOD-BL',
    name: '食品经营许可',
    department: 'huangpu-market',
    legalBasis: '《中华人民共和国食品安全法》第三十五条',
    category: 'promised',
    statutoryLimit: { value: 20, unit: 'working_days' },
    promisedLimit: { value: 10, unit: 'working_days' },
    materials: [
      { code: 'form', name: '食品经营许可申请书', requirement: 'mandatory', form: 'original', count: 1 },
      { code: 'licence', name: '营业执照', requirement: 'mandatory', form: 'copy', count: 1 },
      { code: 'layout', name: '经营场所布局图', requirement: 'mandatory', form: 'original', count: 1 },
    ],
    fee: { kind: 'free' },
    steps: standardSteps,
    deemedApprovalOnTimeout: false,
    coHandlerSilenceIsConsent: false,
    correctionLimit: { value: 5, unit: 'working_days' },
  },
  {
    code: '310101-PLAN-BP',
    name: '建设工程规划许可',
    department: 'huangpu-planning',
    legalBasis: '《中华人民共和国城乡规划法》第四十条',
    category: 'joint',
    statutoryLimit: { value: 45, unit: 'working_days' },
    promisedLimit: { value: 20, unit: 'working_days' },
    materials: [
      { code: 'form', name: '建设工程规划许可申请表', requirement: 'mandatory', form: 'original', count: 1 },
      { code: 'drawings', name: '设计方案总平面图', requirement: 'mandatory', form: 'original', count: 2 },
      { code: 'land', name: '土地权属证明', requirement: 'mandatory', form: 'copy', count: 1 },
    ],
    fee: { kind: 'free' },
    steps: standardSteps,
    joint: {
      leadDepartment: 'huangpu-planning',
      coHandlers: [
        { department: 'huangpu-fire', limit: { value: 5, unit: 'working_days' } },
        { department: 'huangpu-market', limit: { value: 5, unit: 'working_days' } },
      ],
    },
    deemedApprovalOnTimeout: false,
    coHandlerSilenceIsConsent: true,
    correctionLimit: { value: 5, unit: 'working_days' },
  },
  {
    code: '310101-MKT-CHG',
    name: '个体工商户登记事项变更',
    department: 'huangpu-market',
    legalBasis: '《促进个体工商户发展条例》第九条',
    category: 'instant',
    statutoryLimit: { value: 15, unit: 'working_days' },
    promisedLimit: { value: 0, unit: 'working_days' },
    materials: [
      { code: 'form', name: '变更登记申请书', requirement: 'mandatory', form: 'original', count: 1 },
    ],
    fee: { kind: 'free' },
    steps: [{ kind: 'approve', name: '核准', role: 'reviewer', limit: { value: 0, unit: 'working_days' } }],
    deemedApprovalOnTimeout: false,
    coHandlerSilenceIsConsent: false,
    correctionLimit: { value: 5, unit: 'working_days' },
  },
];
