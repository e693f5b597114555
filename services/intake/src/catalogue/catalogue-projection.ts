import type { CatalogueItemView } from '@docket/contracts';
import type { ServiceItemEvent } from '@docket/domain';
import type { Projection, ReadModelDocument } from '@docket/projections';

export const CATALOGUE_ITEMS = 'catalogue_items';
export const CATALOGUE_PROJECTION = 'catalogue';

type ItemDocument = CatalogueItemView & ReadModelDocument;

/** 办事指南: the public catalogue, one document per item, from the `catalogue-*` streams. */
export const catalogueProjection: Projection = {
  name: CATALOGUE_PROJECTION,
  collections: [{ name: CATALOGUE_ITEMS, indexes: [{ fields: ['status'] }] }],
  filter: { streamPrefixes: ['catalogue-'] },
  async apply(recorded, tx) {
    const event = { type: recorded.type, data: recorded.data } as ServiceItemEvent;
    if (event.type === 'ServiceItemWithdrawn') {
      tx.patch(CATALOGUE_ITEMS, event.data.code, {
        status: 'withdrawn',
        withdrawnAt: new Date(event.data.at).toISOString(),
        withdrawalReason: event.data.reason,
      });
      return;
    }
    const { item } = event.data;
    const before = await tx.get<ItemDocument>(CATALOGUE_ITEMS, item.code);
    tx.put(CATALOGUE_ITEMS, {
      id: item.code,
      code: item.code,
      status: 'active',
      current: item,
      versions: [...(before?.versions ?? []), item.version],
      withdrawnAt: null,
      withdrawalReason: null,
    } satisfies ItemDocument);
  },
};
