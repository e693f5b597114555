import { createHmac } from 'node:crypto';
import { ERASED } from '@docket/domain';
import { valueAt } from '@docket/event-store';
import { type CipherSuite, type CipherSuites, defaultSuites, KEY_BYTES } from './cipher';
import { parseEnvelope, sealedValueAad } from './envelope';
import type { PersonalDataVault } from './vault';

const LABEL = Buffer.from('docket/sealed/1 value key\n', 'utf8');
const BLOCK_1 = Buffer.from([1]);

/**
 * The key one value is sealed with: HKDF (RFC 5869) of its subject's data key, with the hash its suite names
 * (SHA-256, or SM3 in the 国密 suite; SM3's digest is 256 bits too), for that value's
 * place (its AAD: stream, event id, type, field). One value's key opens that value and nothing else, so an
 * export can carry it beside the value it shows: an outside party then checks that what the export shows
 * is what the ledger sealed (`checkSealedValues`), without any key that opens another value. Destroying the
 * subject's key leaves no way to derive any of them.
 *
 * HKDF-Expand alone, one block: T(1) = HMAC-SHA256(key, info ‖ 0x01), info = label ‖ AAD. The data key is
 * already 256 uniformly random bits, so the Extract step may be left out (RFC 5869 §3.3); one HMAC is a
 * quarter of what Node's `hkdfSync` costs per call, and every value read pays it.
 */
export function valueKey(
  subjectKey: Buffer,
  aad: Buffer,
  hash: CipherSuite['valueKeyHash'] = 'sha256',
): Buffer {
  const key = createHmac(hash, subjectKey).update(LABEL).update(aad).update(BLOCK_1).digest();
  return key.length === KEY_BYTES ? key : key.subarray(0, KEY_BYTES);
}

/** What an event as shown says about its sealed values: each stored value, and each value's key if given. */
export interface ShownSealedEvent {
  stream: string;
  id: string;
  type: string;
  sealed?: Readonly<Record<string, string>>;
  valueKeys?: Readonly<Record<string, string>>;
}

/**
 * The value keys (base64url) of the values an opened event shows (not of erased ones): what an export of
 * personal data shown in full carries. Undefined when the event has no sealed value whose key exists.
 */
export function valueKeysOf(
  vault: PersonalDataVault,
  event: ShownSealedEvent,
  suites: CipherSuites = defaultSuites(),
): Record<string, string> | undefined {
  let keys: Record<string, string> | undefined;
  for (const [path, stored] of Object.entries(event.sealed ?? {})) {
    const envelope = parseEnvelope(stored);
    const key = envelope === undefined ? undefined : vault.key(envelope.keyId);
    const suite = envelope === undefined ? undefined : suites.get(envelope.suite);
    if (key === undefined || suite === undefined) continue;
    keys ??= {};
    const aad = sealedValueAad(event.stream, event.id, event.type, path);
    keys[path] = valueKey(key, aad, suite.valueKeyHash).toString('base64url');
  }
  return keys;
}

/**
 * Does what the event shows match what the ledger sealed? Each shown value must open from its stored value
 * with its value key, or, without a key, be the marker 〔已删除〕 (erased). The stored values themselves are
 * covered by the chain hash (event-store's `storedForm`); this covers the step from them to what is shown.
 * Answers why not, or undefined when every value matches.
 */
export function checkSealedValues(
  event: ShownSealedEvent,
  suites: CipherSuites = defaultSuites(),
): string | undefined {
  for (const [path, stored] of Object.entries(event.sealed ?? {})) {
    const shown = valueAt(event, path);
    const given = event.valueKeys?.[path];
    if (given === undefined) {
      if (shown !== ERASED) return `${path} is shown without the key that proves it`;
      continue;
    }
    const envelope = parseEnvelope(stored);
    const suite = envelope === undefined ? undefined : suites.get(envelope.suite);
    if (envelope === undefined || suite === undefined)
      return `${path} is not a sealed value this checker opens`;
    try {
      const aad = sealedValueAad(event.stream, event.id, event.type, path);
      const plain = suite.open(Buffer.from(given, 'base64url'), envelope.bytes, aad).toString('utf8');
      if (plain !== shown) return `${path} is shown otherwise than sealed`;
    } catch {
      return `${path}: its key does not open its sealed value`;
    }
  }
  return undefined;
}
