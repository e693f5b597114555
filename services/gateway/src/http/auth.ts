import type { Actor } from '@docket/domain';
import { bearerToken, TokenExpired, type TokenVerifier } from '@docket/identity';

/** Who the request's bearer token says is acting. @throws TokenMissing / TokenMalformed / TokenExpired / TokenInvalid (401) */
export async function authenticate(
  verifier: TokenVerifier,
  authorization: string | undefined,
): Promise<Actor> {
  return verifier.verify(bearerToken(authorization));
}

/**
 * Until when a stream opened with this (already verified) bearer token may stay open: the token's `exp`,
 * in milliseconds; undefined for a token without one. A token is checked once, when the stream opens,
 * so the stream must end when the token does, and the client reconnects with a fresh one.
 * @throws TokenExpired (401) when `exp` has passed: the verifier still accepts the token within its
 * clock tolerance, but a stream opened with it would end at once, and its client would reconnect with
 * it again and again.
 */
export function streamDeadline(
  authorization: string | undefined,
  now: number = Date.now(),
): number | undefined {
  const payload = bearerToken(authorization).split('.')[1] ?? '';
  const { exp } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown };
  if (typeof exp !== 'number') return undefined;
  if (exp * 1000 <= now) throw new TokenExpired();
  return exp * 1000;
}
