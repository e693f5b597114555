import { type AddressInfo, connect as connectTcp, createServer, type Server, type Socket } from 'node:net';
import { IDEMPOTENCY_KEY_HEADER } from '@docket/contracts';
import { type Actor, caseNoOfStream } from '@docket/domain';
import type { EventStore, RecordedEvent } from '@docket/event-store';
import { connectNatsBus } from '@docket/messaging';
import { durableName } from '@docket/nest-bus';
import { openSqliteReadModelStore } from '@docket/projections';
import { REACTION_CONCURRENCY, scopedIdempotencyKey } from '@docket/service-kit';
import { natsServerUnavailable, startNatsServer, tempDir } from '@docket/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Answer,
  certificateFor,
  company,
  compareServiceWithRebuild,
  type Desk,
  type Desks,
  DocketClient,
  desks,
  FOOD_LICENCE,
  type Networked,
  openDocketLedger,
  type ReadModelService,
  readModelFile,
  seedDemoCatalogue,
  startNetworked,
  UnexpectedAnswer,
  waitForReadModels,
} from '../src';

/**
 * Issue 3: SIGKILL a service process while commands flow (networked mode: a process per service, a real
 * nats-server, one SQLite ledger). Every command that got a 2xx is in the ledger exactly once, no
 * reaction is applied twice or lost, the ledger verifies, and after the restarts every read model of
 * intake and review equals its rebuild from position 0.
 *
 * - Concurrent windows take whole cases through the API (submit, accept, 承办, 审核, decision, delivery)
 *   with an Idempotency-Key per command; some commands are sent again after their answer (as after a
 *   lost answer), some twice at once. Intake, later review, is SIGKILLed while requests to it are in
 *   flight; clients retry 502/503/504 with the same key until the restarted service answers.
 * - Three kills at a chosen point: review frozen before an acceptance is appended and killed after it
 *   is on the bus; review killed after its reaction appended ReviewOpened but before the bus got the
 *   ack; intake likewise after DecisionRecorded. The last two hold the acks back in a NATS proxy
 *   (`NatsTap`), which also checks that no reaction's event is ever acked before its command is in the
 *   ledger.
 *
 * Nothing here asserts a duration: every wait polls with a generous deadline.
 */

const unavailable = natsServerUnavailable();

/** Concurrent windows (clerks' desks) driving whole cases. */
const WINDOWS = 8;
/** Commands answered 2xx before the first kill, and between the kills. */
const PROGRESS_BETWEEN_KILLS = 30;
/** A retried request that still gets no 2xx after this is a failure (the gateway itself waits 10 s). */
const COMMAND_DEADLINE_MS = 120_000;
/** "Settled": reactions and read models, polled until this deadline. */
const SETTLE_MS = 90_000;
/**
 * `ack_wait` of the durables of the services this test kills. A message a killed member held unacked is
 * redelivered after ack_wait (5 s by default); the test creates the two durables itself, before the
 * services start, with a shorter one and the services' own REACTION_CONCURRENCY, so that each kill costs
 * less. Services leave an existing durable's settings alone (packages/messaging README).
 */
const ACK_WAIT_MS = 4000;

type Target = 'intake' | 'review';

const targetOf = (path: string): Target => (path.startsWith('/api/reviews') ? 'review' : 'intake');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `probe` gives a value; `what` names it in the timeout error. */
async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = SETTLE_MS,
) {
  const deadline = Date.now() + timeoutMs;
  for (let wait = 5; ; wait = Math.min(wait * 2, 100)) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(wait);
  }
}

/** A command's 2xx answer as the client got it (JSON: bigints as strings). */
interface CommandBody {
  stream: string;
  caseNo?: string;
  queryCode?: string;
  revision: string | null;
  position: string | null;
  replayed: boolean;
  events: { id: string; type: string; position: string }[];
}

interface Exchange {
  userId: string;
  key: string;
  path: string;
  status: number;
  body: CommandBody;
  /** How the client came to send it: the first attempt (with retries after 5xx), a re-send after a lost answer, or a duplicate sent at once. */
  how: 'first' | 'lost-answer' | 'impatient';
}

/**
 * What the clients saw: every 2xx of a command, the 5xx answers per service (a dead or dying service),
 * the requests in flight per service at any moment.
 */
class Traffic {
  readonly exchanges: Exchange[] = [];
  readonly unavailable: Record<Target, number> = { intake: 0, review: 0 };
  readonly statuses: Record<string, number> = {};
  readonly inFlight: Record<Target, number> = { intake: 0, review: 0 };
  /** Commands (keys) that got a 5xx first and a 2xx after retrying with the same key. */
  readonly retriedAcross: Record<Target, Set<string>> = { intake: new Set(), review: new Set() };
  /** Commands (keys) that got a 502/503/504 at least once. */
  readonly refusedKeys: Record<Target, Set<string>> = { intake: new Set(), review: new Set() };
  answered = 0;

