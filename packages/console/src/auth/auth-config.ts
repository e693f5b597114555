import type { AuthConfigReply } from '@docket/contracts';
import type { z } from 'zod';
import { send } from '../api/client';
import type { OidcSignInSettings } from './oidc';

export type AuthConfig = z.infer<typeof AuthConfigReply>;

let config: Promise<AuthConfig> | undefined;

/** How this gateway signs people in (GET /api/auth/config), asked once per page load. */
export function authConfig(): Promise<AuthConfig> {
  config ??= send<AuthConfig>('GET', '/api/auth/config').catch((error: unknown) => {
    config = undefined;
    throw error;
  });
  return config;
}

/** The provider's settings for the console's sign-in, the redirect back to this gateway's callback. */
export function oidcSettingsOf(auth: AuthConfig): OidcSignInSettings | undefined {
  if (auth.mode !== 'oidc' || auth.oidc === undefined) return undefined;
  const { issuer, clientId, scopes, authorizationEndpoint, tokenEndpoint, endSessionEndpoint } = auth.oidc;
  return {
    issuer,
    clientId,
    scopes,
    redirectUri: `${location.origin}/signin/callback`,
    ...(authorizationEndpoint ? { authorizationEndpoint } : {}),
    ...(tokenEndpoint ? { tokenEndpoint } : {}),
    ...(endSessionEndpoint ? { endSessionEndpoint } : {}),
  };
}
