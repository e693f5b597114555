import { audit, endpointsOf, intake, monitoring, review, supervision } from '@docket/contracts';
import { localRoutes } from './local';
import { type Route, routeOf } from './route';

/** Every service endpoint reached over HTTP, as declared once in @docket/contracts. */
export const serviceRoutes: readonly Route[] = endpointsOf(intake, review, monitoring, supervision, audit)
  .filter((endpoint) => endpoint.http !== undefined)
  .map(routeOf);

/** The whole HTTP API by operation id: the services' endpoints and the gateway's own routes. */
export const routes: Readonly<Record<string, Route>> = {
  ...Object.fromEntries(serviceRoutes.map((route) => [route.operationId, route])),
  ...localRoutes,
};
