import type { audit, ReplyOf } from '@docket/contracts';

export type Checkpoint = ReplyOf<typeof audit.checkpoints>['checkpoints'][number];

/**
 * The bytes the centre signed: the checkpoint's fields but the signature, as canonical JSON (keys sorted,
 * no spaces), as packages/audit's checkpointBytes writes them.
 */
export function checkpointBytes(checkpoint: Checkpoint): Uint8Array<ArrayBuffer> {
  const { format, ledgerId, size, headHash, treeRoot, signedAt, keyId } = checkpoint;
  const body: Record<string, string | number> = {
    format,
    ledgerId,
    size,
    headHash,
    treeRoot,
    signedAt,
    keyId,
  };
  const text = `{${Object.keys(body)
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

export type SignatureCheck = 'valid' | 'invalid' | 'untrusted-key' | 'unsupported';

/**
 * Checks the Ed25519 signature in the browser (WebCrypto) with the centre's public key of that key id:
 * the auditor need not trust the server's word that its checkpoint is signed. 'unsupported' where the
 * browser has no Ed25519.
 */
export async function checkSignature(
  checkpoint: Checkpoint,
  keys: readonly { keyId: string; publicKeyPem: string }[],
): Promise<SignatureCheck> {
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
