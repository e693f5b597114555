import { z } from 'zod';
import { query } from './endpoint';

/** What every service answers on `<service>.qry.health`: it is up, and how far its consumers have got. */
export interface ServiceHealth {
  service: string;
  /** Checkpoints (ledger positions) of the service's read models and reactions, by name. */
  checkpoints: Record<string, bigint | null>;
  /** What an operator must act on while the service runs (e.g. next year's working-day calendar missing). */
  warnings?: string[];
  /**
   * Why the service cannot do all its work just now (a full disk, a read model stopped): the gateway's
   * health is then `degraded` and answers 503.
   */
  degraded?: string[];
}

export const healthOf = (service: string) =>
  query(`${service}.qry.health`, z.object({}), { reply: z.custom<ServiceHealth>(), internal: true });

export const SERVICES = ['intake', 'review', 'monitoring', 'supervision', 'audit'] as const;
