import type { FastifyInstance } from 'fastify';
import { HttpProblem } from './problem';

/**
 * The one body the gateway reads: JSON, in UTF-8 (RFC 8259 §8.1). Fastify's own parser decoded the
 * bytes leniently, so invalid UTF-8 became replacement characters: sent chunked, it reached a service
 * as other text than the client's; with a Content-Length, the decoded length no longer matched and the
 * client was told its body was the wrong size. Here the bytes are decoded strictly first, then parsed by
 * Fastify's JSON parser (which refuses `__proto__` and `constructor` poisoning). Fastify's text/plain
 * parser goes, or a text body would reach the handlers as a string (415 instead).
 */
export function readJsonBodiesOnly(fastify: FastifyInstance): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  fastify.removeContentTypeParser(['application/json', 'text/plain']);
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      done(new HttpProblem('MalformedBody', 'invalid', 'The body is not valid UTF-8'), undefined);
      return;
    }
    parse(request, text, done);
  });
}
