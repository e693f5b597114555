import type { RecordedBy } from '../shared/recorded-by';
import type { Instant } from '../shared/time';
import type { ServiceItemEvent } from './events';
import type { ServiceItemVersion } from './service-item';

export interface CatalogueItemState {
  status: 'not_defined' | 'active' | 'withdrawn';
  /** The newest version; what new applications are submitted under. */
  current?: ServiceItemVersion;
  /** Every version ever published, oldest first: cases keep the version they were accepted under. */
  versions: ServiceItemVersion[];
  withdrawal?: { reason: string; at: Instant; by: RecordedBy };
}

export const initialCatalogueItemState = (): CatalogueItemState => ({ status: 'not_defined', versions: [] });

export function evolveCatalogueItem(state: CatalogueItemState, event: ServiceItemEvent): CatalogueItemState {
  switch (event.type) {
    case 'ServiceItemDefined':
    case 'ServiceItemRevised':
      return {
        ...state,
        status: 'active',
        current: event.data.item,
        versions: [...state.versions, event.data.item],
      };
    case 'ServiceItemWithdrawn': {
      const { reason, at, by } = event.data;
      return { ...state, status: 'withdrawn', withdrawal: { reason, at, by } };
    }
  }
}
