import { getSQLiteEventStore } from '@event-driven-io/emmett-sqlite';
import Database from 'better-sqlite3';
import { samplePayload } from './workload';

/**
 * emmett-sqlite 0.38.5 shares one connection per store instance and closes it after every call, so two
 * calls in flight on one instance fail (SQLITE_MISUSE). The fastest correct way to drive it from many
 * logical writers is to serialise its calls, which is what this does.
 */
export function emmettAppender(fileName: string) {
  const store = getSQLiteEventStore({ fileName, schema: { autoMigration: 'CreateOrUpdate' } });
  let tail: Promise<unknown> = Promise.resolve();
  return {
    append(stream: string, count: number): Promise<void> {
      const run = () =>
        store.appendToStream(stream, [{ type: 'ApplicationAccepted', data: samplePayload(count) }], {
          // emmett counts stream versions from 0 = no events.
          expectedStreamVersion: BigInt(count),
        });
      const next = tail.then(run);
      tail = next.catch(() => undefined);
      return next.then(() => undefined);
    },
    close: () => tail.then(() => undefined),
  };
}

/** A bare events table, durable like docket's ledger (WAL, synchronous=FULL), and its one INSERT. */
function openRawTable(fileName: string) {
  const db = new Database(fileName);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(
    'CREATE TABLE events (position INTEGER PRIMARY KEY, stream TEXT NOT NULL, revision INTEGER NOT NULL, data TEXT NOT NULL)',
  );
  return { db, insert: db.prepare('INSERT INTO events (stream, revision, data) VALUES (?, ?, ?)') };
}

/** The floor: one INSERT and one durable COMMIT per append, no checks, no hashing, WAL + synchronous=FULL. */
export function rawAppender(fileName: string) {
  const { db, insert } = openRawTable(fileName);
  const appendOne = db.transaction((stream: string, count: number) =>
    insert.run(stream, count, JSON.stringify(samplePayload(count))),
  );
  return {
    async append(stream: string, count: number): Promise<void> {
      appendOne(stream, count);
    },
    close: () => {
      db.close();
    },
  };
}

/**
 * The ceiling of group commit: the same insert, every append queued in one event-loop turn committed
 * in one durable transaction, with no revision check, no idempotency and no hash chain.
 */
export function rawGroupAppender(fileName: string) {
  const { db, insert } = openRawTable(fileName);
  let queue: { stream: string; count: number; done: () => void }[] = [];
  const flush = db.transaction((batch: typeof queue) => {
    for (const a of batch) insert.run(a.stream, a.count, JSON.stringify(samplePayload(a.count)));
  });
  return {
    append(stream: string, count: number): Promise<void> {
      return new Promise((done) => {
        if (queue.length === 0) {
          setImmediate(() => {
            const batch = queue;
            queue = [];
            flush(batch);
            for (const a of batch) a.done();
          });
        }
        queue.push({ stream, count, done });
      });
    },
    close: () => {
      db.close();
    },
  };
}
