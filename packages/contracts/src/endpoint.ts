import type { z } from 'zod';

/**
 * One subject of a service's contract: the subject, whether it changes anything, and the schema of its
 * request. The reply type is carried for callers (the gateway) to read replies typed.
 */
export interface Endpoint<Request extends z.ZodType = z.ZodType, Reply = unknown> {
  readonly subject: string;
  readonly kind: 'command' | 'query';
  readonly request: Request;
  /** Phantom: the reply's type, never present at run time. */
  readonly reply?: Reply;
}

/** Names an endpoint's reply type: `command('x.cmd.y', Schema, replies<CommandReply>())`. */
export const replies = <Reply>(): Reply | undefined => undefined;

export const command = <Request extends z.ZodType, Reply>(
  subject: string,
  request: Request,
  _reply: Reply | undefined,
): Endpoint<Request, Reply> => ({ subject, kind: 'command', request });

export const query = <Request extends z.ZodType, Reply>(
  subject: string,
  request: Request,
  _reply: Reply | undefined,
): Endpoint<Request, Reply> => ({ subject, kind: 'query', request });

export type RequestOf<E> = E extends Endpoint<infer R, unknown> ? z.input<R> : never;
export type ReplyOf<E> = E extends Endpoint<z.ZodType, infer Reply> ? Reply : never;
