import { z } from 'zod';
import { multiLine, singleLine } from '../shared/text';
import { TimeLimit } from '../shared/time';
import { Retention, RetentionDefinition } from './retention';

/*
 * An item has two schemas. `ServiceItemDefinition` is what an administrator sends: its words (name,
 * legal basis, material names and conditions, fee basis, step names) follow the text rule
 * (shared/text.ts). `ServiceItemVersion` is an item as the ledger holds it, read without that rule: a
 * version published before the rule must still be read, and it travels on in system commands (a
 * submission, the review's opening) that must not refuse it. `Material`, `Fee` and `ProcedureStep` are
 * the parts as recorded; the definition's own parts are built from them below.
 */

/** 申报材料: one material an applicant must (or, under a condition, may have to) provide. */
export const Material = z.object({
  code: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  requirement: z.enum(['mandatory', 'conditional']),
  /** When a conditional material is needed, in words shown to the applicant. */
  condition: z.string().max(500).optional(),
  form: z.enum(['original', 'copy', 'original_and_copy', 'electronic']),
  count: z.number().int().min(1).max(100),
});
export type Material = z.infer<typeof Material>;

/** 收费标准: free, or a fixed amount in fen (1/100 yuan) with its legal basis. */
export const Fee = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('free') }),
  z.object({
    kind: z.literal('fixed'),
    amountFen: z.number().int().positive(),
    basis: z.string().min(1).max(500),
  }),
]);
export type Fee = z.infer<typeof Fee>;

/** 即办件 / 承诺件 / 联办件: how a case of this item is handled. */
export const HandlingCategory = z.enum(['instant', 'promised', 'joint']);
export type HandlingCategory = z.infer<typeof HandlingCategory>;

/** 承办 → 审核 → 批准: the kinds of review step, and the role each needs by default. */
export const StepKind = z.enum(['handle', 'review', 'approve']);
export type StepKind = z.infer<typeof StepKind>;

export const ProcedureStep = z.object({
  kind: StepKind,
  name: z.string().min(1).max(100),
  /** The role an officer needs to complete this step. Only reviewer and head may decide. */
  role: z.enum(['officer', 'reviewer', 'head']),
  limit: TimeLimit,
});
export type ProcedureStep = z.infer<typeof ProcedureStep>;

/** 联办件: the lead department (牵头部门) and the co-handling departments (协办部门) with their limits. */
export const JointHandling = z.object({
  leadDepartment: z.string().min(1).max(64),
  coHandlers: z
    .array(z.object({ department: z.string().min(1).max(64), limit: TimeLimit }))
    .min(1)
    .max(20),
});
export type JointHandling = z.infer<typeof JointHandling>;

/** 事项 as recorded: the fields of an item version, read leniently (see above). */
const RecordedServiceItem = z.object({
  /** 实施编码: opaque, up to 64 characters. */
  code: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  /** Implementing department (id in the department tree). */
  department: z.string().min(1).max(64),
  /** 设立依据 */
  legalBasis: z.string().min(1).max(2000),
  category: HandlingCategory,
  statutoryLimit: TimeLimit,
  promisedLimit: TimeLimit,
  materials: z.array(Material).max(200),
  fee: Fee,
  steps: z.array(ProcedureStep).min(1).max(20),
  joint: JointHandling.optional(),
  /** 超时默认: a case past its deadline without a decision is recorded as approved. */
  deemedApprovalOnTimeout: z.boolean(),
  /** 超时默许: a co-handler that misses its limit is deemed to agree. */
  coHandlerSilenceIsConsent: z.boolean(),
  /** How long an applicant has to supplement materials after a correction notice. */
  correctionLimit: TimeLimit,
  /**
   * 法律另有规定: the statute that allows a statutory limit beyond the general 20 (single department) or
   * 45 (joint) working days. Without it the catalogue refuses such a limit.
   */
  statutoryOverride: z.object({ basis: z.string().trim().min(1).max(2000) }).optional(),
  /** 保管期限 of its case files and the personal data in them; absent: the default (retention.ts). */
  retention: Retention.optional(),
});

/**
 * 事项: one service item of the catalogue as an administrator defines it. Versioned by the catalogue
 * stream: a case keeps the version it was accepted under.
 */
export const ServiceItemDefinition = RecordedServiceItem.extend({
  name: singleLine({ max: 200 }),
  legalBasis: multiLine({ max: 2000, required: true }),
  materials: z
    .array(Material.extend({ name: singleLine({ max: 200 }), condition: multiLine({ max: 500 }).optional() }))
    .max(200),
  // A blank basis is FeeBasisRequired (rules.ts), so the fee's basis is not `required` here.
  fee: z.discriminatedUnion('kind', [
    Fee.options[0],
    Fee.options[1].extend({ basis: multiLine({ max: 500 }).min(1) }),
  ]),
  steps: z
    .array(ProcedureStep.extend({ name: singleLine({ max: 100 }) }))
    .min(1)
    .max(20),
  statutoryOverride: z.object({ basis: multiLine({ max: 2000 }).trim().min(1) }).optional(),
  retention: RetentionDefinition.optional(),
});
export type ServiceItemDefinition = z.infer<typeof ServiceItemDefinition>;

/** A definition as stored: with the version the catalogue gave it. */
export const ServiceItemVersion = RecordedServiceItem.extend({ version: z.number().int().min(1) });
export type ServiceItemVersion = z.infer<typeof ServiceItemVersion>;

/**
 * The case's department, answerable for it (and whose people may act on it): the lead department of a
 * joint item, else the item's. Takes only what it reads, so an item read back from an event will do.
 */
export const responsibleDepartment = (
  item: Pick<ServiceItemDefinition, 'department'> & { joint?: Pick<JointHandling, 'leadDepartment'> },
): string => item.joint?.leadDepartment ?? item.department;
