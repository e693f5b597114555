/**
 * docket's cryptography comes in two profiles, one choice for a whole deployment (`DOCKET_CRYPTO`):
 *
 * - `standard` (default): SHA-256 chains the ledger and builds the checkpoints' Merkle tree, Ed25519
 *   signs the checkpoints, AES-256-GCM seals personal data;
 * - `gm` (国密, commercial cryptography as assessed under GB/T 39786-2021 密评): SM3 (GB/T 32905)
 *   chains and builds the tree, SM2 with SM3 (GB/T 32918) signs, SM4 (GB/T 32907) seals.
 *
 * The ledger records its hash in its head when it is created, and every reader and verifier takes it
 * from there, never from the configuration: a file is checked with what it was made with.
 */
export type CryptoProfile = 'standard' | 'gm';

export const CRYPTO_PROFILES: readonly CryptoProfile[] = ['standard', 'gm'];

/** The hash of the ledger's chain: `sha256` (FIPS 180-4) or `sm3` (GB/T 32905-2016). Both 256 bits. */
export type HashAlgorithm = 'sha256' | 'sm3';

export const HASH_ALGORITHMS: readonly HashAlgorithm[] = ['sha256', 'sm3'];

/** What a ledger that records no hash was made with: every ledger written before the choice existed. */
export const DEFAULT_HASH_ALGORITHM: HashAlgorithm = 'sha256';

export const isHashAlgorithm = (value: unknown): value is HashAlgorithm =>
  value === 'sha256' || value === 'sm3';

/** The ledger hash a profile creates new ledgers with. */
export const hashAlgorithmOf = (profile: CryptoProfile): HashAlgorithm =>
  profile === 'gm' ? 'sm3' : 'sha256';

/** The profile named in `DOCKET_CRYPTO`: unset or empty is `standard`; anything unknown is refused. */
export function parseCryptoProfile(value: string | undefined, name = 'DOCKET_CRYPTO'): CryptoProfile {
  const text = value?.trim() ?? '';
  if (text === '') return 'standard';
  if (text === 'standard' || text === 'gm') return text;
  throw new Error(
    `${name} must be 'standard' (SHA-256, Ed25519, AES-256-GCM) or 'gm' (国密 SM3, SM2, SM4), not ${JSON.stringify(value)}`,
  );
}
