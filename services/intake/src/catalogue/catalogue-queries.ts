import {
  type CatalogueItemView,
  type CatalogueVersions,
  intake,
  type ParsedRequestOf,
} from '@docket/contracts';
import { catalogueStreamName, type ServiceItemEvent, ServiceItemNotDefined } from '@docket/domain';
import type { ReadModelDocument } from '@docket/projections';
import { awaitPosition, type Message } from '@docket/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import type { IntakeDeps } from '../intake-deps';
import { INTAKE } from '../tokens';
import { CATALOGUE_ITEMS, CATALOGUE_PROJECTION } from './catalogue-projection';
import { versionsOf } from './catalogue-versions';

/** 办事指南: the public catalogue, from its read model. Anyone may read it (the five disclosures). */
@Injectable()
export class CatalogueQueries {
  constructor(@Inject(INTAKE) private readonly deps: IntakeDeps) {}

  async items(
    _request: ParsedRequestOf<typeof intake.items>,
    { headers }: Message,
  ): Promise<CatalogueItemView[]> {
    await awaitPosition(this.deps.readModels, [CATALOGUE_PROJECTION], headers);
    const docs = await this.deps.readModels.find<CatalogueItemView & ReadModelDocument>(CATALOGUE_ITEMS, {
      where: { status: 'active' },
    });
    return docs.map(({ id: _, ...view }) => view);
  }

  async item(
    { code }: ParsedRequestOf<typeof intake.item>,
    { headers }: Message,
  ): Promise<CatalogueItemView> {
    await awaitPosition(this.deps.readModels, [CATALOGUE_PROJECTION], headers);
    const doc = await this.deps.readModels.get<CatalogueItemView & ReadModelDocument>(CATALOGUE_ITEMS, code);
    if (doc === undefined) throw new ServiceItemNotDefined(code);
    const { id: _, ...view } = doc;
    return view;
  }

  /** Every version as published, from the item's stream (the read model keeps the current one only). */
  async itemVersions({ code }: ParsedRequestOf<typeof intake.itemVersions>): Promise<CatalogueVersions> {
    const events = await this.deps.ledger.readStream(catalogueStreamName(code));
    if (events.length === 0) throw new ServiceItemNotDefined(code);
    return versionsOf(events.map((e) => ({ type: e.type, data: e.data }) as ServiceItemEvent));
  }
}
