import type { ServiceDeps } from '@docket/service-kit';

export interface IntakeOptions {
  /** The centre's secret query codes are derived from (see case-numbers.ts). */
  queryCodeSecret: Buffer;
}

export type IntakeDeps = ServiceDeps & IntakeOptions;
