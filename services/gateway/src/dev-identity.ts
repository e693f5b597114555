import {
  createTokenIssuer,
  createTokenVerifier,
  type Directory,
  type SigningKeys,
  type TokenVerifier,
} from '@docket/identity';
import type { GatewayDeps } from './gateway-deps';

/** The issuer and audience of docket's tokens. */
export const TOKEN_ISSUER = 'docket';

/** Verifies docket's tokens with the issuer's public key; departments must be the centre's. */
export const docketTokenVerifier = (
  publicKey: SigningKeys['publicKey'],
  directory: Directory,
): TokenVerifier =>
  createTokenVerifier({
    publicKey,
    issuer: TOKEN_ISSUER,
    audience: TOKEN_ISSUER,
    departments: directory.tree,
  });

/**
 * The gateway's identity with a development key pair (the embedded mode, tests): it verifies tokens
 * signed with the key and issues them for the seeded users at /api/dev/tokens.
 */
export function developmentIdentity(
  keys: SigningKeys,
  directory: Directory,
  ttlSeconds = 8 * 3600,
): Pick<GatewayDeps, 'verifier' | 'devTokens'> {
  return {
    verifier: docketTokenVerifier(keys.publicKey, directory),
    devTokens: {
      issuer: createTokenIssuer({
        privateKey: keys.privateKey,
        issuer: TOKEN_ISSUER,
        audience: TOKEN_ISSUER,
        ttlSeconds,
      }),
      ttlSeconds,
    },
  };
}
