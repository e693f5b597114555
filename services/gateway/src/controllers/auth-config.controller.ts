import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { GATEWAY, type GatewayDeps } from '../gateway-deps';
import { localRoutes as routes } from '../routes/local';
import { nestPath } from '../routes/route';

/**
 * How the console signs in, asked before anyone has: OpenID Connect with the configured provider, or
 * development tokens (the embedded mode). The provider's endpoints come from its discovery document;
 * when it cannot be read just now they are left out (the console may read the document itself).
 */
@Controller()
export class AuthConfigController {
  constructor(@Inject(GATEWAY) private readonly deps: GatewayDeps) {}

  @Get(nestPath(routes.authConfig.path))
  async config(@Res({ passthrough: true }) reply: FastifyReply) {
    reply.header('cache-control', 'no-cache');
    const devTokens = this.deps.devTokens !== undefined;
    const oidc = this.deps.oidc;
    if (oidc === undefined) return { mode: devTokens ? 'development' : 'none', devTokens };
    let endpoints = {};
    try {
      const provider = await oidc.provider();
      endpoints = {
        ...(provider.authorization_endpoint === undefined
          ? {}
          : { authorizationEndpoint: provider.authorization_endpoint }),
        ...(provider.token_endpoint === undefined ? {} : { tokenEndpoint: provider.token_endpoint }),
        ...(provider.end_session_endpoint === undefined
          ? {}
          : { endSessionEndpoint: provider.end_session_endpoint }),
      };
    } catch (error) {
      this.deps.logger.warn(
        `the identity provider ${oidc.issuer} could not be asked for its endpoints: ${(error as Error).message}`,
      );
    }
    return {
      mode: 'oidc',
      devTokens,
      oidc: { issuer: oidc.issuer, clientId: oidc.clientId, scopes: oidc.scopes, ...endpoints },
    };
  }
}
