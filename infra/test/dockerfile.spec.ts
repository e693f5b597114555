import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@docket/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { buildArgsOf, docketServices, environmentOf, loadCompose, readRepoFile, repoPath } from './support';

/**
 * infra/docker/Dockerfile cannot be built here (no Docker engine). These tests read it as Docker's
 * parser would (continuation lines, comments, stages) and check what the build and the container rely
 * on against the repository: base images and engines, npm's version, the install/build/prune steps,
 * what is copied (and not ignored), the non-root runtime, and the command each service starts with,
 * which runs here in a shell exactly as the container's would.
 */

interface Instruction {
  keyword: string;
  args: string;
}
interface Stage {
  from: string;
  name: string | undefined;
  instructions: Instruction[];
}

const dockerfileText = readRepoFile('infra', 'docker', 'Dockerfile');

function parseDockerfile(text: string): { directives: string[]; stages: Stage[] } {
  const lines = text.split('\n');
  const directives: string[] = [];
  let i = 0;
  for (; i < lines.length && /^#\s*\w+=/.test(lines[i] ?? ''); i++)
    directives.push((lines[i] ?? '').slice(1).trim());
  const logical: string[] = [];
  let current = '';
  for (; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (/^\s*#/.test(line)) continue; // comments, also between continuation lines
    if (line.trim() === '' && current === '') continue;
    if (line.endsWith('\\')) {
      current += `${line.slice(0, -1)} `;
      continue;
    }
    current += line;
    if (current.trim() !== '') logical.push(current.trim());
    current = '';
  }
  const stages: Stage[] = [];
  for (const l of logical) {
    const [keyword = '', ...rest] = l.split(/\s+/);
    const args = rest.join(' ');
    if (keyword.toUpperCase() === 'FROM') {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      if (m === null) throw new Error(`FROM ${args}`);
      stages.push({ from: m[1] ?? '', name: m[2], instructions: [] });
    } else {
      const stage = stages.at(-1);
      if (stage === undefined) throw new Error(`${keyword} before FROM`);
      stage.instructions.push({ keyword: keyword.toUpperCase(), args });
    }
  }
  return { directives, stages };
}

const { directives, stages } = parseDockerfile(dockerfileText);
const build = stages[0];
const runtime = stages.at(-1);
const all = (stage: Stage | undefined, keyword: string): string[] =>
  (stage?.instructions ?? []).filter((x) => x.keyword === keyword).map((x) => x.args);
const rootPackage = JSON.parse(readRepoFile('package.json')) as {
  engines?: { node?: string };
  packageManager?: string;
  workspaces?: string[];
};

/** The shell command of the runtime stage's CMD (exec form: ["/bin/sh", "-c", "<command>"]). */
function cmdShellCommand(): string {
  const cmd = all(runtime, 'CMD');
  expect(cmd).toHaveLength(1);
  const argv = JSON.parse(cmd[0] ?? '') as string[];
  expect(argv.slice(0, 2)).toEqual(['/bin/sh', '-c']);
  expect(argv).toHaveLength(3);
  return argv[2] ?? '';
}

const scratch = tempDir('docket-infra-dockerfile-');
afterAll(() => scratch.cleanup());

describe('infra/docker/Dockerfile', () => {
  it('is two stages: node:20-bookworm to build, node:20-bookworm-slim to run, the same Node and Debian', () => {
    expect(stages.map((s) => [s.from, s.name])).toEqual([
      ['node:20-bookworm', 'build'],
      ['node:20-bookworm-slim', 'runtime'],
    ]);
    // better-sqlite3 is compiled in the build stage: the runtime must have the same Node ABI and glibc.
    const [buildNode, buildDebian] = (build?.from.split(':')[1] ?? '').split('-');
    const [runNode, runDebian] = (runtime?.from.split(':')[1] ?? '').split('-');
    expect(runNode).toBe(buildNode);
    expect(runDebian).toBe(buildDebian);
  });

  it("runs a Node the root package.json's engines accept, the line the development machines run", () => {
    const imageMajor = Number((build?.from.split(':')[1] ?? '').split('-')[0]);
    const engines = rootPackage.engines?.node ?? '';
    const m = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(engines);
    expect(m, `engines.node ${engines} is a plain lower bound`).not.toBeNull();
    expect(imageMajor).toBeGreaterThanOrEqual(Number(m?.[1]));
    // node:20 follows the newest 20.x; the machines here run one that satisfies the bound.
    const [major, minor] = process.versions.node.split('.').map(Number);
    expect(major).toBe(imageMajor);
    if (imageMajor === Number(m?.[1])) expect(minor).toBeGreaterThanOrEqual(Number(m?.[2] ?? 0));
  });

  it('installs with the npm of packageManager (its allowScripts), then builds with turbo, then prunes', () => {
    const runs = all(build, 'RUN');
    const npmVersion = /^npm@(\d+\.\d+\.\d+)$/.exec(rootPackage.packageManager ?? '')?.[1];
    expect(npmVersion).toBeDefined();
    const at = (pattern: RegExp): number => runs.findIndex((r) => pattern.test(r));
    const upgrade = at(new RegExp(`npm install --global npm@${npmVersion?.replaceAll('.', '\\.')}\\b`));
    const install = at(/\bnpm ci\b/);
    const turbo = at(/\bnpx turbo run build\b/);
    const prune = at(/\bnpm prune --omit=dev\b/);
    expect(
      [upgrade, install, turbo, prune].every((x) => x >= 0),
      runs.join('\n'),
    ).toBe(true);
    expect(upgrade).toBeLessThan(install);
    expect(install).toBeLessThan(turbo);
    expect(turbo).toBeLessThan(prune);
    // The one Dockerfile feature that needs BuildKit's frontend is declared.
    if (runs.some((r) => r.includes('--mount='))) expect(directives).toContain('syntax=docker/dockerfile:1');
  });

  it('copies everything npm ci needs, none of it excluded by .dockerignore', () => {
    const sources = all(build, 'COPY').flatMap((args) => {
      const parts = args.split(/\s+/).filter((p) => !p.startsWith('--'));
      return parts.slice(0, -1);
    });
    for (const needed of ['package.json', 'package-lock.json', '.npmrc']) expect(sources).toContain(needed);
    const ignored = dockerignore();
    for (const source of sources) {
      expect(existsSync(repoPath(source)), source).toBe(true);
      expect(isIgnored(source, ignored), `${source} is excluded by .dockerignore`).toBe(false);
    }
    // Every workspace the root package.json lists (the lead adds "infra") has its manifest copied.
    const workspaces = (rootPackage.workspaces ?? []).map((w) => w.replace(/\/\*$/, '/'));
    for (const workspace of workspaces) {
      const covered = sources.some(
        (s) => workspace.startsWith(s) || s === `${workspace}/package.json` || s === workspace,
      );
      expect(covered, `workspace ${workspace} is copied`).toBe(true);
    }
    expect(sources).toContain('infra/package.json');
  });

  it('keeps the host installs, builds and data out of the build context (.dockerignore)', () => {
    const ignored = dockerignore();
    for (const path of [
      'node_modules',
      'packages/domain/node_modules',
      'services/intake/dist',
      'data',
      '.git',
    ]) {
      expect(isIgnored(path, ignored), path).toBe(true);
    }
    expect(isIgnored('packages/domain/src/calendar', ignored)).toBe(false);
    expect(isIgnored('infra/package.json', ignored)).toBe(false);
  });

  it('runs as a non-root user in production mode, from the built workspace, writing only to /data and /keys', () => {
    expect(all(runtime, 'COPY')).toContain('--from=build /app /app');
    expect(all(runtime, 'WORKDIR')).toEqual(all(build, 'WORKDIR'));
    const users = all(runtime, 'USER');
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
    expect(all(runtime, 'ENV')).toContain('NODE_ENV=production');
    expect(all(runtime, 'ENV')).toContain('DOCKET_DATA_DIR=/data');
    expect(all(runtime, 'RUN').join('\n')).toContain(`chown ${users.at(-1)}:${users.at(-1)} /data /keys`);
    // DOCKET_SERVICE: a build argument that the container also sees at run time
    const instructions = runtime?.instructions ?? [];
    const arg = instructions.findIndex((x) => x.keyword === 'ARG' && x.args === 'DOCKET_SERVICE');
    const env = instructions.findIndex(
      (x) => x.keyword === 'ENV' && x.args === `DOCKET_SERVICE=\${DOCKET_SERVICE}`,
    );
    expect(arg).toBeGreaterThanOrEqual(0);
    expect(env).toBeGreaterThan(arg);
  });

  it(`starts node services/\${DOCKET_SERVICE}/dist/main.js, as exec (node gets the signals)`, () => {
    const command = cmdShellCommand();
    expect(command).toMatch(/^exec node "services\/\$\{DOCKET_SERVICE[^}]*\}\/dist\/main\.js"$/);
    const shim = join(scratch.path, 'bin');
    mkdirSync(shim, { recursive: true });
    writeFileSync(join(shim, 'node'), '#!/bin/sh\necho "node $*"\n');
    chmodSync(join(shim, 'node'), 0o755);
    const run = (env: Record<string, string>) =>
      spawnSync('/bin/sh', ['-c', command], {
        env: { PATH: `${shim}:/usr/bin:/bin`, ...env },
        encoding: 'utf8',
      });
    expect(run({ DOCKET_SERVICE: 'review' }).stdout.trim()).toBe('node services/review/dist/main.js');
    const unset = run({});
    expect(unset.status).not.toBe(0);
    expect(unset.stderr).toMatch(/set DOCKET_SERVICE/);
  });

  it('refuses to build an image for a service whose main.js was not built', () => {
    const check = all(runtime, 'RUN').find((r) => r.includes('DOCKET_SERVICE'));
    expect(check).toBeDefined();
    const app = join(scratch.path, 'app');
    mkdirSync(join(app, 'services', 'intake', 'dist'), { recursive: true });
    writeFileSync(join(app, 'services', 'intake', 'dist', 'main.js'), '');
    const run = (service: string) =>
      spawnSync('/bin/sh', ['-c', check ?? ''], {
        cwd: app,
        env: { DOCKET_SERVICE: service },
        encoding: 'utf8',
      });
    expect(run('intake').status).toBe(0);
    expect(run('review').status).not.toBe(0);
    expect(run('').status).toBe(0); // no service chosen at build time: chosen at run time
  });

  describe.each(docketServices())('for %s', (name) => {
    it('the path the container starts is the one its build writes', () => {
      const out = execFileSync('/bin/sh', ['-c', cmdShellCommand()], {
        env: { PATH: `${join(scratch.path, 'bin')}:/usr/bin:/bin`, DOCKET_SERVICE: name },
        encoding: 'utf8',
      }).trim();
      expect(out).toBe(`node services/${name}/dist/main.js`);
      const pkg = JSON.parse(readRepoFile('services', name, 'package.json')) as {
        scripts?: { build?: string };
      };
      expect(pkg.scripts?.build).toBe('tsc -p tsconfig.build.json');
      const tsconfig = JSON.parse(readRepoFile('services', name, 'tsconfig.build.json')) as {
        compilerOptions?: { rootDir?: string; outDir?: string };
      };
      expect(tsconfig.compilerOptions).toMatchObject({ rootDir: 'src', outDir: 'dist' });
      expect(existsSync(repoPath('services', name, 'src', 'main.ts')), `services/${name}/src/main.ts`).toBe(
        true,
      );
    });

    it('docker-compose.yml builds it with its DOCKET_SERVICE', () => {
      const s = loadCompose().services[name];
      expect(buildArgsOf(s ?? {}).DOCKET_SERVICE ?? environmentOf(s ?? {}).DOCKET_SERVICE).toBe(name);
    });
  });
});

// ---- .dockerignore, with the pattern forms it uses (Go filepath.Match per segment, ** for any depth) ----

function dockerignore(): string[] {
  expect(existsSync(repoPath('.dockerignore'))).toBe(true);
  return readRepoFile('.dockerignore')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

function isIgnored(path: string, patterns: string[]): boolean {
  let ignored = false;
  const segments = path.replace(/\/+$/, '').split('/');
  for (const raw of patterns) {
    const negate = raw.startsWith('!');
    const pattern = (negate ? raw.slice(1) : raw).replace(/^\/+/, '').replace(/\/+$/, '');
    // A pattern matches a path or any of its parents (excluding a directory excludes what is inside).
    for (let n = 1; n <= segments.length; n++) {
      if (globMatch(pattern.split('/'), segments.slice(0, n))) {
        ignored = !negate;
        break;
      }
    }
  }
  return ignored;
}

function globMatch(pattern: string[], path: string[]): boolean {
  if (pattern.length === 0) return path.length === 0;
  const [head, ...rest] = pattern;
  if (head === '**') return path.some((_, i) => globMatch(rest, path.slice(i))) || globMatch(rest, []);
  if (path.length === 0) return false;
  const re = new RegExp(
    `^${(head ?? '')
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '[^/]*')
      .replace(/\?/g, '[^/]')}$`,
  );
  return re.test(path[0] ?? '') && globMatch(rest, path.slice(1));
}
