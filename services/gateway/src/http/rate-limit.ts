import { HttpProblem } from './problem';

export interface RateLimitOptions {
  /** Requests allowed in a burst. */
  burst: number;
  /** Requests regained per minute. */
  perMinute: number;
}

/**
 * A token bucket per client (the public status lookup: case numbers are guessable, query codes must not
 * be): `burst` requests at once, then `perMinute`. In memory, per gateway instance; buckets that have
 * filled up again are forgotten, so the map stays as small as the set of recent clients.
 */
export function createRateLimiter(options: RateLimitOptions, now: () => number = Date.now) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const refillPerMs = options.perMinute / 60_000;
  let lastSweep = now();

  function sweep(t: number) {
    if (t - lastSweep < 60_000) return;
    lastSweep = t;
    for (const [client, bucket] of buckets)
      if (bucket.tokens + (t - bucket.at) * refillPerMs >= options.burst) buckets.delete(client);
  }

  return {
    /** @throws HttpProblem RateLimited (429) with `details.retryAfterSeconds`. */
    take(client: string): void {
      const t = now();
      sweep(t);
      const bucket = buckets.get(client) ?? { tokens: options.burst, at: t };
      const tokens = Math.min(options.burst, bucket.tokens + (t - bucket.at) * refillPerMs);
      if (tokens < 1) {
        const retryAfterSeconds = Math.ceil((1 - tokens) / refillPerMs / 1000);
        buckets.set(client, { tokens, at: t });
        throw new HttpProblem('RateLimited', undefined, 'Too many status lookups; try again later', {
          retryAfterSeconds,
        });
      }
      buckets.set(client, { tokens: tokens - 1, at: t });
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
