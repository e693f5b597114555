import { randomBytes } from 'node:crypto';
import type { EventStore } from '@docket/event-store';

/** Crockford's base32, as intake's case numbers: no I, L, O, U, so an id read out on the phone is not misheard. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 投诉 (TS) and 督办 (DB): what an id says it numbers. */
export type IdPrefix = 'TS' | 'DB';

/**
 * `TS-20261201-7K3QXM`: the kind, the local date (`now` is written with the centre's offset, so its first
 * ten characters are the local date) and six random characters. Random rather than a counter so that
 * instances need no coordination; a collision is caught by the ledger (the stream then exists).
 */
export function drawId(prefix: IdPrefix, now: string, random: Uint8Array = randomBytes(6)): string {
  if (random.length < 6) throw new RangeError('six random bytes are needed');
  let suffix = '';
  for (let i = 0; i < 6; i++) suffix += ALPHABET[random[i]! % 32];
  return `${prefix}-${now.slice(0, 10).replaceAll('-', '')}-${suffix}`;
}

export const newComplaintId = (now: string): string => drawId('TS', now);
export const newSupervisionOrderId = (now: string): string => drawId('DB', now);

export interface DrawnIdOptions<R> {
  ledger: EventStore;
  /** The request's scoped idempotency key: a retry finds the id its first attempt was stored under. */
  idempotencyKey: string | undefined;
  /** `complaint-` or `order-`: the stream an id's events are in. */
  streamPrefix: string;
  draw: () => string;
  /** The code the decider answers when the drawn id is taken (the stream already exists). */
  takenCode: string;
  run: (id: string) => Promise<R>;
  /** Draws before giving up (default 5). */
  attempts?: number;
}

/**
 * Runs a creating command under a drawn id. A retried request (same Idempotency-Key) is answered under
 * the id of its first attempt; an id already taken is drawn again; the same request sent twice at once
 * (a double click) gets its twin's id once the twin has stored it (the ledger then answers with the
 * twin's result).
 */
export async function withDrawnId<R>(options: DrawnIdOptions<R>): Promise<R> {
  const earlier = async (): Promise<string | undefined> => {
    if (options.idempotencyKey === undefined) return undefined;
    const result = await options.ledger.idempotencyResult(options.idempotencyKey);
    return result?.stream.startsWith(options.streamPrefix)
      ? result.stream.slice(options.streamPrefix.length)
      : undefined;
  };
  let known = await earlier();
  const attempts = options.attempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    const id = known ?? options.draw();
    try {
      return await options.run(id);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt >= attempts || known !== undefined) throw error;
      if (code === 'IdempotencyKeyReused') {
        known = await earlier();
        if (known === undefined) throw error;
      } else if (code !== options.takenCode) throw error;
    }
  }
}
