import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
} from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CheckpointError,
  checkpointSuite,
  generateCheckpointKey,
  loadSigningKey,
  loadTrustedKeys,
  parseCheckpoint,
  readCheckpointFile,
  type SignedCheckpoint,
  SM2_DEFAULT_ID,
  signCheckpoint,
  signCheckpointBody,
  sm2Signer,
  sm2Verify,
  sm2Z,
  verifyCheckpointDirectory,
  verifyCheckpointSignature,
} from '../src/checkpoints';
import { canonicalJson } from '../src/checkpoints/canonical-json';
import { appendSteps, CENTRE, tempLedger, useTempLedgers } from './checkpoints-support';

/**
 * GM/T 0003.5-2012 (GB/T 32918.5-2017) Annex A: an SM2 signature on the recommended curve, identifier
 * `1234567812345678`, message "message digest". The standard's own numbers: a signature made or checked
 * here conforms if it agrees with them.
 */
const VECTOR = {
  d: '3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8',
  x: '09f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020',
  y: 'ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13',
  message: Buffer.from('message digest'),
  e: 'f0b43e94ba45accaace692ed534382eb17e6ab5a19ce7b31f4486fdfc0d28640',
  r: 'f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3',
  s: 'b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa',
};

/** The vector's key pair as PKCS#8 / SPKI, the files a key directory holds. */
function vectorKeys() {
  const point = `04${VECTOR.x}${VECTOR.y}`;
  const pkcs8 = Buffer.from(
    `308187020100301306072a8648ce3d020106082a811ccf5501822d046d306b0201010420${VECTOR.d}a144034200${point}`,
    'hex',
  );
  const spki = Buffer.from(`3059301306072a8648ce3d020106082a811ccf5501822d034200${point}`, 'hex');
  return {
    privateKey: createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }),
    publicKey: createPublicKey({ key: spki, format: 'der', type: 'spki' }),
  };
}

const der = (r: string, s: string) => Buffer.from(`3046022100${r}022100${s}`, 'hex');

const flipped = (bytes: Buffer, at: number) => {
  const copy = Buffer.from(bytes);
  copy[at] = copy[at]! ^ 0x01;
  return copy;
};

describe('SM2 with SM3 and the default identifier (GB/T 32918.2, GM/T 0009)', () => {
  it('computes the standard’s Z and e, and accepts the standard’s signature', () => {
    const { publicKey } = vectorKeys();
    const point = { x: BigInt(`0x${VECTOR.x}`), y: BigInt(`0x${VECTOR.y}`) };
    const e = createHash('sm3').update(sm2Z(point)).update(VECTOR.message).digest('hex');
    expect(e).toBe(VECTOR.e);
    const signature = der(VECTOR.r, VECTOR.s);
    expect(sm2Verify(VECTOR.message, publicKey, signature)).toBe(true);
    // Another identifier, another message, a changed r or s: refused.
    expect(sm2Verify(VECTOR.message, publicKey, signature, '')).toBe(false);
    expect(sm2Verify(Buffer.from('message digesT'), publicKey, signature)).toBe(false);
    expect(sm2Verify(VECTOR.message, publicKey, flipped(signature, 10))).toBe(false);
    expect(sm2Verify(VECTOR.message, publicKey, flipped(signature, 50))).toBe(false);
    expect(sm2Verify(VECTOR.message, publicKey, Buffer.concat([signature, Buffer.from([0])]))).toBe(false);
  });

  it('signs so that the standard’s verification (default identifier) accepts it, and nothing else', () => {
    const { privateKey, publicKey } = vectorKeys();
    const signer = sm2Signer(privateKey);
    const one = signer.sign(VECTOR.message);
    const two = signer.sign(VECTOR.message);
    expect(one.equals(two)).toBe(false); // a fresh k each time
    for (const signature of [one, two]) {
      expect(sm2Verify(VECTOR.message, publicKey, signature, SM2_DEFAULT_ID)).toBe(true);
      expect(sm2Verify(VECTOR.message, publicKey, signature, '')).toBe(false);
      expect(sm2Verify(Buffer.from('message digesT'), publicKey, signature)).toBe(false);
    }
  });

  it('is what OpenSSL 3.0 through Node does not give: it uses the empty identifier, or ECDSA', () => {
    // Pinned so that a Node or OpenSSL that changes this is noticed (docket does not rely on either).
    const { privateKey, publicKey } = vectorKeys();
    const fromNode = sign('sm3', VECTOR.message, privateKey);
    expect(sm2Verify(VECTOR.message, publicKey, fromNode, '')).toBe(true);
    expect(sm2Verify(VECTOR.message, publicKey, fromNode, SM2_DEFAULT_ID)).toBe(false);
    // ... and so Node's verify refuses the standard's own signature.
    expect(verify('sm3', VECTOR.message, publicKey, der(VECTOR.r, VECTOR.s))).toBe(false);
    // A key fresh from generateKeyPairSync signs ECDSA over the SM2 curve: no SM2 signature at all.
    const fresh = generateKeyPairSync('ec', { namedCurve: 'SM2' });
    const ecdsa = sign('sm3', VECTOR.message, fresh.privateKey);
    expect(sm2Verify(VECTOR.message, fresh.publicKey, ecdsa, '')).toBe(false);
    expect(sm2Verify(VECTOR.message, fresh.publicKey, ecdsa)).toBe(false);
  });
});

