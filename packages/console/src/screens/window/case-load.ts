import { intake } from '@docket/contracts';
import { ApiError, call } from '../../api/client';
import type { CaseDocument } from './desk-state';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One case as the case list has it. The list follows the ledger a moment behind a command, so a case
 * just submitted may not be there yet (404) and a status just changed may still be the old one: the
 * load waits, a few times, until `ready` holds.
 */
export async function loadCase(
  caseNo: string,
  options: { signal?: AbortSignal; minPosition?: string } = {},
  ready: (document: CaseDocument) => boolean = () => true,
): Promise<CaseDocument> {
  const { signal } = options;
  let last: CaseDocument | undefined;
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      last = await call(intake.case, { params: { caseNo } }, options);
      if (ready(last)) return last;
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404) || attempt === 19) throw error;
    }
    await pause(Math.min(100 * 2 ** attempt, 1000));
    if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
  }
  if (last === undefined) throw new ApiError({ status: 404 });
  return last;
}
