import type { Actor } from '@docket/domain';
import { bearerToken, type TokenVerifier } from '@docket/identity';

/** Who the request's bearer token says is acting. @throws TokenMissing / TokenMalformed / TokenExpired / TokenInvalid (401) */
export async function authenticate(
  verifier: TokenVerifier,
  authorization: string | undefined,
): Promise<Actor> {
  return verifier.verify(bearerToken(authorization));
}
