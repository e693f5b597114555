export { developmentIdentity, docketTokenVerifier, TOKEN_ISSUER } from './dev-identity';
export { type RunningGateway, startGateway } from './gateway';
export type { GatewayDeps } from './gateway-deps';
export { problemOf } from './http/problem';
export { openApiDocument } from './openapi/document';
export { routes } from './routes/table';
