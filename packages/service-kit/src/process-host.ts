import { join } from 'node:path';
import { type EventStore, isDiskFull } from '@docket/event-store';
import type { Bus } from '@docket/messaging';
import { sealedLedger, suitesFor } from '@docket/personal-data';
import type { ReadModelStore } from '@docket/projections';
import { startTelemetry, tracedBus, tracedLedger } from '@docket/telemetry';
import { liveCalendar } from './calendar';
import { type AdjustableClock, type Clock, fileClock, systemClock } from './clock';
import { configFromEnv, type ServiceConfig } from './config';
import { loadDirectory } from './directory';
import { connectBus, openLedger, openPersonalData, openReadModels } from './infrastructure';
import { consoleLogger } from './logger';
import type { RunningService, ServiceDeps } from './service';

/**
 * The entry point of a service in its own process (networked and distributed modes): backends from
 * the environment, the service started on them, and a clean stop on SIGTERM/SIGINT (messages in hand
 * finish, then the bus drains and the stores close). A failure to start exits with status 1.
 */
export async function runServiceProcess(
  service: string,
  start: (deps: ServiceDeps, config: ServiceConfig) => Promise<RunningService>,
): Promise<void> {
  const logger = consoleLogger(service);
  const config = configFromEnv();
  const telemetry = startTelemetry({ serviceName: `docket-${service}` });
  const opened: { close(): Promise<void> }[] = [];
  try {
    // Personal data sealed with its subject's key, outside the ledger (PIPL Art. 47: erasable).
    const personalData = openPersonalData(config);
    if (personalData !== undefined) opened.push({ close: async () => personalData.close() });
    const stored = await openLedger(config);
    const ledger: EventStore = tracedLedger(
      personalData === undefined
        ? stored
        : sealedLedger(stored, personalData, { suites: suitesFor(config.crypto) }),
    );
    opened.push(ledger);
    const readModels: ReadModelStore = await openReadModels(config, service);
    opened.push(readModels);
    const bus: Bus = tracedBus(await connectBus(config, service), service);
    opened.push(bus);
    const calendar = liveCalendar(ledger, { timeZone: config.timeZone, logger });
    await calendar.start();
    opened.push({ close: () => calendar.stop() });
    const deps: ServiceDeps = {
      ledger,
      bus,
      readModels,
      relayCheckpoints: readModels,
      clock: clockFor(config),
      directory: loadDirectory(config),
      calendar: calendar.calendar,
      logger,
      dataDir: config.dataDir,
      ...(personalData === undefined ? {} : { personalData }),
    };
    const running = await start(deps, config);
    opened.push(running);
    logger.info('ready', { ledger: config.ledgerUrl ?? 'sqlite', nats: config.natsUrl });
  } catch (error) {
    logger.error(
      isDiskFull(error) ? `could not start: the disk under ${config.dataDir} is full` : 'could not start',
      error,
    );
    await closeAll(opened);
    process.exit(1);
  }
  const stop = async (signal: string) => {
    logger.info(`stopping on ${signal}`);
    await closeAll(opened);
    await telemetry.shutdown();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

/** The shared adjustable domain time (tests, demos: DOCKET_CLOCK=adjustable), or undefined. */
export const adjustableClockFor = (config: ServiceConfig): AdjustableClock | undefined =>
  config.clock === 'adjustable'
    ? fileClock(config.timeZone, join(config.dataDir, 'domain-time.json'))
    : undefined;

/** Domain time for this process: the wall clock, or the shared adjustable one. */
export const clockFor = (config: ServiceConfig): Clock =>
  adjustableClockFor(config) ?? systemClock(config.timeZone);

/** Closes in reverse order of opening: the service before the bus, the bus before the stores. */
async function closeAll(opened: { close(): Promise<void> }[]): Promise<void> {
  for (const resource of opened.reverse()) await resource.close().catch(() => undefined);
}
