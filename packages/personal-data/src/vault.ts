import { createHmac, randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { type CipherSuite, type CipherSuites, defaultSuites, KEY_BYTES } from './cipher';
import { type SubjectIdentity, subjectIdentityText } from './subjects';

/** A subject's data key, as the sealed ledger uses it: the id every envelope names, and the key. */
export interface DataKey {
  keyId: string;
  key: Buffer;
}

export interface VaultOptions {
  /** The vault's SQLite file (created when missing, with its key-encryption key). */
  path: string;
  /** The key-encryption key's file (KEK, 0600): created with a new vault, required by an existing one. */
  kekPath: string;
  suites?: CipherSuites;
  /** Unwrapped keys kept in memory (default 10,000, about 1 MB). */
  cachedKeys?: number;
  /** Wall clock for `created_at`; default the system clock. */
  clock?: () => Date;
}

/** What `erase` did: how many keys it destroyed, and whether no copy of them is left in the vault's files. */
export interface Erased {
  keysDestroyed: number;
  /** False when another connection kept the write-ahead log from being emptied: erase again later. */
  purged: boolean;
}

/** A vault whose key-encryption key does not open it: the wrong key file, or a damaged one. */
export class VaultKeyMismatch extends Error {
  constructor(path: string, kekPath: string) {
    super(`the key file ${kekPath} does not open the personal-data vault ${path}`);
    this.name = 'VaultKeyMismatch';
  }
}

const KEK_HEADER = 'docket-personal-data-kek/1';
const FORMAT = '1';
const CHECK = Buffer.from('docket personal-data vault', 'utf8');

/**
 * The key store of crypto-shredding (PIPL Art. 47, 删除): one random 256-bit data key per data subject,
 * created on the first value sealed for them, each stored wrapped (encrypted) with the key-encryption key
 * read from a file beside the vault, never in the clear. Destroying a subject's key is erasing their data:
 * every value sealed with it, in the ledger, its backups and its copies, no longer opens.
 *
 * The file is opened with `secure_delete` (a deleted row's bytes are overwritten, not left in a free page)
 * and in WAL mode (several processes share it, as they share the ledger); `erase` empties the write-ahead
 * log afterwards (`wal_checkpoint(TRUNCATE)`), so no copy of a destroyed key is left in any of its files.
 *
 * The vault also holds the secret subjects are referenced by (an HMAC key: subjects.ts) and which stream
 * belongs to which subject (a case's later values, such as the recipient of its result, are the
 * applicant's). Lookups are synchronous (better-sqlite3): sealing and opening happen inside the ledger's
 * reads and appends.
 */
export class PersonalDataVault {
  readonly path: string;
  private readonly db: Database.Database;
  private readonly kek: Buffer;
  private readonly subjectSecret: Buffer;
  /**
   * The hash of `keyedHash` (subject references, fingerprints): recorded when the vault is made, SM3 for a
   * 国密 vault, SHA-256 otherwise and for every vault made before it was recorded (their references stay).
   */
  readonly keyedHashAlgorithm: 'sha256' | 'sm3';
  private readonly suites: CipherSuites;
  private readonly wrap: CipherSuite;
  private readonly clock: () => Date;
  private readonly cacheLimit: number;
  /** keyId → key, or null: a key id not in the vault (destroyed) never comes back, ids are never reused. */
  private readonly keys = new Map<string, Buffer | null>();
  private readonly keyOfSubject = new Map<string, string>();
  private seenVersion: number;
  private refreshed = false;
  private readonly st: ReturnType<typeof prepare>;
  private closed = false;

  constructor(options: VaultOptions) {
    this.path = options.path;
    this.suites = options.suites ?? defaultSuites();
    this.wrap = this.suites.sealWith;
    this.clock = options.clock ?? (() => new Date());
    this.cacheLimit = options.cachedKeys ?? 10_000;
    const created = !existsSync(options.path);
    if (created) mkdirSync(dirname(options.path), { recursive: true, mode: 0o700 });
    this.kek = created ? loadOrCreateKek(options.kekPath) : loadKek(options.kekPath);
    this.db = new Database(options.path);
    try {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = FULL');
      this.db.pragma('secure_delete = ON');
      this.db.pragma('busy_timeout = 5000');
      this.db.exec(SCHEMA);
      chmodSync(options.path, 0o600);
      ({ secret: this.subjectSecret, hash: this.keyedHashAlgorithm } = this.initialise(options.kekPath));
      this.st = prepare(this.db);
      this.seenVersion = this.st.dataVersion.get() as number;
    } catch (error) {
      this.db.close();
      throw error;
    }
  }

  /** The reference the ledger and the vault know a subject by: `<kind>-` and 128 bits of the keyed hash. */
  subjectRef(identity: SubjectIdentity): string {
    return `${identity.kind}-${this.keyedHash('subject', subjectIdentityText(identity)).slice(0, 32)}`;
  }

  /** HMAC (hex, SHA-256 or SM3) of `text` with the vault's secret, for one purpose (`subject`, `fingerprint`). */
  keyedHash(purpose: string, text: string): string {
    this.assertOpen();
    return createHmac(this.keyedHashAlgorithm, this.subjectSecret)
      .update(`${purpose}\n${text}`, 'utf8')
      .digest('hex');
  }

  /**
   * The subject's key, created when they have none (their first value, or their first since an erasure);
   * with `ownsStream`, the stream is linked to them in the same write (`linkStream`): one fsync per case.
   */
  sealingKey(subject: string, ownsStream?: string): DataKey {
    this.assertOpen();
    this.refresh();
    const known = this.keyOfSubject.get(subject);
    const cached = known === undefined ? undefined : this.keys.get(known);
    if (known !== undefined && cached && ownsStream === undefined) return { keyId: known, key: cached };
    const keyId = this.db
      .transaction(() => {
        if (ownsStream !== undefined) this.st.linkStream.run(ownsStream, subject);
        const existing = this.st.keyIdOfSubject.get(subject) as string | undefined;
        if (existing !== undefined) return existing;
        const id = randomBytes(16).toString('hex');
        const key = randomBytes(KEY_BYTES);
        const wrapped = this.wrap.seal(this.kek, key, keyAad(id, subject));
        key.fill(0);
        this.st.insertKey.run(id, subject, this.wrap.id, wrapped, this.clock().toISOString());
        return id;
      })
      .immediate();
    const key = this.key(keyId);
    if (key === undefined) throw new Error(`the data key ${keyId} of ${subject} vanished as it was made`);
    this.keyOfSubject.set(subject, keyId);
    return { keyId, key };
  }

  /** The key an envelope names, or undefined: destroyed with its subject's erasure (or never this vault's). */
  key(keyId: string): Buffer | undefined {
    this.assertOpen();
    this.refresh();
    const cached = this.keys.get(keyId);
    if (cached !== undefined) return cached ?? undefined;
    const row = this.st.keyById.get(keyId) as { subject: string; suite: string; wrapped: Buffer } | undefined;
    if (row === undefined) {
      this.remember(keyId, null);
      return undefined;
    }
    const suite = this.suites.get(row.suite);
    if (suite === undefined)
      throw new Error(`data key ${keyId} is wrapped with an unknown suite ${row.suite}`);
    const key = suite.open(this.kek, row.wrapped, keyAad(keyId, row.subject));
    this.remember(keyId, key);
    return key;
  }

  /** Whose key this is (for `docket personal-data subjects`), or undefined once destroyed. */
  subjectOfKey(keyId: string): string | undefined {
    this.assertOpen();
    return (this.st.subjectOfKey.get(keyId) as string | undefined) ?? undefined;
  }

  /** Whether the subject has a key now. */
  hasKey(subject: string): boolean {
    this.assertOpen();
    return this.st.keyIdOfSubject.get(subject) !== undefined;
  }

  /** Records that a stream's later personal values are this subject's (the first one named wins). */
  linkStream(stream: string, subject: string): void {
    this.assertOpen();
    this.st.linkStream.run(stream, subject);
  }

  subjectOfStream(stream: string): string | undefined {
    this.assertOpen();
    return (this.st.subjectOfStream.get(stream) as string | undefined) ?? undefined;
  }

  /**
   * Destroys the subject's key and forgets their streams: from now on none of their values opens. The
   * deleted rows are overwritten in the file (`secure_delete`) and the write-ahead log, which still holds
   * the pages as they were, is emptied into the file and truncated; when another connection's read keeps
   * it from being emptied, this waits for it (up to `waitMs`) and says so in `purged` if it could not.
   */
  async erase(subject: string, waitMs = 5_000): Promise<Erased> {
    this.assertOpen();
    const keysDestroyed = this.db
      .transaction(() => {
        const ids = this.st.keyIdsOfSubject.all(subject) as string[];
        this.st.deleteKeys.run(subject);
        this.st.unlinkStreams.run(subject);
        return ids;
      })
      .immediate();
    for (const id of keysDestroyed) this.forget(id);
    this.keyOfSubject.delete(subject);
    const deadline = Date.now() + waitMs;
    for (let wait = 5; ; wait = Math.min(wait * 2, 200)) {
      if (this.truncateLog()) return { keysDestroyed: keysDestroyed.length, purged: true };
      if (Date.now() > deadline) return { keysDestroyed: keysDestroyed.length, purged: false };
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const key of this.keys.values()) key?.fill(0);
    this.keys.clear();
    this.truncateLog();
    this.db.close();
  }

  /** The whole log copied into the file and the log file cut to nothing; false when a reader held it. */
  private truncateLog(): boolean {
    const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number }[];
    return result !== undefined && result.busy === 0 && result.log <= 0;
  }

  /**
   * Another process changed the vault (an erasure there): what this one remembers may be stale. Asked once
   * per synchronous run (a page of events opened is one): `data_version` is a statement, and every value
   * opened would otherwise pay it.
   */
  private refresh(): void {
    if (this.refreshed) return;
    this.refreshed = true;
    queueMicrotask(() => {
      this.refreshed = false;
    });
    const version = this.st.dataVersion.get() as number;
    if (version === this.seenVersion) return;
    this.seenVersion = version;
    for (const [id, key] of this.keys) if (key !== null) this.forget(id);
    this.keyOfSubject.clear();
  }

  private remember(keyId: string, key: Buffer | null): void {
    if (this.keys.size >= this.cacheLimit) {
      const oldest = this.keys.keys().next().value;
      if (oldest !== undefined) this.forget(oldest);
    }
    this.keys.set(keyId, key);
  }

  private forget(keyId: string): void {
    this.keys.get(keyId)?.fill(0);
    this.keys.delete(keyId);
  }

  /** The subject secret and its hash, made with the vault; the KEK is checked against the vault first. */
  private initialise(kekPath: string): { secret: Buffer; hash: 'sha256' | 'sm3' } {
    return this.db
      .transaction(() => {
        const meta = (name: string) =>
          (this.db.prepare('SELECT value FROM vault_meta WHERE name = ?').pluck().get(name) as Buffer) ??
          undefined;
        const put = (name: string, value: Buffer) =>
          this.db.prepare('INSERT INTO vault_meta (name, value) VALUES (?, ?)').run(name, value);
        const check = meta('kek-check');
        if (check === undefined) {
          put('format', Buffer.from(FORMAT));
          // The suite the vault's own secrets are wrapped with: a reader configured otherwise still opens it.
          put('wrap-suite', Buffer.from(this.wrap.id));
          put('kek-check', this.wrap.seal(this.kek, CHECK, metaAad('kek-check')));
          const secret = randomBytes(32);
          put('subject-secret', this.wrap.seal(this.kek, secret, metaAad('subject-secret')));
          put('keyed-hash', Buffer.from(this.wrap.valueKeyHash));
          return { secret, hash: this.wrap.valueKeyHash };
        }
        // A vault made before the suite was recorded was wrapped with AES-256-GCM, the only suite then.
        const wrappedWith = meta('wrap-suite')?.toString() ?? 'aes-256-gcm';
        const suite = this.suites.get(wrappedWith);
        if (suite === undefined)
          throw new Error(
            `the personal-data vault ${this.path} is wrapped with ${wrappedWith}, which this docket lacks`,
          );
        try {
          if (!suite.open(this.kek, check, metaAad('kek-check')).equals(CHECK)) throw new Error('check');
        } catch {
          throw new VaultKeyMismatch(this.path, kekPath);
        }
        const hash: 'sha256' | 'sm3' = meta('keyed-hash')?.toString() === 'sm3' ? 'sm3' : 'sha256';
        return {
          secret: suite.open(this.kek, meta('subject-secret') as Buffer, metaAad('subject-secret')),
          hash,
        };
      })
      .immediate();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`the personal-data vault ${this.path} is closed`);
  }
}

