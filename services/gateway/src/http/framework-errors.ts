import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { HttpProblem, problemOf } from './problem';
import { sendProblem } from './problem.filter';
import { BEFORE_ROUTING_HEADERS } from './security-headers';

/**
 * Fastify's refusals before a route is found (a URL that is not valid percent-encoding, a path parameter
 * over the length limit) would otherwise be Fastify's own JSON: they are problem+json like every other
 * refusal, so a client handles one error format.
 */
export function frameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const instance = request.url.split('?')[0] ?? '';
  const problem =
    error.code === 'FST_ERR_BAD_URL'
      ? new HttpProblem('MalformedUrl', 'invalid', 'The URL is not valid percent-encoding')
      : error.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? new HttpProblem('UriTooLong', undefined, 'A path parameter is longer than the gateway accepts')
        : error;
  reply.headers(BEFORE_ROUTING_HEADERS);
  sendProblem(reply, problemOf(problem, instance));
}

const CLIENT_ERRORS: Record<string, HttpProblem> = {
  ERR_HTTP_REQUEST_TIMEOUT: new HttpProblem('ClientTimeout', undefined, 'The request did not arrive in time'),
  HPE_HEADER_OVERFLOW: new HttpProblem(
    'HeaderFieldsTooLarge',
    undefined,
    'The request headers are larger than the gateway accepts',
  ),
};

/**
 * Requests Node's HTTP parser cannot read (a bad Content-Length, headers over the limit) never reach
 * Fastify's routing; they are answered on the socket, as Fastify's default handler does, but as
 * problem+json, and the connection is closed (its framing can no longer be trusted).
 */
export function clientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const problem = problemOf(
    CLIENT_ERRORS[error.code ?? ''] ??
      new HttpProblem('MalformedRequest', 'invalid', 'The request is not well-formed HTTP'),
  );
  const body = JSON.stringify(problem);
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status] ?? ''}\r\n` +
        'Content-Type: application/problem+json; charset=utf-8\r\n' +
        Object.entries(BEFORE_ROUTING_HEADERS)
          .map(([name, value]) => `${name}: ${value}\r\n`)
          .join('') +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  socket.destroy(error);
}
