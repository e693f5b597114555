import { join } from 'node:path';
import { type EventStore, openSqliteLedger } from '@docket/event-store';
import { tempDir } from '@docket/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawId, newComplaintId, newSupervisionOrderId, withDrawnId } from './ids';

const CROCKFORD = /^[0-9A-HJKMNP-TV-Z]{6}$/;

describe('complaint and supervision order ids', () => {
  it('number a complaint TS- and an order DB- by the local date and six base32 characters', () => {
    const complaints = new Set(
      Array.from({ length: 200 }, () => newComplaintId('2026-12-01T15:31:00+08:00')),
    );
    expect(complaints.size).toBe(200);
    for (const id of complaints) expect(id).toMatch(/^TS-20261201-[0-9A-HJKMNP-TV-Z]{6}$/);
    expect(newSupervisionOrderId('2026-12-01T15:31:00+08:00')).toMatch(/^DB-20261201-[0-9A-HJKMNP-TV-Z]{6}$/);
  });

  it('take the date as the centre writes it (its offset), not the UTC date', () => {
    // 00:30 on 2 December in Shanghai is still 1 December in UTC.
    expect(drawId('TS', '2026-12-02T00:30:00+08:00', new Uint8Array(6))).toBe('TS-20261202-000000');
  });

  it('spell the random bytes in Crockford base32, never I, L, O or U', () => {
    const id = drawId('DB', '2026-03-02T09:00:00+08:00', Uint8Array.from([0, 31, 32, 18, 21, 27]));
    expect(id).toBe('DB-20260302-0Z0JNV');
    expect(id.slice(-6)).toMatch(CROCKFORD);
    expect(() => drawId('TS', '2026-03-02T09:00:00+08:00', new Uint8Array(5))).toThrow(RangeError);
  });
});

describe('running a creating command under a drawn id', () => {
  let dir: ReturnType<typeof tempDir>;
  let ledger: EventStore;
  beforeAll(() => {
    dir = tempDir('docket-supervision-ids-');
    ledger = openSqliteLedger({ path: join(dir.path, 'ledger.db') });
  });
  afterAll(async () => {
    await ledger?.close();
    dir?.cleanup();
  });
  const taken = (id: string) =>
    Object.assign(new Error(`${id} taken`), { code: 'ComplaintAlreadySubmitted' });

  it('draws again when the drawn id is taken, and answers under the one that was free', async () => {
    const drawn = ['TS-1', 'TS-2', 'TS-3'];
    const tried: string[] = [];
    const id = await withDrawnId({
      ledger,
      idempotencyKey: undefined,
      streamPrefix: 'complaint-',
      draw: () => drawn.shift()!,
      takenCode: 'ComplaintAlreadySubmitted',
      run: async (candidate) => {
        tried.push(candidate);
        if (candidate !== 'TS-3') throw taken(candidate);
        return candidate;
      },
    });
    expect(id).toBe('TS-3');
    expect(tried).toEqual(['TS-1', 'TS-2', 'TS-3']);
  });

  it('gives up after its attempts, and passes any other refusal on at once', async () => {
    let draws = 0;
    const run = async (candidate: string): Promise<string> => {
      throw taken(candidate);
    };
    await expect(
      withDrawnId({
        ledger,
        idempotencyKey: undefined,
        streamPrefix: 'complaint-',
        draw: () => `TS-${++draws}`,
        takenCode: 'ComplaintAlreadySubmitted',
        run,
        attempts: 3,
      }),
    ).rejects.toMatchObject({ code: 'ComplaintAlreadySubmitted' });
    expect(draws).toBe(3);
    const forbidden = Object.assign(new Error('no'), { code: 'Forbidden' });
    let tries = 0;
    await expect(
      withDrawnId({
        ledger,
        idempotencyKey: undefined,
        streamPrefix: 'complaint-',
        draw: () => 'TS-1',
        takenCode: 'ComplaintAlreadySubmitted',
        run: async () => {
          tries++;
          throw forbidden;
        },
      }),
    ).rejects.toBe(forbidden);
    expect(tries).toBe(1);
  });

  it('answers a retried request under the id its first attempt was stored under', async () => {
    // The first attempt stored its events under the request's key (as the command path does).
    await ledger.appendToStream(
      'complaint-TS-20261201-AAAAAA',
      [
        {
          type: 'ComplaintSubmitted',
          data: {},
          occurredAt: '2026-12-01T10:00:00+08:00',
          actor: { id: 'u-1', name: '刘洋', roles: ['applicant'] },
        },
      ],
      { idempotency: { key: 'request:u-1:k' } },
    );
    const tried: string[] = [];
    const id = await withDrawnId({
      ledger,
      idempotencyKey: 'request:u-1:k',
      streamPrefix: 'complaint-',
      draw: () => 'TS-never-drawn',
      takenCode: 'ComplaintAlreadySubmitted',
      run: async (candidate) => {
        tried.push(candidate);
        return candidate;
      },
    });
    expect(id).toBe('TS-20261201-AAAAAA');
    expect(tried).toEqual(['TS-20261201-AAAAAA']);
  });
});
