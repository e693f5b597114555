import type { webcrypto } from 'node:crypto';
import {
  exportJWK,
  exportPKCS8,
  exportSPKI,
  generateKeyPair,
  importJWK,
  importPKCS8,
  importSPKI,
  type JWK,
} from 'jose';

/** WebCrypto's key type (jose 6 works on WebCrypto keys only); not a global in Node 20's typings. */
export type CryptoKey = webcrypto.CryptoKey;

/** The only signing algorithm docket issues: EdDSA over Ed25519 (small keys, deterministic signatures). */
export const SIGNING_ALGORITHM = 'EdDSA';

export interface SigningKeys {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}

export interface ExportedSigningKeys {
  privateJwk: JWK;
  publicJwk: JWK;
  /** PEM `-----BEGIN PRIVATE KEY-----` */
  privatePkcs8: string;
  /** PEM `-----BEGIN PUBLIC KEY-----` */
  publicSpki: string;
}

/** A fresh Ed25519 pair, extractable so that it can be exported (key files, JWKS endpoints). */
export async function generateSigningKeys(): Promise<SigningKeys> {
  return generateKeyPair(SIGNING_ALGORITHM, { crv: 'Ed25519', extractable: true });
}

export async function exportSigningKeys(keys: SigningKeys): Promise<ExportedSigningKeys> {
  return {
    privateJwk: await exportJWK(keys.privateKey),
    publicJwk: await exportJWK(keys.publicKey),
    privatePkcs8: await exportPKCS8(keys.privateKey),
    publicSpki: await exportSPKI(keys.publicKey),
  };
}

/** A key as configuration holds it: a JWK object, or PEM text (PKCS8 private, SPKI public). */
export type KeyMaterial = JWK | string;

/**
 * Imports an Ed25519 private key (JWK with `d`, or PKCS8 PEM). Extractable, so that the public half can be
 * derived from a private JWK (see publicJwkOf).
 */
export async function importPrivateKey(material: KeyMaterial): Promise<CryptoKey> {
  if (typeof material === 'string') return importPKCS8(material, SIGNING_ALGORITHM, { extractable: true });
  if (typeof material.d !== 'string') throw new TypeError('A private JWK needs its "d" member');
  return asCryptoKey(await importJWK(material, SIGNING_ALGORITHM, { extractable: true }));
}

/** Imports an Ed25519 public key (JWK, or SPKI PEM). A private JWK is reduced to its public members. */
export async function importPublicKey(material: KeyMaterial): Promise<CryptoKey> {
  if (typeof material === 'string') return importSPKI(material, SIGNING_ALGORITHM, { extractable: true });
  return asCryptoKey(await importJWK(publicJwkOf(material), SIGNING_ALGORITHM, { extractable: true }));
}

/** Imports whichever halves are given; the public key is derived from a private JWK when not given. */
export async function importKeys(material: {
  privateKey?: KeyMaterial;
  publicKey?: KeyMaterial;
}): Promise<{ privateKey?: CryptoKey; publicKey?: CryptoKey }> {
  const out: { privateKey?: CryptoKey; publicKey?: CryptoKey } = {};
  if (material.privateKey !== undefined) out.privateKey = await importPrivateKey(material.privateKey);
  if (material.publicKey !== undefined) out.publicKey = await importPublicKey(material.publicKey);
  else if (material.privateKey !== undefined && typeof material.privateKey !== 'string') {
    out.publicKey = await importPublicKey(material.privateKey);
  }
  return out;
}

/** The public members of an OKP JWK: never hand out `d`. */
export function publicJwkOf(jwk: JWK): JWK {
  const { kty, crv, x, kid } = jwk;
  return { kty, crv, x, ...(kid === undefined ? {} : { kid }), alg: SIGNING_ALGORITHM, use: 'sig' };
}

function asCryptoKey(key: CryptoKey | Uint8Array): CryptoKey {
  // importJWK answers Uint8Array only for symmetric (oct) keys, which an EdDSA import never is.
  if (key instanceof Uint8Array) throw new TypeError('Expected an Ed25519 key, got a symmetric key');
  return key;
}
