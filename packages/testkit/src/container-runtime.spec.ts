import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { containerRuntimeAvailable } from './container-runtime';
import { tempDir } from './temp-dir';

describe('containerRuntimeAvailable', () => {
  it('answers with availability, or unavailability and a reason to show for skipped suites', async () => {
    const answer = await containerRuntimeAvailable();
    if (answer.available) {
      expect(answer).toEqual({ available: true });
    } else {
      expect(answer.reason).toMatch(/^no container runtime: .+/);
    }
  });

  it('reports a machine without DOCKER_HOST and without a docker socket as unavailable, naming what it looked for', async (context) => {
    const nothingConfigured =
      !process.env.DOCKER_HOST &&
      !existsSync('/var/run/docker.sock') &&
      !existsSync(join(homedir(), '.docker', 'run', 'docker.sock')) &&
      !existsSync(join(homedir(), '.testcontainers.properties'));
    if (!nothingConfigured) context.skip('this machine has a docker socket or DOCKER_HOST');
    const answer = await containerRuntimeAvailable({ env: {} });
    expect(answer.available).toBe(false);
    if (!answer.available) {
      expect(answer.reason).toContain('/var/run/docker.sock');
      expect(answer.reason).toContain('DOCKER_HOST unset');
    }
  });

  it('reports a DOCKER_HOST socket that does not exist as unavailable, naming it', async () => {
    const dir = tempDir('docket-runtime-');
    try {
      const socket = join(dir.path, 'docker.sock');
      const answer = await containerRuntimeAvailable({ env: { DOCKER_HOST: `unix://${socket}` } });
      expect(answer).toEqual({
        available: false,
        reason: `no container runtime: DOCKER_HOST=unix://${socket} but no socket at ${socket}`,
      });
    } finally {
      dir.cleanup();
    }
  });
});
