import { ErasureLegalBasis, IdType, multiLine, SubjectRef, singleLine } from '@docket/domain';
import { z } from 'zod';
import { CaseNo } from './common';
import { command, query } from './endpoint';
import { CASE_PARAM, readAt } from './http-bindings';
import { AuditExportQuery, AuditStateQuery, asOfRequestOf } from './http-forms';

/**
 * A ledger position: a bigint on the bus (`{"$bigint": "42"}` on the wire), or its decimal text as an
 * HTTP client writes it.
 */
export const LedgerPosition = z.union([
  z.bigint().nonnegative(),
  z
    .number()
    .int()
    .nonnegative()
    .transform((value) => BigInt(value)),
  z
    .string()
    .regex(/^(0|[1-9][0-9]{0,18})$/, 'a ledger position: a non-negative integer')
    .transform((value) => BigInt(value)),
]);

/** A past moment: a global ledger position, or an instant of domain time (ISO-8601 with offset). */
export const AsOfRequest = z.union([
  z.object({ position: LedgerPosition }).strict(),
  z.object({ instant: z.iso.datetime({ offset: true }) }).strict(),
]);
export type AsOfRequest = z.infer<typeof AsOfRequest>;

/** Personal data an auditor may have unmasked for one case (PIPL): ID numbers, phone numbers, addresses. */
export const PersonalDataField = z.enum(['idNumber', 'phone', 'address']);
export type PersonalDataField = z.infer<typeof PersonalDataField>;
export const PERSONAL_DATA_FIELDS: readonly PersonalDataField[] = PersonalDataField.options;

export const CaseHistoryRequest = z.object({ caseNo: CaseNo }).strict();
/** The state as of a moment; without `asOf`, as of the ledger's head now. */
export const CaseStateRequest = z.object({ caseNo: CaseNo, asOf: AsOfRequest.optional() }).strict();
export const CaseExportRequest = z
  .object({ caseNo: CaseNo, format: z.enum(['json', 'html']).default('json') })
  .strict();
export const VerifyLedgerRequest = z
  .object({ from: LedgerPosition.optional(), to: LedgerPosition.optional() })
  .strict();
export const DisclosePersonalDataRequest = z
  .object({
    caseNo: CaseNo,
    /** Why the auditor needs the unmasked values: recorded in the ledger with the disclosure (the text rule). */
    reason: multiLine({ max: 2000, required: true }).trim(),
    fields: z.array(PersonalDataField).min(1).optional(),
  })
  .strict();
export const SignCheckpointRequest = z.object({ force: z.boolean().optional() }).strict();

/**
 * Whose personal data is erased: by what the centre knows of them (an ID document; an account; the name
 * and phone a complaint was taken down with), or by the reference `docket personal-data subjects` lists.
 * The audit service turns it into the subject's reference: the identifiers themselves are not recorded.
 */
export const ErasureSubject = z.union([
  z.object({ idType: IdType, idNumber: singleLine({ max: 64 }) }).strict(),
  z.object({ userId: z.string().min(1).max(128) }).strict(),
  z.object({ name: singleLine({ max: 200 }), phone: singleLine({ max: 32 }) }).strict(),
  z.object({ ref: SubjectRef }).strict(),
]);
export type ErasureSubject = z.infer<typeof ErasureSubject>;
export const ErasePersonalDataRequest = z
  .object({
    subject: ErasureSubject,
    legalBasis: ErasureLegalBasis,
    /** Why (说理式), recorded with the order: the provision or the request, never the person's data. */
    reason: multiLine({ max: 2000, required: true }).trim(),
  })
  .strict();

/** One line of a case's history (the audit package's CaseHistoryEntry), personal data masked for the reader. */
export interface AuditHistoryEntry {
  position: bigint;
  stream: string;
  revision: bigint;
  eventId: string;
  type: string;
  occurredAt: string;
  recordedAt: string;
  actor: { id: string; name: string; roles: string[]; department?: string };
  channel: string | null;
  reason: string | null;
  opinion: string | null;
  causationId: string | null;
  hash: string;
  previousHash: string;
}

