import type { HandlingCategory, ServiceItemVersion } from '../catalogue/service-item';
import type { ApplicationState } from './state';

/** What a department's review opens with: the accepted application's item version, category and deadlines. */
export interface ReviewOpening {
  caseNo: string;
  item: ServiceItemVersion;
  category: HandlingCategory;
  acceptingUnit: string;
  promisedDeadline: string;
  statutoryDeadline: string;
  acceptedAt: string;
}

/**
 * The review opening of an accepted application, as its stream has it (the legal record, not a read
 * model); undefined when it was never accepted or has been withdrawn since (nothing to review).
 */
export function reviewOpeningOf(state: ApplicationState): ReviewOpening | undefined {
  const { caseNo, item, acceptance } = state;
  if (caseNo === undefined || item === undefined || acceptance === undefined) return undefined;
  if (state.status === 'withdrawn') return undefined;
  return {
    caseNo,
    item,
    category: acceptance.category,
    acceptingUnit: acceptance.acceptingUnit,
    promisedDeadline: acceptance.promisedDeadline,
    statutoryDeadline: acceptance.statutoryDeadline,
    acceptedAt: acceptance.clockStartsAt,
  };
}
