import { expect } from 'vitest';
import { type Desk, expectStatus } from '../src';

/** A zod schema, as the suites use it: only its safeParse. */
interface WireSchema {
  safeParse(body: unknown): { success: boolean; error?: { issues: unknown[] } };
}

/**
 * The answer is what the OpenAPI document says, field for field: the schema the document is generated
 * from parses it without an issue (the schemas are strict where the fields are known, so an undocumented
 * field fails too). The label names the answer in a failure.
 */
export function conforms(label: string, schema: WireSchema, body: unknown): void {
  expect(schema.safeParse(body).error?.issues ?? [], label).toEqual([]);
}

/** The body of a GET that must answer 200. */
export async function got(desk: Desk, path: string): Promise<unknown> {
  return expectStatus(path, await desk.get(path), 200).body;
}
