import { readFileSync } from 'node:fs';
import { importPublicKey, loadOrCreateDevKeys, oidcSettingsFromEnv } from '@docket/identity';
import {
  adjustableClockFor,
  checkListenAddress,
  configFromEnv,
  connectBus,
  consoleLogger,
  developmentBanner,
  loadDirectory,
} from '@docket/service-kit';
import { startTelemetry, tracedBus } from '@docket/telemetry';
import { developmentIdentity, docketTokenVerifier } from './dev-identity';
import { startGateway } from './gateway';
import { builtConsole } from './http/console-assets';
import { oidcIdentity } from './oidc-identity';

/**
 * `node services/gateway/dist/main.js`: the HTTP API in its own process. Tokens are verified with the
 * public key in DOCKET_JWT_PUBLIC_KEY_FILE (SPKI PEM or JWK) and, with DOCKET_OIDC_ISSUER (and
 * DOCKET_OIDC_CLIENT_ID …), the OpenID provider's access tokens too; the token's `iss` picks the verifier.
 * DOCKET_PROFILE=development instead uses a development key in the data directory and issues tokens
 * for the seeded users (on loopback only, unless forced: `profile.ts`).
 */
async function main() {
  const logger = consoleLogger('gateway');
  const config = configFromEnv();
  const telemetry = startTelemetry({ serviceName: 'docket-gateway' });
  const directory = loadDirectory(config);
  const host = process.env.DOCKET_HTTP_HOST ?? '127.0.0.1';
  const development = config.run.profile === 'development';
  checkListenAddress(config.run, host);
  const keyFile = process.env.DOCKET_JWT_PUBLIC_KEY_FILE?.trim() || undefined;
  const oidcSettings = oidcSettingsFromEnv();
  if (!development && keyFile === undefined && oidcSettings === undefined)
    throw new Error(
      'the production profile needs DOCKET_JWT_PUBLIC_KEY_FILE or DOCKET_OIDC_ISSUER (who signs tokens); ' +
        'DOCKET_PROFILE=development for a demo',
    );
  // A deployment's own issuer key; else, in development, the development key in the data directory.
  const identity = keyFile
    ? {
        verifier: docketTokenVerifier(await importPublicKey(readFileSync(keyFile, 'utf8').trim()), directory),
      }
    : development
      ? developmentIdentity(await loadOrCreateDevKeys(config.dataDir), directory)
      : undefined;
  const oidc = oidcSettings ? oidcIdentity(oidcSettings, directory, identity?.verifier) : undefined;
  const verifier = oidc?.verifier ?? identity?.verifier;
  if (verifier === undefined) throw new Error('no way to sign in');
  // Asked now so that an operator sees a wrong issuer at start; requests ask again until it answers.
  oidc?.oidc
    .provider()
    .then(() => logger.info(`OpenID Connect: tokens of ${oidcSettings?.issuer} accepted`))
    .catch((error: Error) =>
      logger.warn(`OpenID Connect: ${error.message} (asked again on the next request)`),
    );
  const devTokens = development && identity && 'devTokens' in identity ? identity.devTokens : undefined;
  const bus = tracedBus(await connectBus(config, 'gateway'), 'gateway');
  const time = adjustableClockFor(config);
  const gateway = await startGateway(
    {
      bus,
      verifier,
      directory,
      logger,
      ...(devTokens ? { devTokens } : {}),
      ...(oidc ? { oidc: oidc.oidc } : {}),
      // DOCKET_CLOCK=adjustable (development only): the shared domain time may be moved.
      ...(time ? { time } : {}),
      // The console fetches the provider's token endpoint: its origin joins the page's connect-src.
      console: builtConsole(oidcSettings ? [new URL(oidcSettings.issuer).origin] : []),
    },
    { host, port: Number(process.env.DOCKET_HTTP_PORT ?? 8080) },
  );
  if (development) process.stderr.write(`${developmentBanner(gateway.url)}\n`);
  logger.info(
    `listening on ${gateway.url} (${config.run.profile}; console ${gateway.url}/, API docs ${gateway.url}/api/docs)`,
  );
  const stop = async () => {
    await gateway.close();
    await bus.close();
    await telemetry.shutdown();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((error) => {
  process.stderr.write(
    `gateway could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
