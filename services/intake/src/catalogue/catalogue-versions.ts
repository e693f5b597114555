import type { CatalogueVersions } from '@docket/contracts';
import { type ServiceItemEvent, utc } from '@docket/domain';

/**
 * 事项目录: every version of one item as its stream recorded it, oldest first, with the revision note.
 * Read from the stream, not the catalogue read model: the read model keeps the current version only,
 * and an item's stream holds a handful of events.
 */
export function versionsOf(events: readonly Pick<ServiceItemEvent, 'type' | 'data'>[]): CatalogueVersions {
  const versions: CatalogueVersions = [];
  for (const event of events as readonly ServiceItemEvent[]) {
    if (event.type === 'ServiceItemWithdrawn') continue;
    const { item, at, by } = event.data;
    versions.push({
      item,
      note: event.type === 'ServiceItemRevised' ? event.data.note : null,
      at: utc(at),
      by: by.department === undefined ? { id: by.id, name: by.name } : { ...by },
    });
  }
  return versions;
}
