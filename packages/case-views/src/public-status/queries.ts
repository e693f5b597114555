import { createHash, timingSafeEqual } from 'node:crypto';
import { domainError } from '@docket/domain';
import type { ReadModelStore } from '@docket/projections';
import { PUBLIC_STATUS } from './projection';
import type { PublicStatusDocument, PublicStatusView } from './public-status';

/**
 * The same error for an unknown case and a wrong query code, with the same message, so the public
 * lookup never reveals which case numbers exist.
 */
export const CaseNotFound = domainError('CaseNotFound', 'not_found', (caseNo: string) => ({
  message: `No case ${caseNo} with this query code`,
  details: { caseNo },
}));

/** The query code as the ledger holds it: sha256, lowercase hex (as intake computes queryCodeHash). */
export const hashQueryCode = (queryCode: string): string =>
  createHash('sha256').update(queryCode).digest('hex');

/** 办件进度查询: the public status of a case, for whoever holds its query code. @throws CaseNotFound */
export async function publicStatus(
  store: ReadModelStore,
  caseNo: string,
  queryCode: string,
): Promise<PublicStatusView> {
  const doc = await store.get<PublicStatusDocument>(PUBLIC_STATUS, caseNo);
  const given = Buffer.from(hashQueryCode(queryCode), 'hex');
  const stored = Buffer.from(doc?.queryCodeHash ?? '', 'hex');
  // Constant-time: the comparison's duration says nothing about how much of the code was right.
  if (!doc || stored.length !== given.length || !timingSafeEqual(stored, given))
    throw new CaseNotFound(caseNo);
  const { id: _id, queryCodeHash: _hash, ...view } = doc;
  return view;
}
