import type { z } from 'zod';
import { type Actor, isSystem, type Role } from '../shared/actor';
import { type Command, CommandMetadata } from '../shared/command';
import { InvalidCommand, ReasonRequired } from '../shared/errors';
import type { Instant, TimeLimit } from '../shared/time';
import {
  NotAMonitorOrSupervisor,
  NotASupervisor,
  NotDepartmentStaff,
  NotTheDepartment,
  OverdueFlaggedBySystemOnly,
} from './errors';

/** Checks shared by the supervision deciders. Internal: not exported from the package index. */

/** Validates a payload against its schema; every issue is listed in one InvalidCommand. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new InvalidCommand(
    result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
  );
}

/** The command with its metadata and the payload validated by the schema its own type tag picks. */
export function validated<S extends Record<string, z.ZodType>, T extends keyof S & string>(
  schemas: S,
  type: T,
  command: { data: unknown; metadata: unknown },
): Command<T, z.output<S[T]>> {
  const metadata = parseWith(CommandMetadata, command.metadata);
  return { type, data: parseWith(schemas[type] as S[T], command.data), metadata };
}

/** Commands arrive over the wire: an unknown type is a malformed command, not a crash. */
export function unknownCommand(aggregate: string, command: unknown): InstanceType<typeof InvalidCommand> {
  const type = (command as { type?: unknown } | null)?.type;
  return new InvalidCommand([`type: unknown ${aggregate} command ${String(type)}`]);
}

export const STAFF: readonly Role[] = ['officer', 'reviewer', 'head'];

export const hasAnyRole = (actor: Actor, roles: readonly Role[]): boolean =>
  roles.some((role) => actor.roles.includes(role));

export function requireSupervisor(actor: Actor, action: string): void {
  if (!actor.roles.includes('supervisor')) throw new NotASupervisor(actor.id, action);
}

export function requireMonitorOrSupervisor(actor: Actor, action: string): void {
  if (!hasAnyRole(actor, ['monitor', 'supervisor'])) throw new NotAMonitorOrSupervisor(actor.id, action);
}

/** An officer, reviewer or head whose department is exactly the one concerned. */
export function requireDepartmentStaff(actor: Actor, department: string, action: string): void {
  if (!hasAnyRole(actor, STAFF)) throw new NotDepartmentStaff(actor.id, action);
  if (actor.department !== department) throw new NotTheDepartment(department, actor.department);
}

export function requireSystem(actor: Actor, command: string): void {
  if (!isSystem(actor)) throw new OverdueFlaggedBySystemOnly(command, actor.id);
}

/** 说理式: blank text is no reason. The trimmed text is what gets recorded. */
export function requireReason(text: string | undefined, action: string): string {
  const reason = text?.trim() ?? '';
  if (reason === '') throw new ReasonRequired(action);
  return reason;
}

/** Instants carry offsets: compare them as points in time, never as strings. */
export const isAfter = (a: Instant, b: Instant): boolean => Date.parse(a) > Date.parse(b);

/** Optional fields are left out of events when absent, so stored events stay minimal. */
export const optional = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };

export const workingDays = (value: number): TimeLimit => ({ value, unit: 'working_days' });

/** A configured number of working days, checked when the decider is built (a bad config fails at start). */
export function workingDaysOption(name: string, value: number | undefined, fallback: number): number {
  const days = value ?? fallback;
  if (!Number.isInteger(days) || days < 1 || days > 365) {
    throw new RangeError(`${name} must be a whole number of working days between 1 and 365, not ${days}`);
  }
  return days;
}
