import { createTokenIssuer, demoDirectory, loadOrCreateDevKeys } from '@docket/identity';
import type { Command } from '../command';
import { UsageError } from '../data-dir';

export const tokenCommand: Command = {
  name: 'token',
  summary: 'a development token for a seeded user (embedded mode)',
  help: `usage: docket token <userId> [--ttl <seconds>]

A development JWT for a seeded user, signed with the embedded mode's key in the data directory (the
key the running gateway verifies with; created if missing). Without a user id, lists the users.

  --ttl <seconds>  lifetime (default 28800: 8 hours)
`,
  options: { ttl: { type: 'string' } },
  maxPositionals: 1,
  async run({ values, positionals, layout }, io) {
    const userId = positionals[0];
    const directory = demoDirectory();
    if (userId === undefined) {
      io.out('usage: docket token <userId>\n\nseeded users:\n');
      for (const user of directory.users)
        io.out(`  ${user.id.padEnd(20)} ${user.name}  ${user.roles.join(',')}  ${user.department ?? ''}\n`);
      return 0;
    }
    const user = directory.findUser(userId);
    if (user === undefined) throw new UsageError(`no seeded user ${userId} (docket token lists them)`);
    const ttl = values.ttl === undefined ? 8 * 3600 : Number(values.ttl);
    if (!Number.isInteger(ttl) || ttl <= 0)
      throw new UsageError('--ttl must be a positive number of seconds');
    const keys = await loadOrCreateDevKeys(layout.dataDir);
    const issuer = createTokenIssuer({
      privateKey: keys.privateKey,
      issuer: 'docket',
      audience: 'docket',
      ttlSeconds: ttl,
    });
    io.out(`${await issuer.issue(user)}\n`);
    return 0;
  },
};