/** Whether what is answered shows personal data in full or masked (and which fields were disclosed). */
export interface PersonalDataNotice {
  personalData: 'full' | 'masked';
  /** Fields shown in full by a disclosure, when one was made for this answer. */
  disclosed?: PersonalDataField[];
}

export interface CaseHistoryReply extends PersonalDataNotice {
  caseNo: string;
  entries: AuditHistoryEntry[];
}

/** The case as it stood: the audit package's CaseStateAsOf, masked for the reader. */
export interface CaseStateReply extends PersonalDataNotice {
  caseNo: string;
  asOf: { position: bigint | null; instant?: string };
  application: unknown;
  review: unknown;
  clock: unknown;
  complaints: Record<string, unknown>;
  orders: Record<string, unknown>;
  rating: unknown;
}

/** The case export (`docket-case-audit/1`), with proofs when a signed checkpoint exists. */
export type CaseExportReply =
  | ({ format: 'json'; export: Record<string, unknown> } & PersonalDataNotice)
  | ({ format: 'html'; html: string } & PersonalDataNotice);

/** The ledger's verify(): counts and the head hash, or the first position that does not match. */
export type VerifyLedgerReply =
  | { ok: true; count: number; headPosition: bigint | null; headHash: string }
  | { ok: false; count: number; position: bigint; reason: string };

export interface SignedCheckpointView {
  format: string;
  ledgerId: string;
  size: number;
  headHash: string;
  treeRoot: string;
  signedAt: string;
  keyId: string;
  signature: string;
}

export interface CheckpointListReply {
  checkpoints: SignedCheckpointView[];
  /** The public keys checkpoints are checked with (SPKI PEM, by key id): hand them out of band. */
  keys: { keyId: string; publicKeyPem: string }[];
}

export interface SignCheckpointReply {
  /** False when the newest checkpoint already covered the ledger's head (nothing was written). */
  signed: boolean;
  checkpoint: SignedCheckpointView;
}

/** An erasure as the audit service answers it (over HTTP the position is decimal text). */
export interface ErasureReply {
  subject: string;
  stream: string;
  keysDestroyed: number;
  purged: boolean;
  position: bigint;
  replayed: boolean;
}

export interface DisclosureReply extends CaseHistoryReply {
  /** Where the disclosure event landed; `replayed` when a retry was answered from the first one. */
  disclosure: { stream: string; eventId: string; position: bigint; replayed: boolean };
  state: CaseStateReply;
}

/*
 * The replies as the gateway sends them over HTTP (bigints as decimal strings), as schemas: the OpenAPI
 * document is generated from them, and the end-to-end suites check every audit answer against them.
 */
const Position = z
  .string()
  .regex(/^[0-9]+$/)
  .describe('a global ledger position');
const Hash = z
  .string()
  .regex(/^[0-9a-f]{64}$/)
  .describe('SHA-256, hex');
const PersonalDataNoticeShape = {
  personalData: z.enum(['full', 'masked']).describe('ID and phone numbers shown in full, or masked'),
  disclosed: z.array(PersonalDataField).optional().describe('fields a disclosure unmasked for this answer'),
};

export const AuditHistoryEntrySchema = z.strictObject({
  position: Position,
  stream: z.string(),
  revision: z.string().regex(/^[0-9]+$/),
  eventId: z.uuid(),
  type: z.string(),
  occurredAt: z.string().describe('domain time, with the centre’s offset'),
  recordedAt: z.string(),
  actor: z.strictObject({
    id: z.string(),
    name: z.string(),
    roles: z.array(z.string()),
    department: z.string().optional(),
  }),
  channel: z.string().nullable(),
  reason: z.string().nullable(),
  opinion: z.string().nullable(),
  causationId: z.string().nullable(),
  hash: Hash,
  previousHash: Hash,
});

export const CaseHistoryReplySchema = z.strictObject({
  caseNo: z.string(),
  entries: z.array(AuditHistoryEntrySchema),
  ...PersonalDataNoticeShape,
});

