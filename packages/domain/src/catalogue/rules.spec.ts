import { describe, expect, it } from 'vitest';
import type { DomainError } from '../shared/errors';
import type { TimeLimit } from '../shared/time';
import {
  ApproveStepNeedsDecidingRole,
  assertServiceItemRules,
  CoHandlerLimitExceedsPromised,
  ConditionRequired,
  checkServiceItem,
  DuplicateCoHandler,
  DuplicateMaterialCode,
  FeeBasisRequired,
  FinalStepMustApprove,
  InstantItemNeedsZeroLimit,
  JointHandlingNotAllowed,
  JointHandlingRequired,
  JointLeadNotItemDepartment,
  LeadListedAsCoHandler,
  limitFitsWithin,
  PromisedExceedsStatutory,
  RetentionBasisRequired,
  type ServiceItemRule,
  SilenceIsConsentOnlyForJoint,
  StatutoryLimitAboveLaw,
  StepLimitsExceedPromised,
  StepsOutOfOrder,
} from './rules';
import type { ServiceItemDefinition } from './service-item';
import { instantItem, jointItem, promisedItem } from './spec-support/items';

const wd = (value: number): TimeLimit => ({ value, unit: 'working_days' });
const nd = (value: number): TimeLimit => ({ value, unit: 'natural_days' });
const rulesBroken = (item: ServiceItemDefinition): ServiceItemRule[] =>
  checkServiceItem(item).map((i) => i.rule);
const [handle, review, approve] = promisedItem().steps as [
  ServiceItemDefinition['steps'][number],
  ServiceItemDefinition['steps'][number],
  ServiceItemDefinition['steps'][number],
];

type ErrorClass = new (...args: never[]) => DomainError;
const cases: [ServiceItemRule, ErrorClass, () => ServiceItemDefinition][] = [
  [
    'PromisedExceedsStatutory',
    PromisedExceedsStatutory,
    () => ({ ...promisedItem(), promisedLimit: wd(21) }),
  ],
  ['StatutoryLimitAboveLaw', StatutoryLimitAboveLaw, () => ({ ...promisedItem(), statutoryLimit: wd(21) })],
  [
    'InstantItemNeedsZeroLimit',
    InstantItemNeedsZeroLimit,
    () => ({ ...instantItem(), promisedLimit: wd(1) }),
  ],
  ['JointHandlingRequired', JointHandlingRequired, () => ({ ...jointItem(), joint: undefined })],
  [
    'JointHandlingNotAllowed',
    JointHandlingNotAllowed,
    () => ({ ...promisedItem(), joint: jointItem().joint }),
  ],
  [
    'JointLeadNotItemDepartment',
    JointLeadNotItemDepartment,
    () => ({ ...jointItem(), joint: { ...jointItem().joint!, leadDepartment: 'planning' } }),
  ],
  [
    'DuplicateCoHandler',
    DuplicateCoHandler,
    () => ({
      ...jointItem(),
      joint: {
        leadDepartment: 'market-regulation',
        coHandlers: [
          { department: 'fire-safety', limit: wd(5) },
          { department: 'fire-safety', limit: wd(3) },
        ],
      },
    }),
  ],
  [
    'LeadListedAsCoHandler',
    LeadListedAsCoHandler,
    () => ({
      ...jointItem(),
      joint: {
        leadDepartment: 'market-regulation',
        coHandlers: [{ department: 'market-regulation', limit: wd(5) }],
      },
    }),
  ],
  [
    'CoHandlerLimitExceedsPromised',
    CoHandlerLimitExceedsPromised,
    () => ({
      ...jointItem(),
      joint: {
        leadDepartment: 'market-regulation',
        coHandlers: [{ department: 'fire-safety', limit: wd(16) }],
      },
    }),
  ],
  [
    'SilenceIsConsentOnlyForJoint',
    SilenceIsConsentOnlyForJoint,
    () => ({ ...promisedItem(), coHandlerSilenceIsConsent: true }),
  ],
  [
    'DuplicateMaterialCode',
    DuplicateMaterialCode,
    () => ({ ...promisedItem(), materials: [...promisedItem().materials, promisedItem().materials[0]!] }),
  ],
  [
    'ConditionRequired',
    ConditionRequired,
    () => ({
      ...promisedItem(),
      materials: [
        { code: 'lease', name: 'Lease', requirement: 'conditional', condition: ' ', form: 'copy', count: 1 },
      ],
    }),
  ],
  ['FinalStepMustApprove', FinalStepMustApprove, () => ({ ...promisedItem(), steps: [handle, review] })],
  [
    'ApproveStepNeedsDecidingRole',
    ApproveStepNeedsDecidingRole,
    () => ({ ...promisedItem(), steps: [handle, review, { ...approve, role: 'officer' }] }),
  ],
  ['StepsOutOfOrder', StepsOutOfOrder, () => ({ ...promisedItem(), steps: [review, handle, approve] })],
  [
    'StepLimitsExceedPromised',
    StepLimitsExceedPromised,
    () => ({ ...promisedItem(), steps: [handle, review, { ...approve, limit: wd(4) }] }),
  ],
  [
    'FeeBasisRequired',
    FeeBasisRequired,
    () => ({ ...promisedItem(), fee: { kind: 'fixed', amountFen: 100, basis: '  ' } }),
  ],
  [
    'RetentionBasisRequired',
    RetentionBasisRequired,
    () => ({ ...promisedItem(), retention: { kind: 'years', years: 10 } }),
  ],
];

