import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openSqliteLedger } from '@docket/event-store';
import { runWalkthrough } from './walkthrough';

/**
 * `npm start` for now: takes one more case through the whole lifecycle on the ledger in the data
 * directory (DOCKET_DATA_DIR, default ./data), prints its timeline, and verifies the hash chain.
 */
async function main() {
  const dataDir = resolve(process.env.DOCKET_DATA_DIR ?? 'data');
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'ledger.db');
  const store = openSqliteLedger({ path });
  const print = (line: string) => process.stdout.write(`${line}\n`);
  try {
    print(`docket walkthrough · ledger ${path}\n`);
    const { caseNo, events, verified } = await runWalkthrough(store, print);
    print(
      `case ${caseNo}: ${events.length} events, submitted → corrected → accepted → reviewed (one return) → approved → delivered`,
    );
    print(
      verified.ok
        ? `ledger verified: ${verified.count} events, head ${verified.headHash.slice(0, 16)}… (run again for another case)`
        : `LEDGER VERIFY FAILED at position ${verified.position}: ${verified.reason}`,
    );
    if (!verified.ok) process.exitCode = 1;
  } finally {
    await store.close();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\n`);
  process.exit(1);
});
