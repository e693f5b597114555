import { z } from 'zod';
import type { Actor } from './actor';

/**
 * Who an event says did it: enough for a case record and an audit without the actor's roles, which
 * can change later. System actors appear as `system:<service>`.
 */
export const RecordedBy = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  department: z.string().optional(),
});
export type RecordedBy = z.infer<typeof RecordedBy>;

export const recordedBy = (actor: Actor): RecordedBy =>
  actor.department === undefined
    ? { id: actor.id, name: actor.name }
    : { id: actor.id, name: actor.name, department: actor.department };
