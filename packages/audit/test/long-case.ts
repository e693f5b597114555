import { join } from 'node:path';
import { buildLongCase as buildInto } from '@docket/case-fixtures';
import { tempDir } from '@docket/testkit';

export { type LongCase, type Mark, SCRIPT_IN_REASON } from '@docket/case-fixtures';

/** The shared long case (`@docket/case-fixtures`) on a ledger file of its own, removed on close. */
export function buildLongCase() {
  const dir = tempDir('docket-audit-');
  return buildInto(join(dir.path, 'ledger.db'), { onClose: () => dir.cleanup() });
}