const body = {
  ledgerId: CENTRE,
  size: 10,
  headHash: 'a'.repeat(64),
  treeRoot: 'b'.repeat(64),
  signedAt: '2026-03-02T01:30:00.000Z',
};

describe('a 国密 checkpoint', () => {
  const newSm3Ledger = useTempLedgers('sm3');

  it('names its suite, SM3 and SM2, and is an SM2 signature by the standard over its canonical JSON', async () => {
    const ledger = newSm3Ledger();
    const store = ledger.open();
    await appendSteps(store, 1, 7);
    const { checkpoint, path } = await signCheckpoint(store, ledger.keyDir, ledger.checkpointDir, {
      ledgerId: CENTRE,
    });
    expect(checkpoint).toMatchObject({
      hashAlgorithm: 'sm3',
      signatureAlgorithm: 'sm2-sm3',
      keyAlgorithm: 'sm2',
    });
    expect(checkpointSuite(readCheckpointFile(path!))).toEqual({
      hashAlgorithm: 'sm3',
      signatureAlgorithm: 'sm2-sm3',
      keyAlgorithm: 'sm2',
    });
    // An outside verifier: SM2 over the canonical JSON of every field but the signature, default ID.
    const { signature, ...signed } = checkpoint;
    const publicKey = createPublicKey(readFileSync(join(ledger.keyDir, 'checkpoint-key.pub.pem')));
    expect(sm2Verify(Buffer.from(canonicalJson(signed)), publicKey, Buffer.from(signature, 'base64'))).toBe(
      true,
    );
    expect(await verifyCheckpointDirectory(store, ledger.checkpointDir, ledger.keyDir)).toMatchObject({
      ok: true,
    });
  });

  it('fails verification after one flipped byte of its signature or of a field', () => {
    const ledger = newSm3Ledger();
    const signed = signCheckpointBody(
      { ...body, hashAlgorithm: 'sm3' },
      loadSigningKey(ledger.keyDir).privateKey,
    );
    const trusted = loadTrustedKeys(ledger.keyDir);
    expect(verifyCheckpointSignature(signed, trusted)).toEqual({ ok: true });
    const signature = Buffer.from(signed.signature, 'base64');
    for (const at of [8, signature.length - 1]) {
      const broken = { ...signed, signature: flipped(signature, at).toString('base64') };
      expect(verifyCheckpointSignature(broken, trusted)).toMatchObject({
        ok: false,
        problem: 'bad-signature',
      });
    }
    expect(verifyCheckpointSignature({ ...signed, size: 11 }, trusted)).toMatchObject({
      problem: 'bad-signature',
    });
    // Claiming the other suite (same bytes otherwise) is a field the signature covers.
    const claimed = { ...signed, signatureAlgorithm: 'ed25519', keyAlgorithm: 'ed25519' } as SignedCheckpoint;
    expect(verifyCheckpointSignature(claimed, trusted)).toMatchObject({
      ok: false,
      problem: 'bad-signature',
    });
  });

  it('parsing wants all three suite fields or none, with known values', () => {
    const ledger = newSm3Ledger();
    const signed = signCheckpointBody(
      { ...body, hashAlgorithm: 'sm3' },
      loadSigningKey(ledger.keyDir).privateKey,
    );
    expect(parseCheckpoint(JSON.parse(JSON.stringify(signed)))).toEqual(signed);
    const { keyAlgorithm: _dropped, ...partial } = signed;
    expect(() => parseCheckpoint(partial)).toThrow(/part of its suite/);
    expect(() => parseCheckpoint({ ...signed, hashAlgorithm: 'md5' })).toThrow(/unknown hashAlgorithm/);
  });
});

