import { type Context, context, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import * as attr from './attributes';
import { type HeaderCarrier, remoteContext } from './propagation';
import { docketTracer } from './setup';
import { errorType, recordError } from './spans';

/**
 * What fastifyTracing needs of a Fastify instance, structurally, so the gateway can pass the one inside
 * NestJS's FastifyAdapter (`app.getHttpAdapter().getInstance()`) without this package depending on it.
 */
export interface HookHost {
  addHook(name: string, hook: (...args: never[]) => unknown): unknown;
}

/** The parts of FastifyRequest and FastifyReply read here. */
export interface TracedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: HeaderCarrier;
  readonly protocol?: string;
  readonly routeOptions?: { readonly url?: string | undefined };
}
export interface TracedReply {
  readonly statusCode: number;
}
type Done = (error?: Error) => void;

interface InFlight {
  span: Span;
  ctx: Context;
  error?: unknown;
  ended: boolean;
}

const KNOWN_METHODS = new Set([
  'CONNECT',
  'DELETE',
  'GET',
  'HEAD',
  'OPTIONS',
  'PATCH',
  'POST',
  'PUT',
  'TRACE',
  'QUERY',
]);

/**
 * A SERVER span per HTTP request, `<METHOD> <route pattern>`, continuing an incoming `traceparent`, and
 * active while the route handler runs, so that a bus request made in the handler joins the trace.
 * Call it before registering routes.
 *
 * Fastify calls the next lifecycle step synchronously from `done`, so calling `done` inside
 * `context.with` makes the span active for everything after this hook: later hooks, and the handler
 * with whatever it awaits. Body parsing does not lose it either: Fastify 5 runs the parser's callback in
 * an AsyncResource created in that context (the tests post a body over a real socket to check).
 */
export function fastifyTracing(app: HookHost): void {
  const requests = new WeakMap<object, InFlight>();

  app.addHook('onRequest', (request: TracedRequest, _reply: TracedReply, done: Done) => {
    const method = KNOWN_METHODS.has(request.method) ? request.method : '_OTHER';
    const route = request.routeOptions?.url;
    const parent = remoteContext(request.headers);
    const span = docketTracer().startSpan(
      route === undefined ? method : `${method} ${route}`,
      {
        kind: SpanKind.SERVER,
        attributes: {
          [attr.ATTR_HTTP_REQUEST_METHOD]: method,
          [attr.ATTR_URL_PATH]: pathOf(request.url),
          ...(request.protocol !== undefined ? { [attr.ATTR_URL_SCHEME]: request.protocol } : {}),
          ...(route !== undefined ? { [attr.ATTR_HTTP_ROUTE]: route } : {}),
        },
      },
      parent,
    );
    const ctx = trace.setSpan(parent, span);
    requests.set(request, { span, ctx, ended: false });
    context.with(ctx, done);
  });

  app.addHook('onError', (request: TracedRequest, _reply: TracedReply, error: unknown, done: Done) => {
    const inFlight = requests.get(request);
    if (inFlight !== undefined) {
      inFlight.error = error;
      inFlight.span.recordException(error instanceof Error ? error : String(error));
    }
    done();
  });

  app.addHook('onResponse', (request: TracedRequest, reply: TracedReply, done: Done) => {
    const inFlight = requests.get(request);
    if (inFlight !== undefined && !inFlight.ended) {
      inFlight.ended = true;
      const { span, error } = inFlight;
      span.setAttribute(attr.ATTR_HTTP_RESPONSE_STATUS_CODE, reply.statusCode);
      // HTTP semconv: a server span is an error for 5xx only; a 4xx is the client's mistake.
      if (reply.statusCode >= 500) {
        span.setAttribute(
          attr.ATTR_ERROR_TYPE,
          error !== undefined ? errorType(error) : String(reply.statusCode),
        );
        span.setStatus({
          code: SpanStatusCode.ERROR,
          ...(error instanceof Error ? { message: error.message } : {}),
        });
      }
      span.end();
    }
    done();
  });

  app.addHook('onRequestAbort', (request: TracedRequest, done: Done) => {
    const inFlight = requests.get(request);
    if (inFlight !== undefined && !inFlight.ended) {
      inFlight.ended = true;
      recordError(inFlight.span, new Error('The client aborted the request'));
      inFlight.span.end();
    }
    done();
  });
}

function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
