import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adjustableClock, fileClock, systemClock } from './clock';
import { configFromEnv } from './config';

describe('the clock', () => {
  it('writes instants with the centre’s offset', () => {
    expect(systemClock('Asia/Shanghai').now()).toMatch(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?\+08:00$/,
    );
  });

  it('moves domain time forward on request, never back', () => {
    const clock = adjustableClock('Asia/Shanghai');
    const before = clock.epochMs();
    clock.advance(3 * 86_400_000);
    expect(clock.epochMs() - before).toBeGreaterThanOrEqual(3 * 86_400_000);
    expect(clock.offsetMs).toBe(3 * 86_400_000);
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });

  it('shares one domain time through its file: another process sees an advance at once, and it survives a restart', () => {
    const dir = mkdtempSync(join(tmpdir(), 'docket-clock-'));
    try {
      const path = join(dir, 'domain-time.json');
      const gateway = fileClock('Asia/Shanghai', path);
      const supervision = fileClock('Asia/Shanghai', path);
      expect(supervision.offsetMs).toBe(0); // no file yet: the wall clock
      // The supervision process looks at the time, the gateway advances it, and the very next look
      // (a command sent right after the advance) already sees the new day.
      supervision.now();
      gateway.advance(86_400_000);
      expect(supervision.offsetMs).toBe(86_400_000);
      supervision.advance(60_000);
      expect(gateway.offsetMs).toBe(86_460_000);
      expect(fileClock('Asia/Shanghai', path).offsetMs).toBe(86_460_000); // a restarted process

      // The embedded mode's clock (one process): read once at start, then its own; still written through.
      const embedded = fileClock('Asia/Shanghai', path, { shared: false });
      expect(embedded.offsetMs).toBe(86_460_000);
      gateway.advance(1000);
      expect(embedded.offsetMs).toBe(86_460_000);
      embedded.advance(60_000);
      expect(fileClock('Asia/Shanghai', path).offsetMs).toBe(86_520_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('configuration from the environment', () => {
  it('defaults to the embedded layout, and takes each backend when it is named', () => {
    expect(configFromEnv({})).toMatchObject({ timeZone: 'Asia/Shanghai' });
    expect(configFromEnv({}).ledgerUrl).toBeUndefined();
    const config = configFromEnv({
      DOCKET_DATA_DIR: '/srv/docket',
      DOCKET_LEDGER_URL: 'esdb://eventstoredb:2113?tls=false',
      DOCKET_READ_MODELS_URL: ' mongodb://mongodb:27017/docket ',
      NATS_URL: 'nats://nats:4222',
      NATS_USER: 'intake',
      NATS_PASSWORD: '',
    });
    expect(config).toMatchObject({
      dataDir: '/srv/docket',
      ledgerUrl: 'esdb://eventstoredb:2113?tls=false',
      readModelsUrl: 'mongodb://mongodb:27017/docket',
      natsUrl: 'nats://nats:4222',
      natsUser: 'intake',
    });
    // An empty value is no value (compose files often leave a variable blank).
    expect(config.natsPassword).toBeUndefined();
  });
});
