import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';

/**
 * Is a SQLite file open in another connection (another process: the embedded docket, a service)? A
 * connection in WAL mode holds a shared lock on the file's shared memory for as long as it is open; a
 * connection in exclusive locking mode cannot begin an exclusive transaction while any such lock is
 * held. The probe takes no lock that outlives it, and reports a missing file as not held.
 */
export function heldByAnotherConnection(path: string): boolean {
  if (!existsSync(path)) return false;
  const probe = new Database(path, { timeout: 0, fileMustExist: true });
  try {
    probe.pragma('locking_mode = EXCLUSIVE');
    probe.exec('BEGIN EXCLUSIVE');
    probe.exec('COMMIT');
    return false;
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) return true;
    throw error;
  } finally {
    probe.close();
  }
}