describe('service item rules', () => {
  it('accept a sound item of every category', () => {
    expect(checkServiceItem(promisedItem())).toEqual([]);
    expect(checkServiceItem(instantItem())).toEqual([]);
    expect(checkServiceItem(jointItem())).toEqual([]);
  });

  it.each(cases)('%s is reported by name and thrown as its own error', (rule, ErrorClass, broken) => {
    expect(rulesBroken(broken())).toEqual([rule]);
    let thrown: unknown;
    try {
      assertServiceItemRules(broken());
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ErrorClass);
    expect((thrown as DomainError).kind).toBe('rule_broken');
    expect((thrown as DomainError).details.issues).toEqual(checkServiceItem(broken()));
  });

  it('report every broken rule at once, throwing the first', () => {
    const item = { ...promisedItem(), promisedLimit: wd(25), coHandlerSilenceIsConsent: true };
    expect(rulesBroken(item)).toEqual(['PromisedExceedsStatutory', 'SilenceIsConsentOnlyForJoint']);
    expect(() => assertServiceItemRules(item)).toThrow(PromisedExceedsStatutory);
  });

  it('compare limits across units at 7 natural days per 5 working days, refusing the doubtful case', () => {
    expect(limitFitsWithin(wd(10), nd(14))).toBe(true);
    expect(limitFitsWithin(wd(10), nd(13))).toBe(false);
    expect(limitFitsWithin(wd(3), nd(5))).toBe(true); // ceil(4.2) = 5
    expect(limitFitsWithin(wd(3), nd(4))).toBe(false);
    expect(limitFitsWithin(nd(9), wd(7))).toBe(true); // floor(9.8) = 9
    expect(limitFitsWithin(nd(10), wd(7))).toBe(false);
    expect(rulesBroken({ ...promisedItem(), statutoryLimit: nd(13) })).toContain('PromisedExceedsStatutory');
  });

  it('cap statutory limits at 20 working days, 45 for joint items, unless a special law is named', () => {
    expect(rulesBroken({ ...promisedItem(), statutoryLimit: nd(28) })).toEqual([]);
    expect(rulesBroken({ ...promisedItem(), statutoryLimit: nd(29) })).toEqual(['StatutoryLimitAboveLaw']);
    expect(rulesBroken({ ...jointItem(), statutoryLimit: wd(46) })).toEqual(['StatutoryLimitAboveLaw']);
    expect(
      rulesBroken({
        ...promisedItem(),
        statutoryLimit: wd(60),
        statutoryOverride: { basis: 'Land Administration Law' },
      }),
    ).toEqual([]);
  });

  it('allow several approvals in a row, and skip the step sum when units differ', () => {
    const twoApprovals = {
      ...promisedItem(),
      steps: [handle, { ...approve, role: 'reviewer' as const }, approve],
    };
    expect(rulesBroken(twoApprovals)).toEqual([]);
    const mixed = { ...promisedItem(), steps: [{ ...handle, limit: nd(30) }, review, approve] };
    expect(rulesBroken(mixed)).toEqual([]);
  });
});
