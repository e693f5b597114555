import type { Decider } from '../shared/decider';
import type { ServiceItemCommand } from './commands';
import { decideServiceItem } from './decide';
import { ServiceItemNotDefined, ServiceItemWithdrawn } from './errors';
import type { ServiceItemEvent } from './events';
import type { ServiceItemVersion } from './service-item';
import { type CatalogueItemState, evolveCatalogueItem, initialCatalogueItemState } from './state';

export * from '../shared/recorded-by';
// service-item.ts is exported by the package index directly; it is not re-exported here.
export * from './commands';
export { decideServiceItem } from './decide';
export {
  CodeMismatch,
  ServiceItemAlreadyDefined,
  ServiceItemNotDefined,
  ServiceItemWithdrawn,
} from './errors';
export * from './events';
export * from './parse-command';
export * from './retention';
export * from './rules';
export * from './state';

/** 事项目录: one decider per service item, on stream `catalogue-<itemCode>`. */
export const catalogueItemDecider: Decider<ServiceItemCommand, CatalogueItemState, ServiceItemEvent> = {
  decide: decideServiceItem,
  evolve: evolveCatalogueItem,
  initialState: initialCatalogueItemState,
};

/**
 * The version a new application is submitted under. The intake handler calls this on the folded catalogue
 * stream, so a withdrawn item takes no new applications while its open cases go on under their version.
 */
export function serviceItemForIntake(state: CatalogueItemState): ServiceItemVersion {
  if (state.current === undefined) throw new ServiceItemNotDefined();
  if (state.status === 'withdrawn') throw new ServiceItemWithdrawn(state.current.code);
  return state.current;
}

/** A past version, for cases accepted under it; undefined when the item never had that version. */
export const serviceItemVersion = (
  state: CatalogueItemState,
  version: number,
): ServiceItemVersion | undefined => state.versions.find((item) => item.version === version);
