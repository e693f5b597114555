import { parseRequest } from '@docket/contracts';
import type { Route } from '../routes/route';

/** The route's query string, validated like a body (unknown parameters are a 400). */
export function parseQuery(route: Route, query: unknown): Record<string, string | undefined> {
  if (route.query === undefined) return {};
  return parseRequest(route.query, query ?? {}) as Record<string, string | undefined>;
}
