import { describe, expect, it } from 'vitest';
import { configFromEnv } from './config';
import { checkListenAddress, DevelopmentOnNetwork, isLoopback, profileFromEnv } from './profile';

describe('the run profile', () => {
  it('is production unless development is asked for by name', () => {
    expect(profileFromEnv({}).profile).toBe('production');
    expect(profileFromEnv({ DOCKET_PROFILE: 'development' }).profile).toBe('development');
    expect(() => profileFromEnv({ DOCKET_PROFILE: 'dev' })).toThrow(/production or development/);
  });

  it('refuses the old DOCKET_DEV_TOKENS switch outside development, so it cannot be left on unnoticed', () => {
    expect(() => profileFromEnv({ DOCKET_DEV_TOKENS: 'true' })).toThrow(/DOCKET_PROFILE=development/);
  });

  it.each(['127.0.0.1', '127.8.0.3', 'localhost', '::1', '[::1]'])('counts %s as loopback', (host) => {
    expect(isLoopback(host)).toBe(true);
  });

  it.each(['0.0.0.0', '::', '10.0.0.5', '192.168.1.2', 'docket.example', '128.0.0.1'])(
    'counts %s as reachable from other machines',
    (host) => expect(isLoopback(host)).toBe(false),
  );

  it('refuses development on a network address unless forced, and never minds production', () => {
    const development = profileFromEnv({ DOCKET_PROFILE: 'development' });
    expect(() => checkListenAddress(development, '0.0.0.0')).toThrow(DevelopmentOnNetwork);
    expect(() => checkListenAddress(development, '127.0.0.1')).not.toThrow();
    const forced = profileFromEnv({ DOCKET_PROFILE: 'development', DOCKET_DEVELOPMENT_ON_NETWORK: 'force' });
    expect(() => checkListenAddress(forced, '0.0.0.0')).not.toThrow();
    // Anything but the exact word leaves the refusal in place.
    const sloppy = profileFromEnv({ DOCKET_PROFILE: 'development', DOCKET_DEVELOPMENT_ON_NETWORK: 'yes' });
    expect(() => checkListenAddress(sloppy, '0.0.0.0')).toThrow(DevelopmentOnNetwork);
    expect(() => checkListenAddress(profileFromEnv({}), '0.0.0.0')).not.toThrow();
  });

  it('lets domain time be movable (DOCKET_CLOCK=adjustable) in development only', () => {
    expect(() => configFromEnv({ DOCKET_CLOCK: 'adjustable' })).toThrow(/DOCKET_PROFILE=development/);
    expect(configFromEnv({ DOCKET_CLOCK: 'adjustable', DOCKET_PROFILE: 'development' }).clock).toBe(
      'adjustable',
    );
    expect(configFromEnv({}).clock).toBe('system');
  });
});
