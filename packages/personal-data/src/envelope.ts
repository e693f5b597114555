/**
 * A sealed value as the ledger stores it, in place of the personal value: one string,
 *
 *     sealed:v1:<suite>:<keyId>:<base64url of the suite's bytes>
 *
 * A string, so that every schema reading the field as a string (zod's `z.string()` in the domain) still
 * reads the sealed form. The suite says how to open it (cipher.ts); the key id says which key, and no more:
 * it is random, so that once the key is destroyed nothing in the ledger links the value to its subject.
 */
export interface Envelope {
  suite: string;
  keyId: string;
  bytes: Buffer;
}

export const ENVELOPE_PREFIX = 'sealed:v1:';
const ENVELOPE = /^sealed:v1:([a-z0-9][a-z0-9-]{0,31}):([0-9a-f]{32}):([A-Za-z0-9_-]+)$/;

export const formatEnvelope = ({ suite, keyId, bytes }: Envelope): string =>
  `${ENVELOPE_PREFIX}${suite}:${keyId}:${bytes.toString('base64url')}`;

/** The envelope a stored string is, or undefined for any other string (a value never sealed). */
export function parseEnvelope(value: unknown): Envelope | undefined {
  if (typeof value !== 'string' || !value.startsWith(ENVELOPE_PREFIX)) return undefined;
  const match = ENVELOPE.exec(value);
  if (match === null) return undefined;
  return { suite: match[1]!, keyId: match[2]!, bytes: Buffer.from(match[3]!, 'base64url') };
}

/**
 * What a sealed value is bound to (the AAD): the event it is in and the field it is for. A value copied into
 * another event or field of the ledger does not open there.
 */
export const sealedValueAad = (stream: string, eventId: string, type: string, path: string): Buffer =>
  Buffer.from(`docket/sealed/1\n${stream}\n${eventId}\n${type}\n${path}`, 'utf8');
