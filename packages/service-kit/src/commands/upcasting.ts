import type { RecordedEvent } from '@docket/event-store';

/**
 * Events are never rewritten: a payload change bumps the event type's schema version, and an upcaster
 * lifts old payloads on read. `upcasters[type][i]` lifts version i + 1 to version i + 2, so the current
 * version of a type is its number of upcasters + 1.
 */
export type Upcasters = Readonly<Record<string, ReadonlyArray<(data: unknown) => unknown>>>;

export function currentSchemaVersion(upcasters: Upcasters, type: string): number {
  return (upcasters[type]?.length ?? 0) + 1;
}

/** The payload of a recorded event at its type's current schema version. */
export function upcast(upcasters: Upcasters, event: RecordedEvent): unknown {
  const steps = upcasters[event.type];
  if (!steps || event.schemaVersion > steps.length) return event.data;
  let data = event.data;
  for (let version = event.schemaVersion; version <= steps.length; version++)
    data = steps[version - 1]!(data);
  return data;
}