export const CaseStateReplySchema = z.strictObject({
  caseNo: z.string(),
  asOf: z.strictObject({ position: Position.nullable(), instant: z.string().optional() }),
  application: z.unknown().describe('the application (窗口) state, or null before submission'),
  review: z.unknown().describe('the review state, or null before acceptance'),
  clock: z.unknown().describe('the clock state: deadlines, pauses, warnings, cards'),
  complaints: z.record(z.string(), z.unknown()).describe('by complaint id'),
  orders: z.record(z.string(), z.unknown()).describe('supervision orders, by id'),
  rating: z.unknown(),
  ...PersonalDataNoticeShape,
});

export const CaseExportSchema = z
  .looseObject({
    format: z.literal('docket-case-audit/1'),
    caseNo: z.string(),
    exportedAt: z.string(),
    events: z.array(z.unknown()).describe('envelopes, canonical records and chain links'),
    personalData: z.enum(['full', 'masked']),
  })
  .describe('docket-case-audit/1: caseNo, exportedAt, ledgerHead, chain, events, proofs?, proofCheck');

export const VerifyLedgerReplySchema = z.union([
  z.strictObject({
    ok: z.literal(true),
    count: z.number().int(),
    headPosition: Position.nullable(),
    headHash: Hash,
  }),
  z.strictObject({ ok: z.literal(false), count: z.number().int(), position: Position, reason: z.string() }),
]);

export const SignedCheckpointSchema = z.strictObject({
  format: z.string(),
  ledgerId: z.string(),
  size: z.number().int().describe('events covered: positions 1..size'),
  headHash: Hash,
  treeRoot: Hash.describe('RFC 9162 Merkle root over the chain hashes'),
  signedAt: z.string(),
  keyId: z.string(),
  // The suite, signed with the rest; absent on checkpoints signed before it was named (SHA-256, Ed25519).
  hashAlgorithm: z.enum(['sha256', 'sm3']).optional().describe('the chain and tree hash; sm3: 国密'),
  signatureAlgorithm: z.enum(['ed25519', 'sm2-sm3']).optional().describe('sm2-sm3: SM2, default ID'),
  keyAlgorithm: z.enum(['ed25519', 'sm2']).optional(),
  signature: z.string().describe('Ed25519, or SM2 (DER), base64'),
});

export const CheckpointListReplySchema = z.strictObject({
  checkpoints: z.array(SignedCheckpointSchema),
  keys: z.array(z.strictObject({ keyId: z.string(), publicKeyPem: z.string() })),
});

export const SignCheckpointReplySchema = z.strictObject({
  signed: z.boolean().describe('false when the newest checkpoint already covered the head'),
  checkpoint: SignedCheckpointSchema,
});

export const ErasureReplySchema = z.strictObject({
  subject: SubjectRef.describe("the subject's reference: a keyed hash, never the identifier"),
  stream: z.string(),
  keysDestroyed: z.number().int().describe('keys destroyed by this erasure (0: none was left)'),
  purged: z.boolean().describe("false: the vault's log still held the key's old page; it is emptied later"),
  position: Position.describe(
    'PersonalDataErased: every service rebuilds its read models without the values once it reaches it',
  ),
  replayed: z.boolean(),
});

export const DisclosureReplySchema = CaseHistoryReplySchema.extend({
  disclosure: z.strictObject({
    stream: z.string(),
    eventId: z.uuid(),
    position: Position,
    replayed: z.boolean().describe('a retry (same Idempotency-Key and body) answered from the first'),
  }),
  state: CaseStateReplySchema,
});

