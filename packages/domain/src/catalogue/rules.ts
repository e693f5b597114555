import { type DomainError, domainError } from '../shared/errors';
import type { TimeLimit } from '../shared/time';
import type { ServiceItemDefinition, StepKind } from './service-item';

/**
 * The catalogue's rules for a service item, each named. An item is checked as a whole and every broken
 * rule is reported at once (like the one-time notice asks of clerks), so an administrator fixes them in
 * one pass.
 */
export const serviceItemRules = [
  'PromisedExceedsStatutory',
  'StatutoryLimitAboveLaw',
  'InstantItemNeedsZeroLimit',
  'JointHandlingRequired',
  'JointHandlingNotAllowed',
  'JointLeadNotItemDepartment',
  'DuplicateCoHandler',
  'LeadListedAsCoHandler',
  'CoHandlerLimitExceedsPromised',
  'SilenceIsConsentOnlyForJoint',
  'DuplicateMaterialCode',
  'ConditionRequired',
  'FinalStepMustApprove',
  'ApproveStepNeedsDecidingRole',
  'StepsOutOfOrder',
  'StepLimitsExceedPromised',
  'FeeBasisRequired',
  'RetentionBasisRequired',
] as const;
export type ServiceItemRule = (typeof serviceItemRules)[number];

export interface ServiceItemIssue {
  rule: ServiceItemRule;
  message: string;
  /** Where in the item definition, e.g. `steps.2.role`. */
  path: string;
}

/** 行政许可法 Art. 42: 20 working days for one department, 45 when several handle it jointly. */
export const statutoryWorkingDayCap = { single: 20, joint: 45 } as const;

/**
 * Working days and natural days are compared at 7 natural days per 5 working days, rounded so that a
 * doubtful case is refused: the limit that must be smaller is rounded up, the one that must be larger
 * is rounded down. Holidays only lengthen a span of working days, so the week ratio is the safe side.
 */
const naturalDaysAtMost = (limit: TimeLimit): number =>
  limit.unit === 'natural_days' ? limit.value : Math.ceil((limit.value * 7) / 5);
const naturalDaysAtLeast = (limit: TimeLimit): number =>
  limit.unit === 'natural_days' ? limit.value : Math.floor((limit.value * 7) / 5);
const workingDaysAtMost = (limit: TimeLimit): number =>
  limit.unit === 'working_days' ? limit.value : Math.ceil((limit.value * 5) / 7);

/** True when `small` cannot run longer than `large`, comparing across units conservatively. */
export const limitFitsWithin = (small: TimeLimit, large: TimeLimit): boolean =>
  small.unit === large.unit
    ? small.value <= large.value
    : naturalDaysAtMost(small) <= naturalDaysAtLeast(large);

const stepOrder: Record<StepKind, number> = { handle: 0, review: 1, approve: 2 };
const decidingRoles = new Set(['reviewer', 'head']);

const duplicates = (values: readonly string[]): string[] => [
  ...new Set(values.filter((value, index) => values.indexOf(value) !== index)),
];

const showLimit = (limit: TimeLimit) => `${limit.value} ${limit.unit.replace('_', ' ')}`;

