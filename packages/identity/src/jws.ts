import { decodeJwt, decodeProtectedHeader } from 'jose';
import { TokenMalformed } from './errors';

/**
 * A compact JWS: three base64url parts, JSON objects in the first two. Answers the header's `alg`, read
 * before any key is looked for, so that `alg: none` and HMAC tricks are refused before they get that far.
 */
export function parseStructure(token: string): string {
  const parts = token.split('.');
  if (parts.length !== 3) throw new TokenMalformed(`expected 3 dot-separated parts, got ${parts.length}`);
  if (!parts.every((part) => /^[A-Za-z0-9_-]*$/.test(part)))
    throw new TokenMalformed('parts are not base64url');
  try {
    const header = decodeProtectedHeader(token);
    decodeJwt(token);
    if (typeof header.alg !== 'string') throw new TokenMalformed('the header names no algorithm');
    return header.alg;
  } catch (error) {
    if (error instanceof TokenMalformed) throw error;
    throw new TokenMalformed('header or payload is not a base64url JSON object');
  }
}
