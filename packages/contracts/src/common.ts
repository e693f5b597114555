import { z } from 'zod';

/**
 * Control headers of a command request. They travel beside the payload (like the actor and the trace
 * context) because they say how to run the command, not what it is.
 */
/** Idempotency-Key of the HTTP request: a retried command appends nothing and gets the first answer. */
export const IDEMPOTENCY_KEY_HEADER = 'docket-idempotency-key';
/** Hash of the whole HTTP request (method, path, body): the same key with another request is refused. */
export const REQUEST_FINGERPRINT_HEADER = 'docket-request-fingerprint';
/** If-Match: the stream revision the client saw; a command against a newer revision is a conflict. */
export const EXPECTED_REVISION_HEADER = 'docket-expected-revision';
/** Read your writes: a query waits (briefly) until its read model has applied this ledger position. */
export const MIN_POSITION_HEADER = 'docket-min-position';

/**
 * 办件编号. Case numbers become part of stream names (`application-<caseNo>`), so they are held to the
 * ledger's stream-name alphabet here, before anything is written.
 */
export const CaseNo = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/, 'a case number: letters, digits and -');
export type CaseNo = z.infer<typeof CaseNo>;

/** 实施编码 of a catalogue item; also part of a stream name (`catalogue-<code>`). */
export const ItemCode = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/, 'an item code: letters, digits and _ . : -');

/** A command on one case: which case, and the command's payload as the domain declares it. */
export const onCase = <Data extends z.ZodType>(data: Data) => z.object({ caseNo: CaseNo, data });

/** What every command answers: where its events landed. Bigints stay bigints on the bus. */
export interface CommandReply {
  stream: string;
  caseNo?: string;
  /** The stream's revision after the command (the ETag a client sends back as If-Match). */
  revision: bigint | null;
  /** Global position of the last event stored: a later query can wait for it (read your writes). */
  position: bigint | null;
  /** True when this was a retry (same Idempotency-Key and request) and nothing new was stored. */
  replayed: boolean;
  events: { id: string; type: string; position: bigint }[];
}

/** Paging of every list query. */
export const PageRequest = z.object({
  offset: z.number().int().min(0).max(1_000_000).default(0),
  limit: z.number().int().min(1).max(200).default(20),
});
export type PageRequest = z.infer<typeof PageRequest>;

/** The reply of every command, as a schema (documentation: the OpenAPI document is generated from it). */
export const CommandReplySchema = z.object({
  stream: z.string().describe('the ledger stream the command wrote to'),
  caseNo: z.string().optional(),
  revision: z
    .string()
    .nullable()
    .describe("the stream's revision after the command: send it back as If-Match"),
  position: z
    .string()
    .nullable()
    .describe(
      'global ledger position of the last event stored: send it as X-Docket-Min-Position to read your writes',
    ),
  replayed: z
    .boolean()
    .describe('true when this answered a retry (same Idempotency-Key and request): nothing new was stored'),
  events: z.array(z.object({ id: z.uuid(), type: z.string(), position: z.string() })),
});
