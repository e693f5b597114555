import type { z } from 'zod';
import type { Endpoint, HttpBinding, RequestOf } from './endpoint';

// The HTTP API as a client sees it, typed from the same declarations the gateway serves: which path
// parameters an operation takes, what body it sends and what it answers. Used by the end-to-end suites,
// the benchmarks and the console; no request type is written by hand.

/** An endpoint that is reached over HTTP. */
export type HttpEndpoint = Endpoint<z.ZodType, z.ZodType, HttpBinding>;

/** The path parameters an operation takes, each as text. */
export type ParamsOf<E> = E extends { http?: { params?: infer P } }
  ? P extends Record<string, string>
    ? { [K in keyof P]: string }
    : Record<never, string>
  : Record<never, string>;

/** The JSON body an operation sends: the request's `data`, or the request less its path parameters. */
export type BodyOf<E> = E extends { http?: { binds: 'data' } }
  ? RequestOf<E> extends { data?: infer D }
    ? D
    : never
  : E extends { http?: { binds: 'spread' } }
    ? Omit<RequestOf<E>, keyof ParamsOf<E>>
    : undefined;

/** What a call names: path parameters (when the operation has some), query string, body (when it sends one). */
export type CallOf<E> = (keyof ParamsOf<E> extends never
  ? { params?: undefined }
  : { params: ParamsOf<E> }) & {
  query?: Record<string, string | undefined>;
} & (BodyOf<E> extends undefined ? { body?: undefined } : { body: BodyOf<E> });

export interface HttpRequestLine {
  method: HttpBinding['method'];
  /** The path with its parameters filled in (encoded) and the query string. */
  path: string;
  /** The JSON body; undefined when the operation sends none. */
  body?: unknown;
}

/** The method, path and body of a call, as the gateway expects them. */
export function httpRequestOf<E extends HttpEndpoint>(endpoint: E, call: CallOf<E>): HttpRequestLine {
  const http = endpoint.http;
  if (http === undefined) throw new Error(`${endpoint.subject} is not reached over HTTP`);
  const { method, path, binds } = http;
  const params = (call.params ?? {}) as Record<string, string>;
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${http.operationId} needs the path parameter ${name}`);
    return encodeURIComponent(value);
  });
  const query = Object.entries(call.query ?? {}).filter(
    (entry): entry is [string, string] => entry[1] !== undefined,
  );
  const search = query.length === 0 ? '' : `?${new URLSearchParams(query).toString()}`;
  return {
    method,
    path: `${filled}${search}`,
    ...(binds === 'none' ? {} : { body: call.body ?? {} }),
  };
}
