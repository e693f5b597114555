import { resolve } from 'node:path';
import { createTokenIssuer, demoDirectory, loadOrCreateDevKeys } from '@docket/identity';

/**
 * `npm run token -- <userId>`: a development token for a seeded user, signed with the embedded mode's
 * key in the data directory (the same key the running gateway verifies with). Without a user id it
 * lists the users.
 */
async function main() {
  const userId = process.argv[2];
  const directory = demoDirectory();
  if (userId === undefined || userId === '--help') {
    process.stdout.write('usage: npm run token -- <userId>\n\nseeded users:\n');
    for (const user of directory.users)
      process.stdout.write(
        `  ${user.id.padEnd(20)} ${user.name}  ${user.roles.join(',')}  ${user.department ?? ''}\n`,
      );
    return;
  }
  const user = directory.findUser(userId);
  if (user === undefined) {
    process.stderr.write(`no seeded user ${userId} (npm run token lists them)\n`);
    process.exit(2);
  }
  const keys = await loadOrCreateDevKeys(resolve(process.env.DOCKET_DATA_DIR ?? 'data'));
  const issuer = createTokenIssuer({
    privateKey: keys.privateKey,
    issuer: 'docket',
    audience: 'docket',
    ttlSeconds: 8 * 3600,
  });
  process.stdout.write(`${await issuer.issue(user)}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