/** The audit service (审计): it reads the ledger only, never read models, and writes `disclosure-<caseNo>`. */
export const audit = {
  history: query('audit.qry.history', CaseHistoryRequest, {
    reply: CaseHistoryReplySchema,
    http: readAt({
      operationId: 'auditCaseHistory',
      path: '/api/audit/cases/{caseNo}/history',
      tag: 'audit',
      summary:
        '办件全过程: every event of the case across its streams, in ledger order, with actor, reason or opinion and hashes (from the ledger)',
      params: CASE_PARAM,
      problems: [400, 401, 403, 404],
    }),
  }),
  state: query('audit.qry.state', CaseStateRequest, {
    reply: CaseStateReplySchema,
    http: readAt({
      operationId: 'auditCaseState',
      path: '/api/audit/cases/{caseNo}/state',
      tag: 'audit',
      summary:
        '时间回溯: the case as it stood at a past ledger position or instant, replayed from the ledger',
      params: CASE_PARAM,
      query: AuditStateQuery,
      fromQuery: asOfRequestOf,
      problems: [400, 401, 403, 404],
    }),
  }),
  export: query('audit.qry.export', CaseExportRequest, {
    reply: CaseExportSchema,
    http: readAt({
      operationId: 'auditCaseExport',
      path: '/api/audit/cases/{caseNo}/export',
      tag: 'audit',
      summary:
        '审计文件: the case as a self-contained JSON file with hashes and inclusion proofs against the newest signed checkpoint; Accept: text/html or ?format=html gives the printable timeline',
      params: CASE_PARAM,
      query: AuditExportQuery,
      // JSON as below; with Accept: text/html or ?format=html, the printable timeline instead.,
      problems: [400, 401, 403, 404],
    }),
  }),
  verify: query('audit.qry.verify', VerifyLedgerRequest, {
    reply: VerifyLedgerReplySchema,
    http: {
      operationId: 'verifyLedger',
      method: 'POST',
      path: '/api/audit/verify',
      tag: 'audit',
      summary:
        "Walk the ledger's hash chain (all or a range): counts and the head hash, or the first position that does not match and why",
      access: 'bearer',
      binds: 'spread',
      success: 200,
      problems: [400, 401, 403],
    },
  }),
  checkpoints: query('audit.qry.checkpoints', z.object({}).strict(), {
    reply: CheckpointListReplySchema,
    http: readAt({
      operationId: 'listCheckpoints',
      path: '/api/audit/checkpoints',
      tag: 'audit',
      summary: "The signed checkpoints of the ledger, oldest first, and the centre's public keys",
      problems: [401, 403],
    }),
  }),
  signCheckpoint: command('audit.cmd.signCheckpoint', SignCheckpointRequest, {
    reply: SignCheckpointReplySchema,
    http: {
      operationId: 'signCheckpoint',
      method: 'POST',
      path: '/api/audit/checkpoints',
      tag: 'audit',
      summary: "Sign the ledger's head now with the centre's key (an administrator of the centre)",
      access: 'bearer',
      binds: 'spread',
      success: 201,
      problems: [400, 401, 403, 409],
    },
  }),
  disclose: command('audit.cmd.disclose', DisclosePersonalDataRequest, {
    reply: DisclosureReplySchema,
    does: 'DisclosePersonalData',
    http: {
      operationId: 'discloseCasePersonalData',
      method: 'POST',
      path: '/api/audit/cases/{caseNo}/disclosures',
      tag: 'audit',
      summary:
        "个人信息披露: an auditor has the case's ID and phone numbers shown in full, giving a reason; the disclosure is recorded in the ledger first",
      access: 'bearer',
      params: CASE_PARAM,
      binds: 'spread',
      success: 201,
      problems: [400, 401, 403, 404, 422],
    },
  }),
  erasePersonalData: command('audit.cmd.erasePersonalData', ErasePersonalDataRequest, {
    reply: ErasureReplySchema,
    does: 'OrderErasure',
    http: {
      operationId: 'erasePersonalData',
      method: 'POST',
      path: '/api/audit/personal-data/erasures',
      tag: 'audit',
      summary:
        "删除个人信息 (PIPL Art. 47): an administrator erases a data subject's personal data: the order is recorded, the subject's keys destroyed, every read model rebuilt; the ledger and its checkpoints still verify",
      access: 'bearer',
      binds: 'spread',
      success: 201,
      problems: [400, 401, 403, 422],
    },
  }),
} as const;
