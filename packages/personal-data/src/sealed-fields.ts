import { type RecordedEvent, valueAt } from '@docket/event-store';
import { parseEnvelope } from './envelope';
import { docketRegistry, type PersonalDataRegistry, sealablePaths } from './registry';

/** A field an event holds sealed, and the key it names. */
export interface SealedField {
  path: string;
  keyId: string;
  suite: string;
}

/**
 * The sealed fields of an event as the ledger stores it (read from the ledger itself, not through the
 * sealed ledger): which keys a case's events name, for an administrator finding whom to erase.
 */
export function sealedFieldsOf(
  event: RecordedEvent,
  registry: PersonalDataRegistry = docketRegistry,
): SealedField[] {
  return sealablePaths(registry, event.type).flatMap((path) => {
    const envelope = parseEnvelope(valueAt(event, path));
    return envelope === undefined ? [] : [{ path, keyId: envelope.keyId, suite: envelope.suite }];
  });
}
