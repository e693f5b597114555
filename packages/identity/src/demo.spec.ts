import { Actor } from '@docket/domain';
import { describe, expect, it } from 'vitest';
import { demoDirectory, demoUsers } from './demo';

describe('demo directory', () => {
  const directory = demoDirectory();

  it('keeps the ids the seeded catalogue, the development tokens and the e2e scenarios use', () => {
    expect(directory.findUser('u-clerk-wang')?.department).toBe('huangpu-window');
    for (const id of ['u-officer-li', 'u-reviewer-chen', 'u-head-zhou']) {
      expect(directory.findUser(id)?.department).toBe('huangpu-market');
    }
    expect(directory.findUser('u-admin')?.roles).toEqual(['admin']);
    expect(directory.findUser('u-applicant-liu')?.department).toBeUndefined();
  });

  it('has every role, valid actors with unique ids, each in a known department', () => {
    const roles = new Set(directory.users.flatMap((user) => user.roles));
    expect([...roles].sort()).toEqual([...Actor.shape.roles.element.options].sort());
    expect(new Set(directory.users.map((u) => u.id)).size).toBe(directory.users.length);
    for (const user of Object.values(demoUsers)) {
      expect(Actor.safeParse(user).success).toBe(true);
      if (user.department !== undefined) expect(directory.tree.has(user.department)).toBe(true);
    }
  });
});
