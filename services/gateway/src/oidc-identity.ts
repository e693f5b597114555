import {
  createOidcTokenVerifier,
  type Directory,
  type OidcSettings,
  type TokenVerifier,
  tokenVerifierByIssuer,
} from '@docket/identity';
import { TOKEN_ISSUER } from './dev-identity';
import type { GatewayDeps } from './gateway-deps';

/**
 * The gateway's identity with OpenID Connect (DOCKET_OIDC_*): the provider's access tokens, verified by
 * its JWKS and mapped to an Actor (roles and department from the configured claims, the department one
 * of the centre's), and what /api/auth/config tells the console. With `alongside` (docket's own tokens:
 * the development key, or the deployment's issuer key) both are accepted, the token's `iss` choosing
 * which verifier checks it.
 */
export function oidcIdentity(
  settings: OidcSettings,
  directory: Directory,
  alongside?: TokenVerifier,
): Required<Pick<GatewayDeps, 'verifier' | 'oidc'>> {
  if (settings.issuer === TOKEN_ISSUER)
    throw new Error(`DOCKET_OIDC_ISSUER must not be ${TOKEN_ISSUER}, the issuer of docket's own tokens`);
  const oidcVerifier = createOidcTokenVerifier({
    issuer: settings.issuer,
    audience: settings.audience,
    rolesClaim: settings.rolesClaim,
    departmentClaim: settings.departmentClaim,
    departments: directory.tree,
  });
  return {
    verifier:
      alongside === undefined
        ? oidcVerifier
        : tokenVerifierByIssuer({ [TOKEN_ISSUER]: alongside, [settings.issuer]: oidcVerifier }),
    oidc: {
      issuer: settings.issuer,
      clientId: settings.clientId,
      scopes: settings.scopes,
      provider: () => oidcVerifier.provider(),
    },
  };
}
