import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTokenIssuer, demoUsers, exportSigningKeys, generateSigningKeys } from '@docket/identity';
import { tempDir } from '@docket/testkit';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * What an operator gets from `node packages/embedded/dist/main.js` (and `npm start`, which asks for the
 * development profile): the process as it is started, not the library, because the profile is decided at
 * the process's door.
 */
const MAIN = join(require.resolve('@docket/embedded/package.json'), '..', 'dist', 'main.js');

interface Run {
  child: ChildProcess;
  url: Promise<string>;
  exit: Promise<number | null>;
  output: () => string;
}

const running: ChildProcess[] = [];
const dirs: { cleanup(): void }[] = [];
afterEach(() => {
  for (const child of running.splice(0)) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) dir.cleanup();
});

function dir(prefix: string): string {
  const made = tempDir(prefix);
  dirs.push(made);
  return made.path;
}

function start(env: Record<string, string>): Run {
  const dataDir = dir('docket-profile-');
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      DOCKET_DATA_DIR: dataDir,
      DOCKET_HTTP_PORT: '0',
      OTEL_TRACES_EXPORTER: 'none',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let text = '';
  const url = new Promise<string>((resolve) => {
    const look = (chunk: Buffer) => {
      text += chunk.toString();
      const found = /(http:\/\/127\.0\.0\.1:[0-9]+)\//.exec(text)?.[1];
      if (found !== undefined) resolve(found);
    };
    child.stdout?.on('data', look);
    child.stderr?.on('data', look);
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, url, exit, output: () => text };
}

describe('the production profile (the default of the process)', () => {
  it('will not start without someone to sign the tokens, and says what to set', async () => {
    const run = start({});
    expect(await run.exit).toBe(1);
    expect(run.output()).toMatch(/DOCKET_OIDC_ISSUER.*DOCKET_JWT_PUBLIC_KEY_FILE/s);
  });

  it('issues no development tokens and has no movable time; the deployment issuer’s tokens work', async () => {
    const keys = await generateSigningKeys();
    const keyFile = join(dir('docket-issuer-'), 'issuer.pem');
    writeFileSync(keyFile, (await exportSigningKeys(keys)).publicSpki);
    const run = start({ DOCKET_JWT_PUBLIC_KEY_FILE: keyFile });
    const url = await run.url;
    expect(run.output()).not.toMatch(/DEVELOPMENT PROFILE/);

    const mint = await fetch(`${url}/api/dev/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: demoUsers.admin.id }),
    });
    expect(mint.status).toBe(404);
    expect(await (await fetch(`${url}/api/auth/config`)).json()).toMatchObject({ devTokens: false });

    const issuer = createTokenIssuer({
      privateKey: keys.privateKey,
      issuer: 'docket',
      audience: 'docket',
      ttlSeconds: 600,
    });
    const admin = { authorization: `Bearer ${await issuer.issue(demoUsers.admin)}` };
    expect((await fetch(`${url}/api/me`, { headers: admin })).status).toBe(200);
    const advance = await fetch(`${url}/api/dev/time/advance`, {
      method: 'POST',
      headers: { ...admin, 'content-type': 'application/json' },
      body: JSON.stringify({ days: 3 }),
    });
    expect(advance.status).toBe(404);
  });
});

describe('the development profile', () => {
  it('says so loudly and issues tokens on loopback', async () => {
    const run = start({ DOCKET_PROFILE: 'development' });
    const url = await run.url;
    expect(run.output()).toMatch(/DEVELOPMENT PROFILE \(开发模式\): NOT FOR PUBLIC SERVICE/);
    const mint = await fetch(`${url}/api/dev/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: demoUsers.clerk.id }),
    });
    expect(mint.status).toBe(201);
  });

  it('refuses to listen on every interface unless forced', async () => {
    const run = start({ DOCKET_PROFILE: 'development', DOCKET_HTTP_HOST: '0.0.0.0' });
    expect(await run.exit).toBe(1);
    expect(run.output()).toMatch(/refusing to serve the development profile on 0\.0\.0\.0/);
  });
});
