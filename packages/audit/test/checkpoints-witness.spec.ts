import { readdirSync, rmSync, statSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { type HttpReceiver, startHttpReceiver } from '@docket/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CheckpointSigner,
  loadTrustedKeys,
  parseWitnesses,
  readCheckpoints,
  readWitnessCheckpoints,
  type SignedCheckpoint,
  signCheckpoint,
  verifyAgainstWitness,
  verifyCheckpointDirectory,
  WitnessCourier,
} from '../src/checkpoints';
import {
  appendSteps,
  CENTRE,
  deleteAndRenumber,
  rehashFrom,
  type TempLedger,
  tamper,
  useTempLedgers,
} from './checkpoints-support';

/**
 * Issue 14, defect 10 (b): each signed checkpoint is shipped off the machine as it is made. The
 * attacker here has the data directory and the key: rewrites the ledger, deletes the checkpoints and
 * signs the forgery. Everything local agrees with it; the witness's copies, and its leaves, do not.
 */
const newLedger = useTempLedgers();

async function waitFor(what: () => boolean, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!what()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Ten events signed at 5 and 10 by a following signer whose courier ships to a witness directory. */
async function witnessedLedger(): Promise<{ ledger: TempLedger; witness: string }> {
  const ledger = newLedger();
  const witness = join(ledger.dir, 'other-disk', 'witness');
  const store = ledger.open();
  const courier = new WitnessCourier({
    witnesses: parseWitnesses(`dir:${witness}`),
    checkpointDir: ledger.checkpointDir,
  });
  const signer = await CheckpointSigner.open({
    ledger: store,
    keyDir: ledger.keyDir,
    checkpointDir: ledger.checkpointDir,
    ledgerId: CENTRE,
    everyEvents: 5,
    courier,
  });
  signer.start();
  courier.start();
  await appendSteps(store, 1, 10);
  await waitFor(() => courier.status()[0]!.delivered === 10);
  await signer.stop();
  await courier.stop();
  return { ledger, witness };
}

/** The attacker's last step: the checkpoints signed before deleted, the forgery signed with the key. */
async function resign(ledger: TempLedger): Promise<void> {
  rmSync(ledger.checkpointDir, { recursive: true });
  const store = ledger.open();
  await signCheckpoint(store, ledger.keyDir, ledger.checkpointDir, { ledgerId: CENTRE });
}

describe('a directory witness', () => {
  it('holds each checkpoint as delivered and the leaves they cover', async () => {
    const { ledger, witness } = await witnessedLedger();
    expect(readWitnessCheckpoints(witness)).toEqual(readCheckpoints(ledger.checkpointDir));
    expect(statSync(join(witness, 'leaves.bin')).size).toBe(10 * 32);
    const store = ledger.open();
    expect(await verifyAgainstWitness(store, witness, loadTrustedKeys(ledger.keyDir))).toMatchObject({
      ok: true,
      checkpoints: 2,
      size: 10,
    });
  });

  it('catches an event rewritten and re-signed with the key, at its position', async () => {
    const { ledger, witness } = await witnessedLedger();
    tamper(ledger.path, (db) => {
      db.prepare(`UPDATE events SET data = '{"i":7,"note":"改过的"}' WHERE position = 7`).run();
      rehashFrom(db, 7);
    });
    await resign(ledger);
    const store = ledger.open();
    expect(await verifyCheckpointDirectory(store, ledger.checkpointDir, ledger.keyDir)).toMatchObject({
      ok: true,
    });
    expect(await verifyAgainstWitness(store, witness, loadTrustedKeys(ledger.keyDir))).toMatchObject({
      ok: false,
      problem: 'rewritten',
      checkpoint: 10,
      position: 7n,
    });
  });

  it('catches a deletion in the middle (renumbered, re-hashed, re-signed), at its position', async () => {
    const { ledger, witness } = await witnessedLedger();
    tamper(ledger.path, (db) => deleteAndRenumber(db, 3));
    await resign(ledger);
    const store = ledger.open();
    expect(await verifyAgainstWitness(store, witness, loadTrustedKeys(ledger.keyDir))).toMatchObject({
      ok: false,
      problem: 'rewritten',
      checkpoint: 5,
      position: 3n,
    });
  });

  it('keeps both when the key signs a second history of one size: never overwritten', async () => {
    const { ledger, witness } = await witnessedLedger();
    tamper(ledger.path, (db) => {
      db.prepare(`UPDATE events SET data = '{}' WHERE position = 9`).run();
      rehashFrom(db, 9);
    });
    rmSync(ledger.checkpointDir, { recursive: true });
    const store = ledger.open();
    const courier = new WitnessCourier({
      witnesses: parseWitnesses(`dir:${witness}`),
      checkpointDir: ledger.checkpointDir,
    });
    await signCheckpoint(store, ledger.keyDir, ledger.checkpointDir, { ledgerId: CENTRE, courier });
    await courier.flush();
    const sizes = readWitnessCheckpoints(witness).map((c) => c.size);
    expect(sizes).toEqual([5, 10, 10]);
    expect(await verifyAgainstWitness(store, witness, loadTrustedKeys(ledger.keyDir))).toMatchObject({
      ok: false,
      problem: 'rewritten',
      position: 9n,
    });
  });
});

describe('an HTTP witness', () => {
  let receiver: HttpReceiver;
  let url: string;
  let failures = 0;
  const received: { body: SignedCheckpoint; headers: IncomingHttpHeaders }[] = [];

  beforeAll(async () => {
    receiver = await startHttpReceiver((request) => {
      if (failures > 0) {
        failures -= 1;
        return { status: 502, body: 'upstream down' };
      }
      received.push({ body: JSON.parse(request.body), headers: request.headers });
      return { status: 204 };
    }, '/docket/checkpoints');
    url = receiver.url;
  });
  afterAll(() => receiver.close());

  it('gets each checkpoint as a JSON POST; failures are retried, shown, and cleared once delivered', async () => {
    const ledger = newLedger();
    const store = ledger.open();
    await appendSteps(store, 1, 3);
    const failed: string[] = [];
    const courier = new WitnessCourier({
      witnesses: parseWitnesses(url),
      checkpointDir: ledger.checkpointDir,
      firstRetryMs: 20,
      onFailed: (_witness, checkpoint, error, attempt) =>
        failed.push(`${checkpoint.size} ${attempt} ${(error as Error).message}`),
    });
    courier.start();
    failures = 2;
    const before = received.length;
    const { checkpoint } = await signCheckpoint(store, ledger.keyDir, ledger.checkpointDir, {
      ledgerId: CENTRE,
      courier,
    });
    await waitFor(() => received.length > before);
    expect(failed).toEqual([
      `3 1 ${url} answered 502: upstream down`,
      `3 2 ${url} answered 502: upstream down`,
    ]);
    expect(received.at(-1)!.body).toEqual(checkpoint);
    expect(received.at(-1)!.headers['content-type']).toBe('application/json');
    await waitFor(() => courier.status()[0]!.delivered === 3);
    expect(courier.status()).toEqual([{ witness: url, delivered: 3, pending: [] }]);
    expect(courier.warnings()).toEqual([]);
    await courier.stop();
  });

  it('a witness that stays down: the signer goes on, the warning names it; a later courier ships the backlog', async () => {
    const ledger = newLedger();
    const store = ledger.open();
    await appendSteps(store, 1, 3);
    const courier = new WitnessCourier({
      witnesses: parseWitnesses(url),
      checkpointDir: ledger.checkpointDir,
      firstRetryMs: 60_000,
    });
    courier.start();
    failures = 1_000;
    await signCheckpoint(store, ledger.keyDir, ledger.checkpointDir, { ledgerId: CENTRE, courier });
    await appendSteps(store, 4, 6);
    await signCheckpoint(store, ledger.keyDir, ledger.checkpointDir, { courier });
    await waitFor(() => courier.warnings().length === 1);
    expect(readCheckpoints(ledger.checkpointDir).map((c) => c.size)).toEqual([3, 6]);
    expect(courier.warnings()[0]).toMatch(
      new RegExp(
        `^checkpoint witness ${url} has not taken checkpoint 3, 6 \\(failing since .*: ${url} answered 502: upstream down\\); retrying$`,
      ),
    );
    await courier.stop();

    // A restart: a new courier finds both undelivered (nothing marks them taken) and ships them in order.
    failures = 0;
    const before = received.length;
    const restarted = new WitnessCourier({
      witnesses: parseWitnesses(url),
      checkpointDir: ledger.checkpointDir,
    });
    expect(restarted.status()[0]!.pending).toEqual([3, 6]);
    expect(await restarted.flush()).toEqual([{ witness: url, delivered: 6, pending: [] }]);
    expect(received.slice(before).map((r) => r.body.size)).toEqual([3, 6]);
    // And a courier made after that has nothing to ship.
    expect(
      new WitnessCourier({ witnesses: parseWitnesses(url), checkpointDir: ledger.checkpointDir }).status()[0]!
        .pending,
    ).toEqual([]);
    expect(readdirSync(ledger.checkpointDir).filter((n) => n.startsWith('witness-'))).toHaveLength(1);
  });

  it('sends a user and password of the URL as basic authorisation and never shows them', async () => {
    const ledger = newLedger();
    const store = ledger.open();
    await appendSteps(store, 1, 2);
    const secret = url.replace('http://', 'http://docket:s%C3%A9cret@');
    const [witness] = parseWitnesses(secret);
    expect(witness!.name).toBe(url);
    const courier = new WitnessCourier({ witnesses: [witness!], checkpointDir: ledger.checkpointDir });
    await signCheckpoint(store, ledger.keyDir, ledger.checkpointDir, { ledgerId: CENTRE, courier });
    expect(await courier.flush()).toMatchObject([{ delivered: 2, pending: [] }]);
    expect(received.at(-1)!.headers.authorization).toBe(
      `Basic ${Buffer.from('docket:sécret').toString('base64')}`,
    );
  });

  it('refuses a witness it does not know how to reach', () => {
    expect(() => parseWitnesses('ftp://archive.example/docket')).toThrow(/no checkpoint witness/);
    expect(() => parseWitnesses('dir:')).toThrow(/no checkpoint witness/);
    expect(parseWitnesses(' ')).toEqual([]);
    expect(parseWitnesses(undefined)).toEqual([]);
  });
});
