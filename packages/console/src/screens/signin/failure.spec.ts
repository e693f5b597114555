import { describe, expect, it } from 'vitest';
import { OAUTH_ERRORS, OidcSignInError } from '../../auth/oidc';
import { signInFailureKey } from './failure';
import { en, zh } from './messages';

describe('what a failed single sign-on tells the user', () => {
  it('a message by the reason, whatever the error’s own words', () => {
    expect(signInFailureKey(new OidcSignInError('unknown_state', 'invalid_state', 'forged text'))).toBe(
      'unknown_state',
    );
    expect(signInFailureKey(new OidcSignInError('issuer_mismatch', 'invalid_issuer', 'x'))).toBe(
      'issuer_mismatch',
    );
    expect(
      signInFailureKey(new OidcSignInError('provider_error', 'access_denied', 'x', 'access_denied')),
    ).toBe('access_denied');
    expect(
      signInFailureKey(new OidcSignInError('provider_error', 'login_required', 'x', 'login_required')),
    ).toBe('interaction_required');
    // An error code that is not a known one: the generic message.
    expect(signInFailureKey(new OidcSignInError('provider_error', 'unknown_error', 'x'))).toBe(
      'provider_error',
    );
    expect(signInFailureKey(new Error('anything'))).toBe('unexpected');
  });

  it('every known provider error code has a message, in both languages', () => {
    for (const code of OAUTH_ERRORS) {
      const key = signInFailureKey(new OidcSignInError('provider_error', code, 'x', code));
      expect(zh.errors[key], code).toMatch(/[\u4e00-\u9fff]/);
      expect(en.errors[key], code).toBeTruthy();
    }
    expect(Object.keys(en.errors).sort()).toEqual(Object.keys(zh.errors).sort());
  });
});
