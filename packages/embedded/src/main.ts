import { resolve } from 'node:path';
import { demoUsers, oidcSettingsFromEnv } from '@docket/identity';
import { startEmbedded } from './embedded';

/** `npm start`: docket in one process, on SQLite under DOCKET_DATA_DIR (default ./data). */
async function main() {
  const dataDir = resolve(process.env.DOCKET_DATA_DIR ?? 'data');
  const port = Number(process.env.DOCKET_HTTP_PORT ?? 8080);
  const oidc = oidcSettingsFromEnv();
  const docket = await startEmbedded({
    dataDir,
    host: process.env.DOCKET_HTTP_HOST ?? '127.0.0.1',
    port,
    ...(oidc ? { oidc } : {}),
  });
  const print = (line = '') => process.stdout.write(`${line}\n`);
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
  const stop = async () => {
    await docket.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error) => {
  process.stderr.write(`docket could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
