import { type EventStore, isDiskFull } from '@docket/event-store';
import type { Bus } from '@docket/messaging';
import {
  createProjectionRunner,
  type Projection,
  type ProjectionRunner,
  ProjectionStopped,
  type ReadModelStore,
} from '@docket/projections';
import { createRelay, type Relay } from '@docket/relay';
import { calendarWarnings } from './calendar';
import { watchErasures } from './erasure-watch';
import { diskSpaceProblems, serveHealth } from './health';
import type { Logger } from './logger';
import type { RunningService, ServiceDeps } from './service';

/** The first wait before a stopped projection is started again, and the longest (doubling between). */
export const PROJECTION_RESTART_MS = { first: 1000, longest: 60_000 } as const;

/**
 * A service's read models, kept running: a projection whose batch fails stops (its checkpoint stays
 * before the failed batch), is reported, and is started again after a delay, so a passing fault (a
 * locked file, a restarting MongoDB) heals by itself and a persistent one is logged, not hidden. The
 * delay doubles while the projection fails without moving (a full disk fails every batch: twelve
 * projections restarting every second only fill the log) and is back to the first once it moves.
 * `stopped()` names the projections that are down and why, for the service's health.
 */
export function hostProjections(options: {
  ledger: EventStore;
  store: ReadModelStore;
  projections: readonly Projection[];
  logger: Logger;
  restartDelayMs?: number;
}) {
  const first = options.restartDelayMs ?? PROJECTION_RESTART_MS.first;
  let closing = false;
  const timers = new Set<NodeJS.Timeout>();
  const down = new Map<string, { error: unknown; delay: number }>();
  /** Starts a stopped runner after the delay, and again after each failed start (a locked file). */
  function restartLater(runner: ProjectionRunner, delay: number): void {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (closing) return;
      runner.start().catch((error) => {
        options.logger.error('projection did not restart; trying again', error);
        restartLater(runner, Math.min(delay * 2, PROJECTION_RESTART_MS.longest));
      });
    }, delay);
    timers.add(timer);
  }
  /** Stopped: again after the first delay if it had moved since it last stopped, else after twice the last. */
  function stoppedWith(projection: Projection, runner: ProjectionRunner, error: unknown): void {
    if (closing) return;
    const before = down.get(projection.name);
    const delay = before === undefined ? first : Math.min(before.delay * 2, PROJECTION_RESTART_MS.longest);
    down.set(projection.name, { error, delay });
    const why = isDiskFull(error) ? 'the disk is full' : 'it failed';
    options.logger.error(`projection ${projection.name} stopped (${why}); restarting in ${delay} ms`, error);
    restartLater(runner, delay);
  }
  const runners: ProjectionRunner[] = options.projections.map((projection) => {
    const runner: ProjectionRunner = createProjectionRunner({
      ledger: options.ledger,
      store: options.store,
      projection,
      onError: (error) => stoppedWith(projection, runner, error),
      onCommitted: () => down.delete(projection.name),
    });
    return runner;
  });
  return {
    runners,
    start: () => Promise.all(runners.map((r) => r.start())).then(() => undefined),
    catchUp: () => Promise.all(runners.map((r) => r.catchUp())).then(() => undefined),
    /** The projections down just now, each with why: a full disk said as such. */
    stopped: (): string[] =>
      [...down].map(([name, { error }]) =>
        isDiskFull(error)
          ? `disk full: read model ${name} cannot be written`
          : `read model ${name} stopped: ${(error as Error)?.message ?? String(error)}`,
      ),
    async close(): Promise<void> {
      closing = true;
      for (const timer of timers) clearTimeout(timer);
      await Promise.all(runners.map((r) => r.stop()));
    },
  };
}

/** The service's relay: its own streams to the bus, failures logged (the relay retries by itself). */
export function hostRelay(options: {
  ledger: EventStore;
  bus: Bus;
  checkpoints: ReadModelStore;
  service: string;
  streamPrefixes: string[];
  logger: Logger;
}): Relay {
  return createRelay({
    ledger: options.ledger,
    bus: options.bus,
    checkpoints: options.checkpoints,
    name: `${options.service}-relay`,
    streamPrefixes: options.streamPrefixes,
    onError: (error) => options.logger.warn('relay: publishing failed, retrying', { error: String(error) }),
  });
}

const loggedWarnings = new Set<string>();

/**
 * What every service that owns streams runs, in this order: its read models catch up and follow the
 * ledger, its bus surface (`listen`: the NestJS microservice) serves, its relay publishes its own
 * events, and it answers its health query. Closing goes the other way, letting work in hand finish.
 */
export async function hostService(options: {
  name: string;
  deps: ServiceDeps;
  projections: readonly Projection[];
  streamPrefixes: string[];
  listen: () => Promise<{ close(): Promise<void> }>;
  /** The service's own warnings for the operator, asked at every health query (the audit service's witnesses). */
  warnings?: () => string[];
}): Promise<RunningService> {
  const { name, deps } = options;
  const projections = hostProjections({
    ledger: deps.ledger,
    store: deps.readModels,
    projections: options.projections,
    logger: deps.logger,
  });
  const relay = hostRelay({
    ledger: deps.ledger,
    bus: deps.bus,
    checkpoints: deps.relayCheckpoints,
    service: name,
    streamPrefixes: options.streamPrefixes,
    logger: deps.logger,
  });
  await projections.start();
  // An erasure of personal data: the read models are rebuilt without it (erasure-watch.ts).
  const erasures = watchErasures({
    ledger: deps.ledger,
    store: deps.readModels,
    runners: projections.runners,
    logger: deps.logger,
  });
  await erasures.start();
  const surface = await options.listen();
  await relay.start();
  const warnings = () => calendarWarnings(deps.calendar, deps.clock.epochMs());
  for (const warning of warnings()) {
    // Once per process: the embedded mode hosts every service in one, with one log.
    if (loggedWarnings.has(warning)) continue;
    loggedWarnings.add(warning);
    deps.logger.warn(warning);
  }
  const health = serveHealth(
    deps.bus,
    name,
    [
      ...options.projections.map((p) => ({ store: deps.readModels, name: p.name })),
      { store: deps.relayCheckpoints, name: `${name}-relay` },
    ],
    () => [...warnings(), ...(options.warnings?.() ?? [])],
    () => [...diskSpaceProblems(deps.dataDir), ...projections.stopped()],
  );
  return {
    name,
    settled: async () => {
      await relay.catchUp();
      // A rebuild after an erasure stops the read models while it empties them: wait for it, then for them.
      for (;;) {
        await erasures.settled();
        const begun = erasures.rebuildsBegun();
        try {
          await projections.catchUp();
          return;
        } catch (error) {
          if (!(error instanceof ProjectionStopped) || erasures.rebuildsBegun() === begun) throw error;
        }
      }
    },
    async close() {
      await health.stop();
      await surface.close();
      await relay.stop();
      await erasures.stop();
      await projections.close();
    },
  };
}
