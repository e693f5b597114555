import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  configFromEnv,
  DEFAULT_CHECKPOINT_EVERY_EVENTS,
  DEFAULT_CHECKPOINT_EVERY_MS,
  DEFAULT_RETENTION_SWEEP_MS,
} from './config';

describe('checkpoint configuration', () => {
  it('defaults under the data directory, every 10000 events or hour; no key directory or witness named', () => {
    const config = configFromEnv({ DOCKET_DATA_DIR: '/srv/docket' });
    // The key directory is left to the audit service's rule: not inside the data directory.
    expect(config.checkpoints).toEqual({
      dir: join('/srv/docket', 'checkpoints'),
      everyEvents: DEFAULT_CHECKPOINT_EVERY_EVENTS,
      everyMs: DEFAULT_CHECKPOINT_EVERY_MS,
      ledgerId: 'docket',
    });
  });

  it('reads the DOCKET_CHECKPOINT_* variables and refuses a count that is not one', () => {
    const config = configFromEnv({
      DOCKET_CHECKPOINT_KEY_DIR: 'secrets/keys',
      DOCKET_CHECKPOINT_DIR: '/mnt/outside',
      DOCKET_CHECKPOINT_WITNESS: 'dir:/mnt/worm/docket,https://witness.example/checkpoints',
      DOCKET_CHECKPOINT_EVERY_EVENTS: '0',
      DOCKET_CHECKPOINT_EVERY_MS: '60000',
      DOCKET_LEDGER_ID: '黄浦区政务服务中心',
    });
    expect(config.checkpoints).toEqual({
      keyDir: resolve('secrets/keys'),
      witness: 'dir:/mnt/worm/docket,https://witness.example/checkpoints',
      dir: '/mnt/outside',
      everyEvents: 0,
      everyMs: 60_000,
      ledgerId: '黄浦区政务服务中心',
    });
    expect(() => configFromEnv({ DOCKET_CHECKPOINT_EVERY_MS: 'hourly' })).toThrow(
      /DOCKET_CHECKPOINT_EVERY_MS/,
    );
  });
});

describe('DOCKET_RETENTION_SWEEP_MS', () => {
  it('sweeps retention daily unless DOCKET_RETENTION_SWEEP_MS says otherwise (0: never); refuses a word', () => {
    expect(configFromEnv({}).retentionSweepMs).toBe(DEFAULT_RETENTION_SWEEP_MS);
    expect(DEFAULT_RETENTION_SWEEP_MS).toBe(24 * 3600_000);
    expect(configFromEnv({ DOCKET_RETENTION_SWEEP_MS: '0' }).retentionSweepMs).toBe(0);
    expect(() => configFromEnv({ DOCKET_RETENTION_SWEEP_MS: 'daily' })).toThrow(/DOCKET_RETENTION_SWEEP_MS/);
  });
});

describe('DOCKET_CRYPTO', () => {
  it('is the standard profile unless gm (国密) is asked for; anything else stops the start', () => {
    expect(configFromEnv({}).crypto).toBe('standard');
    expect(configFromEnv({ DOCKET_CRYPTO: 'gm' }).crypto).toBe('gm');
    expect(() => configFromEnv({ DOCKET_CRYPTO: 'guomi' })).toThrow(/DOCKET_CRYPTO must be 'standard'/);
  });
});
