import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { CheckpointError } from './errors';

export const SIGNER_LOCK_FILE = 'signer.lock';

interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

/**
 * Another signer holds the checkpoint directory: two signers would each rewrite the leaf archive and
 * number checkpoints from their own view of it. The running docket's audit service signs through its
 * API (`POST /api/audit/checkpoints`); `docket checkpoint sign` is for a stopped one.
 */
export class SignerBusy extends CheckpointError {
  constructor(
    readonly checkpointDir: string,
    readonly owner: LockOwner | undefined,
  ) {
    super(
      'SignerBusy',
      `another signer holds ${join(checkpointDir, SIGNER_LOCK_FILE)}` +
        (owner ? ` (pid ${owner.pid} on ${owner.host}, since ${owner.since})` : '') +
        ': sign through the running docket (POST /api/audit/checkpoints), or stop it first',
    );
  }
}

/** A held lock; release() removes the file if it is still this one's. */
export interface SignerLock {
  release(): void;
}

/**
 * One signer per checkpoint directory: `signer.lock`, created exclusively with the holder's pid, host
 * and start time. A lock left by a process of this host that is gone (killed, crashed) is taken over;
 * one of another host cannot be checked from here and is respected (remove it by hand once that
 * process is known to be gone).
 */
export function acquireSignerLock(checkpointDir: string): SignerLock {
  const path = join(checkpointDir, SIGNER_LOCK_FILE);
  const mine: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o644);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readOwner(path);
      if (owner !== undefined && !isGone(owner)) throw new SignerBusy(checkpointDir, owner);
      // Gone (or a file cut short by a crash while it was written): take it over, once.
      rmSync(path, { force: true });
      continue;
    }
    try {
      writeSync(fd, JSON.stringify(mine));
    } finally {
      closeSync(fd);
    }
    return {
      release() {
        const owner = readOwner(path);
        if (owner?.pid === mine.pid && owner.host === mine.host && owner.since === mine.since)
          rmSync(path, { force: true });
      },
    };
  }
  throw new SignerBusy(checkpointDir, readOwner(path));
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>;
    if (typeof owner.pid !== 'number' || typeof owner.host !== 'string') return undefined;
    return { pid: owner.pid, host: owner.host, since: String(owner.since) };
  } catch {
    return undefined;
  }
}

function isGone(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    // EPERM: alive, someone else's.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
