import { isIP } from 'node:net';

/**
 * How docket runs: `production` (the default) or `development`, which adds what a demo or a test needs and
 * a public service must never offer: tokens for any seeded user on request (`/api/dev/tokens`, an
 * administrator's among them) and domain time an administrator can move forward (`/api/dev/time/advance`,
 * `DOCKET_CLOCK=adjustable`), which shifts every later record's `occurred_at` without a trace in the ledger.
 * The one place that says when those are on and where they may be reached from.
 */
export type Profile = 'production' | 'development';

export interface RunProfile {
  profile: Profile;
  /**
   * `DOCKET_DEVELOPMENT_ON_NETWORK=force`: serve development on an address other than loopback (a
   * container whose published port the host keeps on loopback). Without it such a start is refused.
   */
  forcedOnNetwork: boolean;
}

type Env = Record<string, string | undefined>;

/** `DOCKET_PROFILE` (`production` when unset); any other value is a start-up error. */
export function profileFromEnv(env: Env = process.env): RunProfile {
  const value = env.DOCKET_PROFILE?.trim() || 'production';
  if (value !== 'production' && value !== 'development')
    throw new Error(`DOCKET_PROFILE must be production or development, not ${value}`);
  if (env.DOCKET_DEV_TOKENS !== undefined && value !== 'development')
    throw new Error(
      'DOCKET_DEV_TOKENS is no longer read: development tokens come with DOCKET_PROFILE=development',
    );
  return { profile: value, forcedOnNetwork: env.DOCKET_DEVELOPMENT_ON_NETWORK === 'force' };
}

/** 127.0.0.0/8, ::1 and `localhost`: reachable from this machine only. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  return bare === '::1' || bare === '::ffff:127.0.0.1';
}

/** Refused: development tools reachable from other machines, unless the operator forced it knowingly. */
export class DevelopmentOnNetwork extends Error {
  constructor(host: string) {
    super(
      `refusing to serve the development profile on ${host}: anyone who can reach it could take an ` +
        "administrator's token and move domain time. Listen on 127.0.0.1, or run DOCKET_PROFILE=production, " +
        'or set DOCKET_DEVELOPMENT_ON_NETWORK=force if only this machine can reach the port',
    );
    this.name = 'DevelopmentOnNetwork';
  }
}

/** Throws `DevelopmentOnNetwork` when development would listen beyond loopback without being forced. */
export function checkListenAddress(run: RunProfile, host: string): void {
  if (run.profile === 'development' && !isLoopback(host) && !run.forcedOnNetwork)
    throw new DevelopmentOnNetwork(host);
}

/** The banner printed when development is on: loud, so that it is never on unnoticed. */
export function developmentBanner(url: string): string {
  const rule = '!'.repeat(78);
  return [
    rule,
    '!! DEVELOPMENT PROFILE (开发模式): NOT FOR PUBLIC SERVICE',
    `!! ${url}/api/dev/tokens gives anyone a token for any seeded user, administrators included;`,
    '!! domain time can be moved forward, so dates recorded here are not evidence.',
    '!! Production: DOCKET_PROFILE=production (the default) with an identity provider.',
    rule,
  ].join('\n');
}

/** Movable domain time is a development tool: refused at start in production. */
export function refuseAdjustableClock(run: RunProfile, clock: 'system' | 'adjustable'): void {
  if (clock === 'adjustable' && run.profile !== 'development')
    throw new Error('DOCKET_CLOCK=adjustable is for development only: it needs DOCKET_PROFILE=development');
}
