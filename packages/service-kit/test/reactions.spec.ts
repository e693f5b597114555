import { join } from 'node:path';
import { DomainError } from '@docket/domain';
import { type EventStore, openSqliteLedger, type RecordedEvent } from '@docket/event-store';
import { tempDir } from '@docket/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { idempotentReaction } from '../src/reactions';

const actor = { id: 'u-clerk-wang', name: '王敏', roles: ['clerk'] };

/** A real event in a real ledger, as the relay would publish it. */
async function record(ledger: EventStore, stream: string, type: string): Promise<RecordedEvent> {
  await ledger.appendToStream(stream, [{ type, data: {}, occurredAt: '2026-12-01T09:00:00+08:00', actor }]);
  const events = await ledger.readStream(stream);
  return events.at(-1)!;
}

const gate = () => {
  let open: () => void = () => undefined;
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open };
};

describe('idempotentReaction', () => {
  let dir: ReturnType<typeof tempDir>;
  let ledger: EventStore;

  beforeEach(() => {
    dir = tempDir('docket-reactions-');
    ledger = openSqliteLedger({ path: join(dir.path, 'ledger.db') });
  });
  afterEach(async () => {
    await ledger.close();
    dir.cleanup();
  });

  it('reacts once: a redelivered event whose command the ledger already has is passed over', async () => {
    const accepted = await record(ledger, 'application-C1', 'ApplicationAccepted');
    const keys: string[] = [];
    const handle = idempotentReaction(
      { ledger, name: 'open-review', types: ['ApplicationAccepted'] },
      async (_e, key) => {
        keys.push(key);
        await ledger.appendToStream(
          'review-C1',
          [{ type: 'ReviewOpened', data: {}, occurredAt: accepted.occurredAt, actor }],
          {
            idempotency: { key },
          },
        );
      },
    );
    await handle(accepted);
    await handle(accepted);
    expect(keys).toEqual([`open-review:${accepted.id}`]);
    expect(await ledger.readStream('review-C1')).toHaveLength(1);
  });

  it('passes over the event types it does not react to, without asking the ledger', async () => {
    const seen: string[] = [];
    const handle = idempotentReaction({ ledger, name: 'r', types: ['ApplicationAccepted'] }, async (e) => {
      seen.push(e.type);
    });
    await handle(await record(ledger, 'application-C1', 'ApplicationSubmitted'));
    await handle(await record(ledger, 'application-C1', 'ApplicationAccepted'));
    expect(seen).toEqual(['ApplicationAccepted']);
  });

  it('keeps order within a stream while other streams go side by side', async () => {
    const a1 = await record(ledger, 'application-A', 'ApplicationAccepted');
    const a2 = await record(ledger, 'application-A', 'ApplicationWithdrawn');
    const b1 = await record(ledger, 'application-B', 'ApplicationAccepted');
    const held = gate();
    const done: string[] = [];
    const handle = idempotentReaction(
      { ledger, name: 'r', types: ['ApplicationAccepted', 'ApplicationWithdrawn'] },
      async (e) => {
        if (e.id === a1.id) await held.wait;
        done.push(`${e.stream}:${e.type}`);
      },
    );
    const first = handle(a1);
    const second = handle(a2);
    await handle(b1); // another case does not wait for case A
    expect(done).toEqual(['application-B:ApplicationAccepted']);
    held.open();
    await Promise.all([first, second]);
    expect(done).toEqual([
      'application-B:ApplicationAccepted',
      'application-A:ApplicationAccepted',
      'application-A:ApplicationWithdrawn',
    ]);
  });

  it('fails the later events of a stream when an earlier one fails, so they come back after it', async () => {
    const a1 = await record(ledger, 'application-A', 'ApplicationAccepted');
    const a2 = await record(ledger, 'application-A', 'ApplicationWithdrawn');
    const done: string[] = [];
    const handle = idempotentReaction(
      { ledger, name: 'r', types: ['ApplicationAccepted', 'ApplicationWithdrawn'] },
      async (e) => {
        if (e.id === a1.id) throw new Error('intake did not answer');
        done.push(e.type);
      },
    );
    const results = await Promise.allSettled([handle(a1), handle(a2)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(done).toEqual([]);
  });

  it('reports a refusal by the rules and passes over it; any other failure is thrown for redelivery', async () => {
    const refused: string[] = [];
    const event = await record(ledger, 'application-A', 'ApplicationAccepted');
    const handle = idempotentReaction(
      {
        ledger,
        name: 'r',
        types: ['ApplicationAccepted'],
        onRefused: (_e, error) => refused.push(error.code),
      },
      async () => {
        throw new DomainError('ReviewAlreadyOpened', 'illegal_transition', 'already open');
      },
    );
    await handle(event);
    expect(refused).toEqual(['ReviewAlreadyOpened']);
    const failing = idempotentReaction({ ledger, name: 'r2', types: ['ApplicationAccepted'] }, async () => {
      throw new Error('ledger busy');
    });
    await expect(failing(event)).rejects.toThrow('ledger busy');
  });
});
