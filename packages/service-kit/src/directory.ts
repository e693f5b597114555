import { readFileSync } from 'node:fs';
import { Actor } from '@docket/domain';
import { createDepartmentTree, type Department, type Directory, demoDirectory } from '@docket/identity';
import { z } from 'zod';
import type { ServiceConfig } from './config';

const DirectoryFile = z.object({
  departments: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      parent: z.string().optional(),
      kind: z.enum(['district', 'street', 'community', 'functional', 'window']),
    }),
  ),
  users: z.array(Actor).default([]),
});

/**
 * The centre's departments (and users, for development tokens): the demo centre unless a directory file
 * is configured. A bad file stops the service at start rather than authorising against a wrong tree.
 */
export function loadDirectory(config: ServiceConfig): Directory {
  if (config.directoryFile === undefined) return demoDirectory();
  const parsed = DirectoryFile.parse(JSON.parse(readFileSync(config.directoryFile, 'utf8')));
  const tree = createDepartmentTree(parsed.departments as Department[]);
  const byId = new Map(parsed.users.map((user) => [user.id, user]));
  return { tree, users: parsed.users, findUser: (id) => byId.get(id) };
}
