import type { WorkingCalendar } from '@docket/domain';
import type { EventStore } from '@docket/event-store';
import type { Directory } from '@docket/identity';
import type { Bus } from '@docket/messaging';
import type { PersonalDataVault } from '@docket/personal-data';
import type { ReadModelStore } from '@docket/projections';
import type { Clock } from './clock';
import type { Logger } from './logger';

/**
 * Everything a service is given. A service cannot tell the mode it runs in: the host (embedded,
 * networked process, container) decides what stands behind each of these.
 */
export interface ServiceDeps {
  ledger: EventStore;
  bus: Bus;
  /** The service's own read models and checkpoints. */
  readModels: ReadModelStore;
  /**
   * Where the service's relay keeps its place. The read-model store when the bus keeps events
   * (JetStream); a throwaway store when it does not (the embedded bus lives in memory), so that after a
   * restart the relay publishes again into the new bus and consumers pass over what they already handled.
   */
  relayCheckpoints: ReadModelStore;
  clock: Clock;
  directory: Directory;
  calendar: WorkingCalendar;
  logger: Logger;
  /** Where the service's files are (SQLite): its health says when the disk under it is (nearly) full. */
  dataDir?: string;
  /**
   * The keys of the personal data the ledger holds sealed (packages/personal-data), when it does: `ledger`
   * is then the sealed ledger over it. The audit service erases personal data with it.
   */
  personalData?: PersonalDataVault;
}

/** A started service: stop it and it lets the work in hand finish (it does not close what it was given). */
export interface RunningService {
  readonly name: string;
  close(): Promise<void>;
  /** Resolves when the service's relay and read models have caught up with the ledger's head. */
  settled(): Promise<void>;
}
