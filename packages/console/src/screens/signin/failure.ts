import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client';
import { problemText } from '../../api/problem-text';
import { type OAuthErrorCode, OidcSignInError } from '../../auth/oidc';
import type { zh } from './messages';

type ErrorKey = keyof typeof zh.errors;

/** What the provider's known error codes tell the user (any other code: the generic `provider_error`). */
const PROVIDER_ERRORS: Record<OAuthErrorCode, ErrorKey> = {
  access_denied: 'access_denied',
  interaction_required: 'interaction_required',
  login_required: 'interaction_required',
  account_selection_required: 'interaction_required',
  consent_required: 'interaction_required',
  server_error: 'provider_unavailable',
  temporarily_unavailable: 'provider_unavailable',
  invalid_request: 'provider_rejected',
  unauthorized_client: 'provider_rejected',
  unsupported_response_type: 'provider_rejected',
  invalid_scope: 'provider_rejected',
  invalid_request_uri: 'provider_rejected',
  invalid_request_object: 'provider_rejected',
  request_not_supported: 'provider_rejected',
  request_uri_not_supported: 'provider_rejected',
  registration_not_supported: 'provider_rejected',
  invalid_target: 'provider_rejected',
  invalid_client: 'provider_rejected',
  invalid_grant: 'provider_rejected',
  unsupported_grant_type: 'provider_rejected',
};

/** The message key for a failed single sign-on: by the error's reason, never by any text it carries. */
export function signInFailureKey(error: unknown): ErrorKey {
  if (!(error instanceof OidcSignInError)) return 'unexpected';
  if (error.reason === 'provider_error')
    return error.providerError === undefined ? 'provider_error' : PROVIDER_ERRORS[error.providerError];
  return error.reason;
}

/**
 * What to tell the user about a single sign-on that did not complete, in their language: a message per
 * reason (and per known provider error code), the API's own problem for a call to docket; never the
 * provider's or a link's words.
 */
export function signInFailureText(
  error: unknown,
  t: TFunction<'signin'>,
  common: TFunction<'common'>,
): string {
  if (error instanceof ApiError) return t('failed', { detail: problemText(error, common) });
  return t('failed', { detail: t(`errors.${signInFailureKey(error)}`) });
}
