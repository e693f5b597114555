import type { Headers, RequestHandler, ServeOptions, Subscription } from '../bus';
import { errorFromText, errorText, payloadFromText, payloadText } from '../codec';
import { NoResponders, RequestTimeout } from '../errors';
import { InFlight } from '../in-flight';
import { subjectMatches } from '../subjects';

type Reply = (isError: boolean, body: string) => void;

interface Server {
  readonly pattern: string;
  readonly queue: string | undefined;
  readonly handler: RequestHandler<unknown, unknown>;
  readonly inFlight: InFlight;
  active: boolean;
}

/**
 * Request/reply in memory with NATS core semantics: every server without a queue gets each request,
 * each queue group (per pattern and queue name) gives it to one member, round-robin; the first reply wins.
 */
export class InProcessRequests {
  private servers: Server[] = [];
  private readonly roundRobin = new Map<string, number>();
  /** The servers whose pattern matches a subject, remembered until a server comes or goes. */
  private readonly matches = new Map<string, Server[]>();

  serve(pattern: string, handler: RequestHandler<unknown, unknown>, options: ServeOptions): Subscription {
    const server: Server = { pattern, queue: options.queue, handler, inFlight: new InFlight(), active: true };
    this.servers.push(server);
    this.matches.clear();
    return {
      stop: async () => {
        server.active = false;
        this.servers = this.servers.filter((s) => s !== server);
        this.matches.clear();
        await server.inFlight.settled();
      },
    };
  }

  request(subject: string, body: string, headers: Headers, timeoutMs: number): Promise<unknown> {
    const targets = this.targets(subject);
    return new Promise((resolve, reject) => {
      if (targets.length === 0) {
        setImmediate(() => reject(new NoResponders(subject)));
        return;
      }
      let settled = false;
      const timer = setTimeout(() => {
        settled = true;
        reject(new RequestTimeout(subject, timeoutMs));
      }, timeoutMs);
      const reply: Reply = (isError, replyBody) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        try {
          if (isError) reject(errorFromText(replyBody));
          else resolve(payloadFromText(replyBody));
        } catch (error) {
          reject(error);
        }
      };
      // Delivered on a later turn, never inside the caller's request() call.
      for (const server of targets) setImmediate(() => this.deliver(server, subject, body, headers, reply));
    });
  }

  async stopAll(): Promise<void> {
    const servers = this.servers;
    this.servers = [];
    this.matches.clear();
    for (const s of servers) s.active = false;
    await Promise.all(servers.map((s) => s.inFlight.settled()));
  }

  private targets(subject: string): Server[] {
    let matching = this.matches.get(subject);
    if (matching === undefined) {
      matching = this.servers.filter((s) => subjectMatches(s.pattern, subject));
      this.matches.set(subject, matching);
    }
    const targets = matching.filter((s) => s.queue === undefined);
    const groups = new Map<string, Server[]>();
    for (const s of matching) {
      if (s.queue === undefined) continue;
      const key = `${s.pattern}\u0000${s.queue}`;
      groups.set(key, [...(groups.get(key) ?? []), s]);
    }
    for (const [key, members] of groups) {
      const turn = this.roundRobin.get(key) ?? 0;
      this.roundRobin.set(key, turn + 1);
      const chosen = members[turn % members.length];
      if (chosen !== undefined) targets.push(chosen);
    }
    return targets;
  }

  private deliver(server: Server, subject: string, body: string, headers: Headers, reply: Reply): void {
    if (!server.active) return;
    const work = (async () => {
      try {
        // Each server decodes its own copy: a handler can never mutate the sender's object.
        const result = await server.handler(payloadFromText(body), { ...headers }, { subject });
        reply(false, payloadText(result));
      } catch (error) {
        reply(true, errorText(error));
      }
    })();
    void server.inFlight.track(work);
  }
}