/** Every rule the definition breaks; empty when the item may be published. */
export function checkServiceItem(item: ServiceItemDefinition): ServiceItemIssue[] {
  const issues: ServiceItemIssue[] = [];
  const broken = (rule: ServiceItemRule, path: string, message: string) =>
    issues.push({ rule, path, message });
  const joint = item.category === 'joint';

  if (!limitFitsWithin(item.promisedLimit, item.statutoryLimit))
    broken(
      'PromisedExceedsStatutory',
      'promisedLimit',
      `promised limit ${showLimit(item.promisedLimit)} exceeds the statutory ${showLimit(item.statutoryLimit)}`,
    );
  const cap = joint ? statutoryWorkingDayCap.joint : statutoryWorkingDayCap.single;
  if (workingDaysAtMost(item.statutoryLimit) > cap && item.statutoryOverride === undefined)
    broken(
      'StatutoryLimitAboveLaw',
      'statutoryLimit',
      `statutory limit ${showLimit(item.statutoryLimit)} exceeds ${cap} working days and no statutoryOverride names the special law`,
    );
  if (
    item.category === 'instant' &&
    (item.promisedLimit.value !== 0 || item.promisedLimit.unit !== 'working_days')
  )
    broken(
      'InstantItemNeedsZeroLimit',
      'promisedLimit',
      'an instant item (即办件) is promised within 0 working days',
    );

  checkJoint(item, broken);
  checkMaterials(item, broken);
  checkSteps(item, broken);

  if (item.fee.kind === 'fixed' && item.fee.basis.trim() === '')
    broken('FeeBasisRequired', 'fee.basis', 'a fixed fee needs the basis that sets it');
  // Without a period the default applies, with its basis (retention.ts); a period chosen names its own.
  if (item.retention !== undefined && (item.retention.basis ?? '').trim() === '')
    broken(
      'RetentionBasisRequired',
      'retention.basis',
      'a retention period needs its basis (the centre’s 保管期限表 entry, or the statute)',
    );
  return issues;
}

type Broken = (rule: ServiceItemRule, path: string, message: string) => void;

function checkJoint(item: ServiceItemDefinition, broken: Broken): void {
  if (item.category !== 'joint') {
    if (item.joint !== undefined)
      broken('JointHandlingNotAllowed', 'joint', `a ${item.category} item has no joint handling`);
    if (item.coHandlerSilenceIsConsent)
      broken(
        'SilenceIsConsentOnlyForJoint',
        'coHandlerSilenceIsConsent',
        'only joint items have co-handlers',
      );
    return;
  }
  if (item.joint === undefined) {
    broken(
      'JointHandlingRequired',
      'joint',
      'a joint item (联办件) names its lead and co-handling departments',
    );
    return;
  }
  if (item.joint.leadDepartment !== item.department)
    broken(
      'JointLeadNotItemDepartment',
      'joint.leadDepartment',
      `the lead department ${item.joint.leadDepartment} must be the implementing department ${item.department}`,
    );
  const departments = item.joint.coHandlers.map((coHandler) => coHandler.department);
  for (const department of duplicates(departments))
    broken('DuplicateCoHandler', 'joint.coHandlers', `co-handler ${department} is listed more than once`);
  if (departments.includes(item.joint.leadDepartment))
    broken('LeadListedAsCoHandler', 'joint.coHandlers', 'the lead department cannot also be a co-handler');
  item.joint.coHandlers.forEach((coHandler, index) => {
    if (!limitFitsWithin(coHandler.limit, item.promisedLimit))
      broken(
        'CoHandlerLimitExceedsPromised',
        `joint.coHandlers.${index}.limit`,
        `co-handler ${coHandler.department} has longer than the whole case's promised limit`,
      );
  });
}

function checkMaterials(item: ServiceItemDefinition, broken: Broken): void {
  for (const code of duplicates(item.materials.map((material) => material.code)))
    broken('DuplicateMaterialCode', 'materials', `material code ${code} is used more than once`);
  item.materials.forEach((material, index) => {
    if (material.requirement === 'conditional' && (material.condition ?? '').trim() === '')
      broken(
        'ConditionRequired',
        `materials.${index}.condition`,
        `conditional material ${material.code} needs its condition`,
      );
  });
}

