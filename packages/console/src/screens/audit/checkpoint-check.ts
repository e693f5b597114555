import type { audit, ReplyOf } from '@docket/contracts';

export type Checkpoint = ReplyOf<typeof audit.checkpoints>['checkpoints'][number];

/**
 * The bytes the centre signed: the checkpoint's fields but the signature, as canonical JSON (keys sorted,
 * no spaces), as packages/audit's checkpointBytes writes them.
 */
export function checkpointBytes(checkpoint: Checkpoint): Uint8Array<ArrayBuffer> {
  const { signature: _signature, ...fields } = checkpoint;
  // Every field but the signature (the suite's three too, where the checkpoint names them).
  const body: Record<string, string | number | undefined> = fields;
  const text = `{${Object.keys(body)
    .filter((key) => body[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${JSON.stringify(body[key])}`)
    .join(',')}}`;
  return new TextEncoder().encode(text);
}

const fromBase64 = (text: string): Uint8Array<ArrayBuffer> =>
  Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** The DER inside an SPKI PEM block. */
const derOfPem = (pem: string): Uint8Array<ArrayBuffer> =>
  fromBase64(pem.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '').replace(/\s+/g, ''));

export type SignatureCheck = 'valid' | 'invalid' | 'untrusted-key' | 'unsupported' | 'server-only';

/**
 * Checks the Ed25519 signature in the browser (WebCrypto) with the centre's public key of that key id:
 * the auditor need not trust the server's word that its checkpoint is signed. 'unsupported' where the
 * browser has no Ed25519. 'server-only' for a 国密 checkpoint (SM2 with SM3): WebCrypto has neither, so
 * it is checked with `docket checkpoint verify` (packages/audit), not here.
 */
export async function checkSignature(
  checkpoint: Checkpoint,
  keys: readonly { keyId: string; publicKeyPem: string }[],
): Promise<SignatureCheck> {
  if ((checkpoint.signatureAlgorithm ?? 'ed25519') !== 'ed25519') return 'server-only';
  const key = keys.find((k) => k.keyId === checkpoint.keyId);
  if (key === undefined) return 'untrusted-key';
  let publicKey: CryptoKey;
  try {
    publicKey = await crypto.subtle.importKey(
      'spki',
      derOfPem(key.publicKeyPem),
      { name: 'Ed25519' },
      false,
      ['verify'],
    );
  } catch {
    return 'unsupported';
  }
  const valid = await crypto.subtle.verify(
    { name: 'Ed25519' },
    publicKey,
    fromBase64(checkpoint.signature),
    checkpointBytes(checkpoint),
  );
  return valid ? 'valid' : 'invalid';
}