export const openVault = (options: VaultOptions): PersonalDataVault => new PersonalDataVault(options);

const SCHEMA = `
CREATE TABLE IF NOT EXISTS vault_meta (name TEXT PRIMARY KEY, value BLOB NOT NULL) STRICT;
CREATE TABLE IF NOT EXISTS data_keys (
  key_id TEXT PRIMARY KEY,
  subject TEXT NOT NULL UNIQUE,
  suite TEXT NOT NULL,
  wrapped BLOB NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS stream_subjects (stream TEXT PRIMARY KEY, subject TEXT NOT NULL) STRICT;
CREATE INDEX IF NOT EXISTS stream_subjects_by_subject ON stream_subjects (subject);
`;

function prepare(db: Database.Database) {
  return {
    dataVersion: db.prepare('PRAGMA data_version').pluck(),
    keyIdOfSubject: db.prepare('SELECT key_id FROM data_keys WHERE subject = ?').pluck(),
    keyIdsOfSubject: db.prepare('SELECT key_id FROM data_keys WHERE subject = ?').pluck(),
    keyById: db.prepare('SELECT subject, suite, wrapped FROM data_keys WHERE key_id = ?'),
    subjectOfKey: db.prepare('SELECT subject FROM data_keys WHERE key_id = ?').pluck(),
    insertKey: db.prepare(
      'INSERT INTO data_keys (key_id, subject, suite, wrapped, created_at) VALUES (?, ?, ?, ?, ?)',
    ),
    deleteKeys: db.prepare('DELETE FROM data_keys WHERE subject = ?'),
    linkStream: db.prepare('INSERT OR IGNORE INTO stream_subjects (stream, subject) VALUES (?, ?)'),
    subjectOfStream: db.prepare('SELECT subject FROM stream_subjects WHERE stream = ?').pluck(),
    unlinkStreams: db.prepare('DELETE FROM stream_subjects WHERE subject = ?'),
  };
}

/** A wrapped key opens only as the key of its id and subject: a row's key cannot be swapped into another. */
const keyAad = (keyId: string, subject: string): Buffer =>
  Buffer.from(`docket/vault/1\ndata-key\n${keyId}\n${subject}`, 'utf8');
const metaAad = (name: string): Buffer => Buffer.from(`docket/vault/1\n${name}`, 'utf8');

function loadKek(path: string): Buffer {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(
      `the personal-data vault's key file ${path} cannot be read (${(error as Error).message}): ` +
        'without it no personal value in the ledger opens; restore it from its backup',
    );
  }
  const [header, encoded] = text.trim().split(/\s+/);
  const key = encoded === undefined ? undefined : Buffer.from(encoded, 'base64');
  if (header !== KEK_HEADER || key === undefined || key.length !== KEY_BYTES)
    throw new Error(`${path} is not a personal-data key file (${KEK_HEADER})`);
  return key;
}

/** A new vault's KEK: 256 random bits, written once (0600, fsynced); a file already there is kept. */
function loadOrCreateKek(path: string): Buffer {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadKek(path);
    throw error;
  }
  const key = randomBytes(KEY_BYTES);
  try {
    writeSync(fd, `${KEK_HEADER} ${key.toString('base64')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return key;
}
