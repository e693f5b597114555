import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isDiskFull } from '@docket/event-store';
import { demoUsers, oidcSettingsFromEnv } from '@docket/identity';
import { checkListenAddress, developmentBanner, profileFromEnv } from '@docket/service-kit';
import { startEmbedded } from './embedded';

/**
 * docket in one process, on SQLite under DOCKET_DATA_DIR (default ./data). DOCKET_PROFILE is production
 * unless asked otherwise; `npm start` asks for development (the demo's seeded users and movable time).
 */
async function main() {
  const dataDir = resolve(process.env.DOCKET_DATA_DIR ?? 'data');
  const port = Number(process.env.DOCKET_HTTP_PORT ?? 8080);
  const host = process.env.DOCKET_HTTP_HOST ?? '127.0.0.1';
  const run = profileFromEnv();
  checkListenAddress(run, host);
  const oidc = oidcSettingsFromEnv();
  const keyFile = process.env.DOCKET_JWT_PUBLIC_KEY_FILE?.trim() || undefined;
  const docket = await startEmbedded({
    dataDir,
    host,
    port,
    profile: run.profile,
    ...(oidc ? { oidc } : {}),
    ...(keyFile ? { jwtPublicKey: readFileSync(keyFile, 'utf8').trim() } : {}),
  });
  const print = (line = '') => process.stdout.write(`${line}\n`);
  if (run.profile === 'production') {
    print(`docket is running (production profile): ${docket.url}/`);
    print(`  embedded: one process, SQLite under ${dataDir}; sign-in: ${oidc ? oidc.issuer : keyFile}`);
    print(`  API docs ${docket.url}/api/docs · health ${docket.url}/api/health`);
    stopOnSignals(docket);
    return;
  }
  process.stderr.write(`${developmentBanner(docket.url)}\n`);
  print(`docket is running: open ${docket.url}/ (the console; choose a seeded user to sign in)`);
  print();
  print(`  embedded: one process, SQLite under ${dataDir}`);
  print(`  API docs (Swagger UI)  ${docket.url}/api/docs`);
  print(`  OpenAPI document       ${docket.url}/api/openapi.json`);
  print(`  health                 ${docket.url}/api/health`);
  print();
  print('Development tokens for the seeded users (embedded mode only):');
  print(`  curl -s -X POST ${docket.url}/api/dev/tokens -H 'content-type: application/json' \\`);
  print(`       -d '{"userId":"${demoUsers.clerk.id}"}'`);
  print(`  or: npm run token -- ${demoUsers.clerk.id}      (users: GET ${docket.url}/api/dev/users)`);
  if (oidc) {
    print();
    print(`OpenID Connect: access tokens of ${oidc.issuer} (audience ${oidc.audience}) are accepted too;`);
    print(`  the console signs in there as client ${oidc.clientId} (GET ${docket.url}/api/auth/config)`);
  }
  print();
  print('Ctrl-C stops it; the ledger and read models stay in the data directory.');
  stopOnSignals(docket);
}

function stopOnSignals(docket: { close(): Promise<void> }): void {
  const stop = async () => {
    await docket.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error) => {
  const why = isDiskFull(error)
    ? `the disk holding ${resolve(process.env.DOCKET_DATA_DIR ?? 'data')} is full: free space and start again (nothing recorded was lost)`
    : error instanceof Error
      ? error.message
      : String(error);
  process.stderr.write(`docket could not start: ${why}\n`);
  process.exit(1);
});
