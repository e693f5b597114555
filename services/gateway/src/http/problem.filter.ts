import type { Logger } from '@docket/service-kit';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Problem, problemOf } from './problem';

/** Nest's own HTTP exceptions (unknown route, wrong method) under docket's codes. */
const CODE_BY_STATUS: Record<number, string> = {
  400: 'MalformedBody',
  404: 'RouteNotFound',
  405: 'MethodNotAllowed',
  413: 'PayloadTooLarge',
  415: 'UnsupportedMediaType',
};

/** Any error, from Nest or from docket, as the problem it is (RFC 9457). Server faults are logged. */
export function toProblem(error: unknown, instance: string, logger?: Logger): Problem {
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = CODE_BY_STATUS[status] ?? 'InternalError';
    // Fastify's "Unsupported Media Type" does not say what to send instead.
    const message = status === 415 ? 'The body must be JSON (Content-Type: application/json)' : error.message;
    return problemOf({ code, kind: status === 400 ? 'invalid' : undefined, message }, instance);
  }
  const problem = problemOf(error, instance);
  if (problem.status >= 500) logger?.error(`${instance}: ${problem.code}`, error);
  return problem;
}

export function sendProblem(reply: FastifyReply, problem: Problem): void {
  // RFC 6750 §3: a request without credentials gets the bare challenge; a bad token also says so, which
  // is what tells a client to get a new token rather than retry.
  if (problem.status === 401)
    reply.header(
      'www-authenticate',
      problem.code === 'TokenMissing'
        ? 'Bearer realm="docket"'
        : 'Bearer realm="docket", error="invalid_token"',
    );
  const retry = (problem.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
  if ((problem.status === 429 || problem.status === 503 || problem.status === 507) && retry !== undefined)
    reply.header('retry-after', String(retry));
  reply.status(problem.status).type('application/problem+json; charset=utf-8').send(JSON.stringify(problem));
}

/** The gateway's global HTTP filter: every failure a handler throws becomes problem+json. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(private readonly logger?: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    sendProblem(
      http.getResponse<FastifyReply>(),
      toProblem(error, request.url.split('?')[0] ?? '', this.logger),
    );
  }
}
