export { developmentIdentity, docketTokenVerifier, TOKEN_ISSUER } from './dev-identity';
export { type RunningGateway, startGateway } from './gateway';
export type { GatewayDeps } from './gateway-deps';
export { builtConsole, type ConsoleAssets } from './http/console-assets';
export { problemOf } from './http/problem';
export { oidcIdentity } from './oidc-identity';
export { openApiDocument } from './openapi/document';
export { routes } from './routes/table';