  /** One request, retried (same key, same body) while the gateway answers 502/503/504. */
  async send(
    desk: Desk,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    key?: string,
  ): Promise<Answer> {
    const target = targetOf(path);
    const deadline = Date.now() + COMMAND_DEADLINE_MS;
    for (let attempt = 1; ; attempt++) {
      this.inFlight[target]++;
      let answer: Answer | undefined;
      let failure: unknown;
      try {
        answer =
          method === 'GET'
            ? await desk.get(path)
            : await desk.post(path, body, key === undefined ? {} : { idempotencyKey: key });
      } catch (error) {
        failure = error;
      } finally {
        this.inFlight[target]--;
      }
      const label = `${target} ${answer?.status ?? 'network error'}`;
      this.statuses[label] = (this.statuses[label] ?? 0) + 1;
      if (answer !== undefined && ![502, 503, 504].includes(answer.status)) {
        if (key !== undefined && attempt > 1 && answer.status < 300) this.retriedAcross[target].add(key);
        return answer;
      }
      this.unavailable[target]++;
      if (key !== undefined) this.refusedKeys[target].add(key);
      if (Date.now() > deadline)
        throw new Error(`${method} ${path}: no answer but ${label} for ${COMMAND_DEADLINE_MS} ms`, {
          cause: failure,
        });
      await sleep(Math.min(25 * attempt, 250));
    }
  }

  /**
   * A command with an Idempotency-Key that must end in a 2xx. `lostAnswer`: the client then acts as if
   * the answer had been lost and sends the same request again; `impatient`: it sends it twice at once
   * (as a client whose own timeout fired while the first was still being handled).
   */
  async command(
    desk: Desk,
    path: string,
    body: unknown,
    key: string,
    options: { lostAnswer?: boolean; impatient?: boolean } = {},
  ): Promise<CommandBody> {
    const once = async (how: Exchange['how']) => {
      const answer = await this.send(desk, 'POST', path, body, key);
      if (answer.status !== 200 && answer.status !== 201)
        throw new UnexpectedAnswer(`${how} ${path} (${key})`, answer);
      const exchange: Exchange = {
        userId: desk.userId!,
        key,
        path,
        status: answer.status,
        body: answer.body as CommandBody,
        how,
      };
      this.exchanges.push(exchange);
      this.answered++;
      return exchange.body;
    };
    const [first] = await Promise.all([once('first'), ...(options.impatient ? [once('impatient')] : [])]);
    if (options.lostAnswer) await once('lost-answer');
    return first;
  }
}

const submission = {
  itemCode: FOOD_LICENCE,
  applicant: company,
  channel: 'window',
  materials: [
    { code: 'form', count: 1, form: 'original' },
    { code: 'licence', count: 1, form: 'copy' },
    { code: 'layout', count: 1, form: 'original' },
  ],
};

const STRAIGHT_THROUGH = [
  'ApplicationSubmitted',
  'FirstHandlerAssigned',
  'ApplicationAccepted',
  'ReviewOpened',
  'ReviewStepPassed',
  'ReviewStepPassed',
  'ReviewDecided',
  'DecisionRecorded',
  'ResultDelivered',
];

/** One window's cases, whole (submit → accept → 承办 → 审核 → decision → delivery), until told to stop. */
class Window {
  readonly cases: string[] = [];
  private commands = 0;

  constructor(
    private readonly traffic: Traffic,
    private readonly d: Desks,
    private readonly name: string,
  ) {}

  /** Every third command is re-sent as after a lost answer, every fifth sent twice at once. */
  private options() {
    this.commands++;
    return { lostAnswer: this.commands % 3 === 0, impatient: this.commands % 5 === 0 };
  }

  /** Whole cases until `stop()` holds (numbered from `from`). */
  async run(stop: () => boolean, from = 0): Promise<void> {
    for (let n = from; !stop(); n++) {
      const id = `${this.name}-c${n}`;
      const caseNo = await this.openCase(id);
      await this.reviewOpened(caseNo);
      await this.finish(id, caseNo);
    }
  }

  /** 承办, 审核, the decision, and delivery once intake has recorded it. */
  async finish(id: string, caseNo: string): Promise<void> {
    await this.review(id, caseNo);
    await this.decide(id, caseNo);
    await this.deliver(id, caseNo);
  }

