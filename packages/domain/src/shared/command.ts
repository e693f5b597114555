import { z } from 'zod';
import { Actor } from './actor';
import { Instant } from './time';

/** Every command carries when it happens and who does it: rules never read a clock. */
export const CommandMetadata = z.object({ now: Instant, actor: Actor });
export type CommandMetadata = z.infer<typeof CommandMetadata>;

/** A command as deciders receive it: a type tag, a validated payload, and its metadata. */
export interface Command<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
  metadata: CommandMetadata;
}