function checkSteps(item: ServiceItemDefinition, broken: Broken): void {
  const last = item.steps[item.steps.length - 1];
  if (last !== undefined && last.kind !== 'approve')
    broken('FinalStepMustApprove', `steps.${item.steps.length - 1}.kind`, 'the last step approves (批准)');
  item.steps.forEach((step, index) => {
    if (step.kind === 'approve' && !decidingRoles.has(step.role))
      broken('ApproveStepNeedsDecidingRole', `steps.${index}.role`, 'only a reviewer or a head may approve');
    const previous = item.steps[index - 1];
    if (previous !== undefined && stepOrder[step.kind] < stepOrder[previous.kind])
      broken(
        'StepsOutOfOrder',
        `steps.${index}.kind`,
        `a ${step.kind} step cannot follow a ${previous.kind} step`,
      );
  });
  // Steps in another unit than the promised limit are not summed: a mixed sum has no meaning.
  if (item.steps.every((step) => step.limit.unit === item.promisedLimit.unit)) {
    const total = item.steps.reduce((sum, step) => sum + step.limit.value, 0);
    if (total > item.promisedLimit.value)
      broken(
        'StepLimitsExceedPromised',
        'steps',
        `the steps take ${total} ${item.promisedLimit.unit.replace('_', ' ')}, more than the promised ${item.promisedLimit.value}`,
      );
  }
}

const ruleError = (rule: ServiceItemRule) =>
  domainError(rule, 'rule_broken', (issues: ServiceItemIssue[]) => ({
    message: issues.map((issue) => issue.message).join('; '),
    details: { issues },
  }));

/** One error class per rule; the thrown one is the first rule broken, its details list every issue. */
export const PromisedExceedsStatutory = ruleError('PromisedExceedsStatutory');
export const StatutoryLimitAboveLaw = ruleError('StatutoryLimitAboveLaw');
export const InstantItemNeedsZeroLimit = ruleError('InstantItemNeedsZeroLimit');
export const JointHandlingRequired = ruleError('JointHandlingRequired');
export const JointHandlingNotAllowed = ruleError('JointHandlingNotAllowed');
export const JointLeadNotItemDepartment = ruleError('JointLeadNotItemDepartment');
export const DuplicateCoHandler = ruleError('DuplicateCoHandler');
export const LeadListedAsCoHandler = ruleError('LeadListedAsCoHandler');
export const CoHandlerLimitExceedsPromised = ruleError('CoHandlerLimitExceedsPromised');
export const SilenceIsConsentOnlyForJoint = ruleError('SilenceIsConsentOnlyForJoint');
export const DuplicateMaterialCode = ruleError('DuplicateMaterialCode');
export const ConditionRequired = ruleError('ConditionRequired');
export const FinalStepMustApprove = ruleError('FinalStepMustApprove');
export const ApproveStepNeedsDecidingRole = ruleError('ApproveStepNeedsDecidingRole');
export const StepsOutOfOrder = ruleError('StepsOutOfOrder');
export const StepLimitsExceedPromised = ruleError('StepLimitsExceedPromised');
export const FeeBasisRequired = ruleError('FeeBasisRequired');
export const RetentionBasisRequired = ruleError('RetentionBasisRequired');

const errorFor: Record<ServiceItemRule, new (issues: ServiceItemIssue[]) => DomainError> = {
  PromisedExceedsStatutory,
  StatutoryLimitAboveLaw,
  InstantItemNeedsZeroLimit,
  JointHandlingRequired,
  JointHandlingNotAllowed,
  JointLeadNotItemDepartment,
  DuplicateCoHandler,
  LeadListedAsCoHandler,
  CoHandlerLimitExceedsPromised,
  SilenceIsConsentOnlyForJoint,
  DuplicateMaterialCode,
  ConditionRequired,
  FinalStepMustApprove,
  ApproveStepNeedsDecidingRole,
  StepsOutOfOrder,
  StepLimitsExceedPromised,
  FeeBasisRequired,
  RetentionBasisRequired,
};

/** Throws the named error of the first broken rule, listing every issue; returns when the item is sound. */
export function assertServiceItemRules(item: ServiceItemDefinition): void {
  const issues = checkServiceItem(item);
  const first = issues[0];
  if (first !== undefined) throw new errorFor[first.rule](issues);
}