  async openCase(id: string): Promise<string> {
    const { traffic: t, d } = this;
    const submitted = await t.command(
      d.clerk,
      '/api/applications',
      submission,
      `${id}-submit`,
      this.options(),
    );
    const caseNo = submitted.caseNo!;
    this.cases.push(caseNo);
    await t.command(d.clerk, `/api/applications/${caseNo}/acceptance`, {}, `${id}-accept`, this.options());
    return caseNo;
  }

  async reviewOpened(caseNo: string): Promise<void> {
    await eventually(`the review of ${caseNo}`, async () => {
      const answer = await this.traffic.send(this.d.officer, 'GET', `/api/reviews/${caseNo}`);
      if (answer.status === 404) return undefined;
      if (answer.status !== 200) throw new UnexpectedAnswer(`review of ${caseNo}`, answer);
      return (answer.body as { review: { status: string } }).review.status === 'open' ? true : undefined;
    });
  }

  async review(id: string, caseNo: string): Promise<void> {
    const { traffic: t, d } = this;
    const steps = `/api/reviews/${caseNo}/step-completions`;
    await t.command(
      d.officer,
      steps,
      { stepIndex: 0, outcome: 'pass', opinion: '现场核查合格' },
      `${id}-step0`,
      this.options(),
    );
    await t.command(
      d.reviewer,
      steps,
      { stepIndex: 1, outcome: 'pass', opinion: '同意' },
      `${id}-step1`,
      this.options(),
    );
  }

  async decide(id: string, caseNo: string): Promise<CommandBody> {
    return this.traffic.command(
      this.d.head,
      `/api/reviews/${caseNo}/decision`,
      { outcome: 'approved', opinion: '准予许可', certificate: certificateFor(caseNo) },
      `${id}-decide`,
      this.options(),
    );
  }

  async deliver(id: string, caseNo: string): Promise<void> {
    const { traffic: t, d } = this;
    await eventually(`the result of ${caseNo} at the window`, async () => {
      const answer = await t.send(d.clerk, 'GET', `/api/cases/${caseNo}`);
      if (answer.status !== 200) throw new UnexpectedAnswer(`case ${caseNo}`, answer);
      return (answer.body as { resultReadyAt: string | null }).resultReadyAt !== null ? true : undefined;
    });
    await t.command(
      d.clerk,
      `/api/applications/${caseNo}/delivery`,
      { method: 'window_pickup', recipient: { name: '刘洋', relation: 'agent' } },
      `${id}-deliver`,
      this.options(),
    );
  }
}

/** Where the JetStream ack subject `$JS.ACK.<stream>.<durable>.<delivered>.<stream seq>.…` points. */
interface AckTarget {
  durable: string;
  streamSeq: number;
  deliveryCount: number;
}

function ackTarget(subject: string | undefined): AckTarget | undefined {
  if (subject === undefined || !subject.startsWith('$JS.ACK.')) return undefined;
  const t = subject.split('.');
  // v1 (nats-server 2.9/2.10): 9 tokens; v2 adds a domain and an account hash after ACK.
  const [durable, delivered, seq] = t.length === 9 ? [t[3], t[4], t[5]] : [t[5], t[6], t[7]];
  return { durable: durable!, streamSeq: Number(seq), deliveryCount: Number(delivered) };
}

/** A JetStream message as the tap saw it go to a consumer. */
interface Delivery extends AckTarget {
  subject: string;
  messageId?: string;
  /** The ledger stream of the relayed event (from the payload). */
  stream?: string;
}

/** One NATS protocol operation (`PUB`, `HPUB`, `MSG`, `HMSG` with their payload; anything else one line). */
interface Op {
  name: string;
  args: string[];
  payload?: Buffer;
  raw: Buffer;
}

/** Splits a NATS protocol byte stream into operations. */
class OpParser {
  private buffer: Buffer = Buffer.alloc(0);

  constructor(private readonly onOp: (op: Op) => void) {}

  push(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const eol = this.buffer.indexOf('\r\n');
      if (eol < 0) return;
      const line = this.buffer.subarray(0, eol).toString('latin1');
      const [first = '', ...rest] = line.split(' ');
      const name = first.toUpperCase();
      let end = eol + 2;
      let payload: Buffer | undefined;
      const args = ['PUB', 'HPUB', 'MSG', 'HMSG'].includes(name) ? rest.filter((a) => a !== '') : [];
      if (args.length > 0) {
        const size = Number(args.at(-1));
        if (this.buffer.length < end + size + 2) return;
        payload = this.buffer.subarray(end, end + size);
        end += size + 2;
      }
      const raw = this.buffer.subarray(0, end);
      this.buffer = this.buffer.subarray(end);
      this.onOp({ name, args, ...(payload === undefined ? {} : { payload }), raw });
    }
  }
}