describe('mixing the two suites is refused', () => {
  const newSm3Ledger = useTempLedgers('sm3');
  const newSha256Ledger = useTempLedgers('sha256');

  it('an SM3 ledger is not signed with an Ed25519 key, nor a SHA-256 one with an SM2 key', async () => {
    for (const [ledger, other] of [
      [newSm3Ledger(), 'ed25519'],
      [newSha256Ledger(), 'sm2'],
    ] as const) {
      generateCheckpointKey(ledger.keyDir, { rotate: true, algorithm: other });
      const store = ledger.open();
      await appendSteps(store, 1, 3);
      const refusal = await signCheckpoint(store, ledger.keyDir, ledger.checkpointDir, {
        ledgerId: CENTRE,
      }).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(CheckpointError);
      expect(refusal).toMatchObject({ code: 'CheckpointKeyOfOtherSuite' });
    }
  });

  it('a checkpoint of an SM3 ledger does not pass for one of a SHA-256 ledger with the same events', async () => {
    const gm = newSm3Ledger();
    const gmStore = gm.open();
    await appendSteps(gmStore, 1, 4);
    await signCheckpoint(gmStore, gm.keyDir, gm.checkpointDir, { ledgerId: CENTRE });
    const standard = tempLedger('sha256');
    try {
      const store = standard.open();
      await appendSteps(store, 1, 4);
      const result = await verifyCheckpointDirectory(store, gm.checkpointDir, gm.keyDir);
      expect(result).toMatchObject({ ok: false, problem: 'other-suite', checkpoint: 4 });
    } finally {
      await standard.done();
    }
  });
});

describe('checkpoints signed before the suite was named', () => {
  const newLedger = useTempLedgers('sha256');

  it('are SHA-256 and Ed25519, and still verify', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const { keyDir } = newLedger();
    const keyId = loadSigningKey(keyDir).keyId;
    // Exactly as docket signed them before: seven fields, Ed25519 over their canonical JSON.
    const legacyOf = (key: typeof privateKey, id: string) => {
      const fields = { format: 'docket-checkpoint/1', ...body, keyId: id };
      return { ...fields, signature: sign(null, Buffer.from(canonicalJson(fields)), key).toString('base64') };
    };
    const legacy = parseCheckpoint(legacyOf(loadSigningKey(keyDir).privateKey, keyId));
    expect(checkpointSuite(legacy)).toEqual({
      hashAlgorithm: 'sha256',
      signatureAlgorithm: 'ed25519',
      keyAlgorithm: 'ed25519',
    });
    expect(verifyCheckpointSignature(legacy, loadTrustedKeys(keyDir))).toEqual({ ok: true });
    const stranger = parseCheckpoint(legacyOf(privateKey, keyId));
    expect(verifyCheckpointSignature(stranger, loadTrustedKeys(keyDir))).toMatchObject({
      problem: 'bad-signature',
    });
    expect(publicKey.asymmetricKeyType).toBe('ed25519');
  });
});
