import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { getContainerRuntimeClient } from 'testcontainers';

export type ContainerRuntimeAvailability = { available: true } | { available: false; reason: string };

export interface ContainerRuntimeCheckOptions {
  /** Environment to look for DOCKER_HOST in (default process.env); the ping itself uses testcontainers' own lookup. */
  env?: NodeJS.ProcessEnv;
  /** How long the ping may take before the runtime counts as absent (default 15 s). */
  timeoutMs?: number;
}

/**
 * Can Testcontainers start containers here? Suites of adapters that need a server (EventStoreDB,
 * MongoDB) ask this first and are skipped, with the returned reason, where the answer is no.
 *
 * Cheap checks first (DOCKER_HOST, the usual sockets, a Testcontainers properties file), so that a
 * machine without any runtime answers at once; where something is configured, the runtime is asked
 * through Testcontainers (the same client the suites will use), bounded by a timeout so a dead
 * socket cannot hang the test run.
 */
export async function containerRuntimeAvailable(
  options: ContainerRuntimeCheckOptions = {},
): Promise<ContainerRuntimeAvailability> {
  const env = options.env ?? process.env;
  const dockerHost = env.DOCKER_HOST;
  if (dockerHost !== undefined && dockerHost !== '') {
    if (dockerHost.startsWith('unix://')) {
      const path = dockerHost.slice('unix://'.length);
      if (!existsSync(path)) {
        return {
          available: false,
          reason: `no container runtime: DOCKER_HOST=${dockerHost} but no socket at ${path}`,
        };
      }
    }
  } else {
    const candidates = socketCandidates(env);
    const found = candidates.some((path) => existsSync(path));
    const properties = join(homedir(), '.testcontainers.properties');
    if (!found && !existsSync(properties)) {
      return {
        available: false,
        reason: `no container runtime: docker socket not found at ${candidates.join(', ')} and DOCKER_HOST unset`,
      };
    }
  }
  return ping(options.timeoutMs ?? 15_000);
}

function socketCandidates(env: NodeJS.ProcessEnv): string[] {
  const candidates = ['/var/run/docker.sock', join(homedir(), '.docker', 'run', 'docker.sock')];
  if (env.XDG_RUNTIME_DIR) {
    candidates.push(
      join(env.XDG_RUNTIME_DIR, 'docker.sock'),
      join(env.XDG_RUNTIME_DIR, 'podman', 'podman.sock'),
    );
  }
  return candidates;
}

async function ping(timeoutMs: number): Promise<ContainerRuntimeAvailability> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<ContainerRuntimeAvailability>((resolve) => {
    timer = setTimeout(
      () => resolve({ available: false, reason: `no container runtime: no answer within ${timeoutMs} ms` }),
      timeoutMs,
    );
    timer.unref();
  });
  const answer = getContainerRuntimeClient().then(
    (): ContainerRuntimeAvailability => ({ available: true }),
    (error: Error): ContainerRuntimeAvailability => ({
      available: false,
      reason: `no container runtime: ${error.message}`,
    }),
  );
  try {
    return await Promise.race([answer, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