/**
 * A TCP proxy in front of the nats-server that every service connects through. It reads the protocol
 * both ways: it notes every JetStream delivery (which message, which delivery) and every ack a client
 * sends, and, when told to, holds back the acks (and naks) of one durable, so that a reaction can be
 * made to finish its work while the bus never learns that it did: what a crash right after the
 * reaction's append and before its ack leaves behind, deterministically.
 */
class NatsTap {
  readonly deliveries: Delivery[] = [];
  readonly acks: (AckTarget & { payload: string; held: boolean })[] = [];
  /**
   * Runs before an ack (`+ACK`) of a delivery is passed on to the server; the connection's later
   * traffic waits for it, so what it sees is the state in which the bus learns that the work was done.
   */
  beforeAck: ((delivery: Delivery) => Promise<void>) | undefined;
  private readonly holding = new Set<string>();
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(upstream: string): Promise<NatsTap> {
    const { hostname, port } = new URL(upstream);
    let tap: NatsTap | undefined;
    const server = createServer((client) => tap!.connection(client, hostname, Number(port)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    tap = new NatsTap(server, `nats://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return tap;
  }

  hold(durable: string): void {
    this.holding.add(durable);
  }

  release(durable: string): void {
    this.holding.delete(durable);
  }

  private connection(client: Socket, host: string, port: number): void {
    const upstream = connectTcp(port, host);
    for (const socket of [client, upstream]) this.sockets.add(socket);
    const close = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    for (const socket of [client, upstream]) {
      socket.on('close', close);
      socket.on('error', close);
    }
    // Client → server in order, each operation after the one before (an ack may wait for its check).
    let chain = Promise.resolve();
    const fromClient = new OpParser((op) => {
      const target = op.name === 'PUB' ? ackTarget(op.args[0]) : undefined;
      const held = target !== undefined && this.holding.has(target.durable);
      const payload = op.payload?.toString() ?? '';
      if (target !== undefined) this.acks.push({ ...target, payload, held });
      if (held) return;
      const delivery =
        target !== undefined && payload === '+ACK'
          ? this.deliveries.findLast(
              (m) =>
                m.durable === target.durable &&
                m.streamSeq === target.streamSeq &&
                m.deliveryCount === target.deliveryCount,
            )
          : undefined;
      const check = delivery === undefined ? undefined : this.beforeAck;
      chain = chain.then(async () => {
        if (check !== undefined) await check(delivery!).catch(() => undefined);
        if (!upstream.destroyed) upstream.write(op.raw);
      });
    });
    const fromServer = new OpParser((op) => {
      if (op.name !== 'MSG' && op.name !== 'HMSG') return;
      const withReply = op.args.length === (op.name === 'MSG' ? 4 : 5);
      const target = ackTarget(withReply ? op.args[2] : undefined);
      if (target === undefined) return;
      const headerBytes = op.name === 'HMSG' ? Number(op.args.at(-2)) : 0;
      const headers = op.payload!.subarray(0, headerBytes).toString();
      const messageId = /Nats-Msg-Id:\s*(\S+)/i.exec(headers)?.[1];
      let stream: string | undefined;
      try {
        stream = (JSON.parse(op.payload!.subarray(headerBytes).toString()) as { stream?: string }).stream;
      } catch {
        stream = undefined;
      }
      this.deliveries.push({
        ...target,
        subject: op.args[0]!,
        ...(messageId === undefined ? {} : { messageId }),
        ...(stream === undefined ? {} : { stream }),
      });
    });
    client.on('data', (chunk: Buffer) => fromClient.push(chunk));
    upstream.on('data', (chunk: Buffer) => {
      client.write(chunk);
      fromServer.push(chunk);
    });
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

const bigintJson = (value: unknown) =>
  JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v), 2);

describe.skipIf(unavailable !== undefined)(
  `crash: SIGKILL while commands flow (networked)${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    const run = `crash-${Date.now().toString(36)}`;
    let dir: ReturnType<typeof tempDir>;
    let nats: Awaited<ReturnType<typeof startNatsServer>>;
    let tap: NatsTap;
    let docket: Networked;
    let ledger: EventStore;
    let d: Desks;
    const traffic = new Traffic();
    const windows: Window[] = [];
    const ackChecks: { durable: string; event: string; effectInLedger: boolean }[] = [];
    /** The reaction durables of the two services killed here (`@EventPattern` of intake and review). */
    const durables = {
      intake: durableName('intake', 'evt.review.>'),
      review: durableName('review', 'evt.application.>'),
    };

    const events = () => ledger.readAll();
    const ofCase = (all: RecordedEvent[], caseNo: string) =>
      all.filter((e) => e.correlationId === caseNo && !e.stream.startsWith('clock-'));
    const one = (all: RecordedEvent[], caseNo: string, type: string): RecordedEvent => {
      const found = ofCase(all, caseNo).filter((e) => e.type === type);
      expect(found.length, `${type} of ${caseNo}`).toBe(1);
      return found[0]!;
    };
    const checkpointIn = async (service: ReadModelService, name: string): Promise<bigint | undefined> => {
      const store = openSqliteReadModelStore({ path: readModelFile(dir.path, service) });
      try {
        return await store.checkpoint(name);
      } finally {
        await store.close();
      }
    };
    const logs = () =>
      `intake:\n${docket.log('intake').slice(-3000)}\nreview:\n${docket.log('review').slice(-3000)}`;
    const withLogs = <T>(promise: Promise<T>) =>
      promise.catch((error) => {
        throw new Error(`${String(error)}\n${logs()}`);
      });
    /** The event's message was delivered again after the kill, and this time the bus got its ack. */
    const redeliveredAndAcked = (durable: string, eventId: string) =>
      eventually(`${eventId} delivered again to ${durable} and acked`, () => {
        const delivered = tap.deliveries.filter((m) => m.durable === durable && m.messageId === eventId);
        const again = delivered.filter((m) => m.deliveryCount > 1);
        if (again.length === 0) return undefined;
        const acked = tap.acks.some(
          (a) =>
            a.durable === durable &&
            a.streamSeq === again[0]!.streamSeq &&
            a.deliveryCount > 1 &&
            a.payload === '+ACK' &&
            !a.held,
        );
        return acked ? delivered : undefined;
      }).catch((error) => {
        // What the bus saw of that message, for the next one who reads this failure.
        const delivered = tap.deliveries.filter((m) => m.durable === durable && m.messageId === eventId);
        const seqs = new Set(delivered.map((m) => m.streamSeq));
        const acks = tap.acks.filter((a) => a.durable === durable && seqs.has(a.streamSeq));
        const pending = tap.deliveries.filter((m) => m.durable === durable).length;
        throw new Error(
          `${String(error)}\ndeliveries of ${eventId}: ${JSON.stringify(delivered)}\nacks of them: ${JSON.stringify(acks)}\n${pending} deliveries to ${durable} in all, ${tap.acks.filter((a) => a.durable === durable).length} acks`,
        );
      });

    beforeAll(async () => {
      dir = tempDir('docket-e2e-crash-');
      nats = await startNatsServer();
      tap = await NatsTap.start(nats.url);
      // The two reaction durables, created before the services start, as the services create them
      // (REACTION_CONCURRENCY in hand) but with a short ack_wait.
      const bus = await connectNatsBus({ servers: nats.url, name: 'crash-test', ackWaitMs: ACK_WAIT_MS });
      for (const [service, pattern] of [
        ['intake', 'evt.review.>'],
        ['review', 'evt.application.>'],
      ] as const) {
        const member = await bus.consume(pattern, async () => {}, {
          durable: durableName(service, pattern),
          maxInFlight: REACTION_CONCURRENCY,
        });
        await member.stop();
      }
      await bus.close();
      docket = await startNetworked({ natsUrl: tap.url, dataDir: dir.path });
      // As the services read it: personal data opened with the data directory's vault.
      ledger = openDocketLedger(dir.path);
      // A reaction's event may be acked only once the reaction's command is in the ledger: checked on
      // every ack of an acceptance (→ ReviewOpened) and of a decision (→ DecisionRecorded).
      const effects: Record<string, { subject: string; stream: (caseNo: string) => string }> = {
        [durables.review]: { subject: 'evt.application.ApplicationAccepted', stream: (c) => `review-${c}` },
        [durables.intake]: { subject: 'evt.review.ReviewDecided', stream: (c) => `application-${c}` },
      };
      tap.beforeAck = async (delivery) => {
        const effect = effects[delivery.durable];
        if (effect === undefined || delivery.subject !== effect.subject) return;
        const caseNo = caseNoOfStream(delivery.stream!)!;
        const caused = (await ledger.readStream(effect.stream(caseNo))).some(
          (e) => e.causationId === delivery.messageId,
        );
        ackChecks.push({ durable: delivery.durable, event: delivery.messageId!, effectInLedger: caused });
      };
      d = desks(new DocketClient(docket.url));
      await seedDemoCatalogue(d.admin);
    }, 120_000);

    afterAll(async () => {
      await ledger?.close();
      await docket?.close();
      await tap?.close();
      await nats?.stop();
      dir?.cleanup();
    }, 60_000);

    it('SIGKILL intake, later review, while windows submit, accept and complete steps: every 2xx is in the ledger once', async () => {
      let stopping = false;
      const working: Promise<void>[] = [];
      // A window that fails ends the test at once instead of after the kills.
      let failed: unknown;
      const track = (work: Promise<void>) => {
        working.push(work);
        work.catch((error) => {
          failed ??= error;
        });
      };
      for (let w = 0; w < WINDOWS; w++) windows.push(new Window(traffic, d, `${run}-w${w}`));
      for (const window of windows) track(window.run(() => stopping));
      const progress = (what: string, enough: () => boolean) =>
        eventually(what, () => {
          if (failed !== undefined) throw failed;
          return enough() ? true : undefined;
        });
      // Two more windows whose next command is sure to meet a dead service: one submits just after
      // intake is killed, one (its case ready for 承办) completes a step just after review is killed.
      const late = {
        intake: new Window(traffic, d, `${run}-late-intake`),
        review: new Window(traffic, d, `${run}-late-review`),
      };
      windows.push(late.intake, late.review);
      const lateReviewCase = late.review.openCase(`${run}-late-review-c0`).then(async (caseNo) => {
        await late.review.reviewOpened(caseNo);
        return caseNo;
      });

      for (const target of ['intake', 'review'] as const) {
        const before = traffic.answered;
        await progress(
          `${PROGRESS_BETWEEN_KILLS} more commands`,
          () => traffic.answered >= before + PROGRESS_BETWEEN_KILLS,
        );
        // A moment when requests to it are in flight.
        await progress(`a request in flight to ${target}`, () => traffic.inFlight[target] > 0);
        await docket.kill(target, 'SIGKILL');
        if (target === 'intake') track(late.intake.run(() => stopping));
        else {
          const caseNo = await lateReviewCase;
          const id = `${run}-late-review-c0`;
          track(late.review.finish(id, caseNo).then(() => late.review.run(() => stopping, 1)));
        }
        // Kept down until the late window has been refused (503) or timed out (504) by the gateway.
        await eventually(`a command refused by the dead ${target}`, () =>
          traffic.refusedKeys[target].has(
            target === 'intake' ? `${run}-late-intake-c0-submit` : `${run}-late-review-c0-step0`,
          )
            ? true
            : undefined,
        );
        await withLogs(docket.restart(target));
      }
      const afterKills = traffic.answered;
      await progress('more commands after the restarts', () => traffic.answered >= afterKills + 20);
      stopping = true;
      await withLogs(Promise.all(working));

      const all = await events();
      const byId = new Map<string, RecordedEvent[]>();
      for (const event of all) byId.set(event.id, [...(byId.get(event.id) ?? []), event]);
      const cases = windows.flatMap((w) => w.cases);
      console.info(
        `crash: ${cases.length} cases, ${traffic.exchanges.length} 2xx answers, ${all.length} events; ` +
          `answers: ${JSON.stringify(traffic.statuses)}; commands that got their 2xx only by retrying: ` +
          `intake ${traffic.retriedAcross.intake.size}, review ${traffic.retriedAcross.review.size}; ` +
          `replayed answers: ${traffic.exchanges.filter((e) => e.body.replayed).length} ` +
          `(${traffic.exchanges.filter((e) => e.how === 'impatient').length} sent twice at once, ` +
          `${traffic.exchanges.filter((e) => e.how === 'lost-answer').length} re-sent after a lost answer)`,
      );
      // The kills did interrupt clients: a command sent to each dead service got its 2xx only by retrying
      // with its key after the restart.
      expect([...traffic.retriedAcross.intake]).toContain(`${run}-late-intake-c0-submit`);
      expect([...traffic.retriedAcross.review]).toContain(`${run}-late-review-c0-step0`);

      // 1. Every 2xx is in the ledger exactly once, and every answer to one key is the same append.
      const byKey = new Map<string, Exchange[]>();
      for (const exchange of traffic.exchanges) {
        const { body } = exchange;
        const key = `${exchange.userId}:${exchange.key}`;
        byKey.set(key, [...(byKey.get(key) ?? []), exchange]);
        if (!body.replayed) {
          expect(body.events.length, `${exchange.key}: events stored`).toBeGreaterThan(0);
          for (const replied of body.events) {
            const stored = byId.get(replied.id) ?? [];
            expect(stored.length, `event ${replied.id} of ${exchange.key}`).toBe(1);
            expect({
              stream: stored[0]!.stream,
              position: String(stored[0]!.position),
              type: stored[0]!.type,
            }).toEqual({ stream: body.stream, position: replied.position, type: replied.type });
          }
          expect(body.position).toBe(body.events.at(-1)!.position);
        }
        const scoped = scopedIdempotencyKey(
          { subject: exchange.path, headers: { [IDEMPOTENCY_KEY_HEADER]: exchange.key } },
          { id: exchange.userId } as Actor,
        )!;
        const recorded = await ledger.idempotencyResult(scoped);
        expect(recorded, `the ledger's record of ${exchange.key}`).toBeDefined();
        expect({ stream: recorded!.stream, position: String(recorded!.result.lastPosition) }).toEqual({
          stream: body.stream,
          position: body.position,
        });
      }
      for (const [key, answers] of byKey) {
        // At most one first answer. None is right too: a command appended just before its service was
        // killed lost that answer, and every retry was answered from the ledger (replayed). Either way
        // the ledger holds the command once: its key names one append, whose last event is stored once.
        const firsts = answers.filter((a) => !a.body.replayed).length;
        expect(firsts, `first answers to ${key}`).toBeLessThanOrEqual(1);
        if (firsts === 0) {
          const { body } = answers[0]!;
          const landed = all.filter((e) => e.stream === body.stream && String(e.position) === body.position);
          expect(landed.length, `the append answered only as replayed to ${key}`).toBe(1);
        }
        expect(new Set(answers.map((a) => `${a.body.stream}@${a.body.position}`)).size, key).toBe(1);
        if (answers.length > 1) expect(new Set(answers.map((a) => a.body.caseNo)).size, key).toBe(1);
      }
      expect(traffic.exchanges.some((e) => e.how === 'lost-answer' && e.body.replayed)).toBe(true);

      // 2. A retried submission never produced a second case: one case per submission key, one
      // ApplicationSubmitted per case, and no case the clients were not told about.
      const submitKeys = [...byKey.keys()].filter((key) => key.endsWith('-submit'));
      expect(submitKeys.length).toBe(cases.length);
      expect(new Set(cases).size).toBe(cases.length);
      const submitted = all.filter((e) => e.type === 'ApplicationSubmitted').map((e) => e.correlationId);
      expect(submitted.sort()).toEqual([...cases].sort());

      // 3. Each case's history is the straight-through case, each event once.
      for (const caseNo of cases)
        expect(
          ofCase(all, caseNo).map((e) => e.type),
          caseNo,
        ).toEqual(STRAIGHT_THROUGH);

      // 4. No reaction applied twice (or lost).
      for (const accepted of all.filter((e) => e.type === 'ApplicationAccepted'))
        expect(all.filter((e) => e.type === 'ReviewOpened' && e.causationId === accepted.id).length).toBe(1);
      for (const decided of all.filter((e) => e.type === 'ReviewDecided'))
        expect(all.filter((e) => e.type === 'DecisionRecorded' && e.causationId === decided.id).length).toBe(
          1,
        );

      expect((await ledger.verify()).ok).toBe(true);
    }, 300_000);

    it('review dies between an acceptance and its reaction: the review opens once, after the restart', async () => {
      const id = `${run}-c1`;
      const window = new Window(traffic, d, id);
      // Frozen first, so that it cannot react; then the acceptance is appended and relayed to the bus.
      docket.process('review').kill('SIGSTOP');
      let caseNo: string;
      let accepted: RecordedEvent;
      try {
        caseNo = await window.openCase(id);
        accepted = one(await events(), caseNo, 'ApplicationAccepted');
        await eventually('the acceptance on the bus', async () => {
          const relayed = await checkpointIn('intake', 'intake-relay');
          return relayed !== undefined && relayed >= accepted.position ? true : undefined;
        });
        // The frozen member's pending pull may take it in hand (the server then waits for its ack) or not.
        await sleep(300);
        expect(ofCase(await events(), caseNo).map((e) => e.type)).toEqual(STRAIGHT_THROUGH.slice(0, 3));
      } finally {
        await docket.kill('review', 'SIGKILL');
      }
      await withLogs(docket.restart('review'));
      await withLogs(window.reviewOpened(caseNo));
      const all = await events();
      expect(all.filter((e) => e.type === 'ReviewOpened' && e.causationId === accepted.id).length).toBe(1);
      expect(ofCase(all, caseNo).map((e) => e.type)).toEqual(STRAIGHT_THROUGH.slice(0, 4));
    }, 180_000);

    it("review dies after its reaction appended, before the bus got the reaction's ack: no second review", async () => {
      const id = `${run}-c2`;
      const window = new Window(traffic, d, id);
      tap.hold(durables.review);
      let caseNo: string;
      let accepted: RecordedEvent;
      try {
        caseNo = await window.openCase(id);
        accepted = one(await events(), caseNo, 'ApplicationAccepted');
        await withLogs(
          eventually('the reaction to the acceptance in the ledger', async () =>
            ofCase(await events(), caseNo).some((e) => e.type === 'ReviewOpened') ? true : undefined,
          ),
        );
        // Delivered once, and whatever review acked since has not reached the bus.
        expect(
          tap.deliveries.filter((m) => m.durable === durables.review && m.messageId === accepted.id),
        ).toMatchObject([{ deliveryCount: 1 }]);
        await docket.kill('review', 'SIGKILL');
      } finally {
        tap.release(durables.review);
      }
      await withLogs(docket.restart('review'));
      // The acceptance comes again (after ack_wait); the reaction finds its key in the ledger and passes.
      await withLogs(redeliveredAndAcked(durables.review, accepted.id));
      await withLogs(window.reviewOpened(caseNo));
      const all = await events();
      expect(all.filter((e) => e.type === 'ReviewOpened' && e.causationId === accepted.id).length).toBe(1);
      expect(ofCase(all, caseNo).map((e) => e.type)).toEqual(STRAIGHT_THROUGH.slice(0, 4));
    }, 180_000);

    it("intake dies after recording a decision, before the bus got the reaction's ack: recorded once", async () => {
      const id = `${run}-c3`;
      const window = new Window(traffic, d, id);
      const caseNo = await window.openCase(id);
      await withLogs(window.reviewOpened(caseNo));
      await window.review(id, caseNo);
      let decided: RecordedEvent;
      tap.hold(durables.intake);
      try {
        await window.decide(id, caseNo);
        decided = one(await events(), caseNo, 'ReviewDecided');
        await withLogs(
          eventually('the decision recorded by intake', async () =>
            ofCase(await events(), caseNo).some((e) => e.type === 'DecisionRecorded') ? true : undefined,
          ),
        );
        expect(
          tap.deliveries.filter((m) => m.durable === durables.intake && m.messageId === decided.id),
        ).toMatchObject([{ deliveryCount: 1 }]);
        await docket.kill('intake', 'SIGKILL');
      } finally {
        tap.release(durables.intake);
      }
      await withLogs(docket.restart('intake'));
      await withLogs(redeliveredAndAcked(durables.intake, decided.id));
      await withLogs(window.deliver(id, caseNo));
      const all = await events();
      expect(all.filter((e) => e.type === 'DecisionRecorded' && e.causationId === decided.id).length).toBe(1);
      expect(ofCase(all, caseNo).map((e) => e.type)).toEqual(STRAIGHT_THROUGH);
    }, 180_000);

    it('after the restarts every read model of intake and review equals its rebuild from position 0', async () => {
      const all = await events();
      // No reaction's event was acked before the reaction's command was in the ledger.
      expect(ackChecks.filter((c) => !c.effectInLedger)).toEqual([]);
      expect(ackChecks.length).toBeGreaterThanOrEqual(all.filter((e) => e.type === 'ReviewOpened').length);
      for (const accepted of all.filter((e) => e.type === 'ApplicationAccepted'))
        expect(all.filter((e) => e.type === 'ReviewOpened' && e.causationId === accepted.id).length).toBe(1);
      for (const decided of all.filter((e) => e.type === 'ReviewDecided'))
        expect(all.filter((e) => e.type === 'DecisionRecorded' && e.causationId === decided.id).length).toBe(
          1,
        );
      expect((await ledger.verify()).ok).toBe(true);
      const health = await d.admin.get('/api/health');
      expect(health.status, JSON.stringify(health.body)).toBe(200);

      for (const service of ['intake', 'review', 'monitoring'] as const) {
        await withLogs(waitForReadModels({ dataDir: dir.path, service, ledger, timeoutMs: SETTLE_MS }));
        const comparison = await compareServiceWithRebuild(dir.path, service, ledger);
        console.info(
          `crash: ${service} read models at position ${comparison.head}: ${JSON.stringify(comparison.documents)}`,
        );
        expect(comparison.differences, bigintJson(comparison.differences.slice(0, 5))).toEqual([]);
        if (service === 'intake')
          expect(comparison.documents.cases).toBe(
            all.filter((e) => e.type === 'ApplicationSubmitted').length,
          );
        // Two cases (c1, c2) are still under review: their steps are in the inbox.
        if (service === 'review') expect(comparison.documents.inbox).toBeGreaterThanOrEqual(2);
      }
    }, 180_000);
  },
);
