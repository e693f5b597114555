import { type Contract, type Endpoint, type ParsedRequestOf, parseRequest } from '@docket/contracts';
import type { Command } from '@docket/domain';
import type { Headers } from '@docket/messaging';
import { z } from 'zod';
import { type CommandRunner, replyOf } from './command-runner';

/** A request in hand at a service's door: which subject it came on and its headers (actor, controls). */
export interface Message {
  subject: string;
  headers: Headers;
}

export type Handler<E extends Endpoint = Endpoint> = (
  request: ParsedRequestOf<E>,
  message: Message,
) => Promise<unknown>;

/** What a bus transport serves: one subject, with the raw payload as it arrived. */
export interface Served {
  subject: string;
  serve(payload: unknown, headers: Headers, subject: string): Promise<unknown>;
}

export interface DoorOptions<C extends Contract> {
  /**
   * The command runner of each aggregate the service decides (`application`, `catalogue`, …): every
   * endpoint declared `decidedOn` one of them is served by it, with no handler of its own.
   */
  runners?: Record<string, CommandRunner<Command, unknown>>;
  /**
   * The providers that serve the endpoints needing more than a runner (a number to draw, a read model to
   * ask): an endpoint is served by the method of the same name (`cases` by `CaseQueries.cases`).
   */
  providers?: readonly Provider<C>[];
}

/** Anything with methods named after endpoints of the contract. */
export type Provider<C extends Contract> = { [K in keyof C]?: Handler<C[K]> };

/**
 * A service's door: every request of its contract is validated here, once, by the contract's schema (an
 * unknown field at any depth is refused, issues named relative to the HTTP body), then handed to the
 * endpoint's handler; a command declared `decidedOn` an aggregate goes straight to that aggregate's
 * runner. Every endpoint of the contract must be served: a missing one fails the service at start, not a
 * caller at run time.
 */
export function door<C extends Contract>(contract: C, options: DoorOptions<C>): Served[] {
  return Object.entries(contract).map(([name, endpoint]) => {
    const bodyAt = bodyFieldOf(endpoint);
    const handler =
      providedHandler(name, options.providers) ?? runnerHandler(name, endpoint, bodyAt, options.runners);
    return {
      subject: endpoint.subject,
      serve: async (payload, headers, subject) =>
        handler(parseRequest(endpoint.request, payload, bodyAt === undefined ? {} : { bodyAt }), {
          subject,
          headers,
        }),
    };
  });
}

/** The method named after the endpoint, on the one provider that has it. */
function providedHandler(name: string, providers: readonly Provider<Contract>[] = []): Handler | undefined {
  const serving = providers.filter((provider) => typeof provider[name] === 'function');
  if (serving.length > 1) throw new Error(`${name} is served by ${serving.length} providers`);
  const provider = serving[0];
  return provider === undefined
    ? undefined
    : (request, message) => provider[name]!(request as never, message);
}

/** A command on one thing: its runner decides it on the stream the request names. */
function runnerHandler(
  name: string,
  endpoint: Endpoint,
  bodyAt: 'data' | undefined,
  runners: DoorOptions<Contract>['runners'],
): Handler {
  const decidedOn = endpoint.decidedOn;
  const runner = decidedOn === undefined ? undefined : runners?.[decidedOn.aggregate];
  if (endpoint.does === undefined || decidedOn === undefined || runner === undefined)
    throw new Error(`${endpoint.subject} (${name}) has no handler and no runner to decide it`);
  const does = endpoint.does;
  return async (request, { subject, headers }) => {
    const asked = request as never;
    const caseNo = decidedOn.caseNo?.(asked);
    const data = bodyAt === undefined ? request : (request as Record<string, unknown>)[bodyAt];
    const handled = await runner.run(decidedOn.stream(asked), does, data, {
      subject,
      headers,
      ...(caseNo === undefined ? {} : { caseNo }),
    });
    return replyOf(handled, caseNo);
  };
}

/** A request shaped `{ …what it is about, data }` carries the command's data (and the HTTP body) in `data`. */
function bodyFieldOf(endpoint: Endpoint): 'data' | undefined {
  const request = endpoint.request;
  return request instanceof z.ZodObject && 'data' in request.shape ? 'data' : undefined;
}
