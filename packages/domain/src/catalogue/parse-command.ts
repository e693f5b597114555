import type { z } from 'zod';
import { CommandMetadata } from '../shared/command';
import { InvalidCommand } from '../shared/errors';

/** One line per zod issue, prefixed with where it is, as InvalidCommand lists them. */
export const describeIssues = (error: z.ZodError, prefix: string): string[] =>
  error.issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter((part) => part !== '').join('.');
    return `${path}: ${issue.message}`;
  });

/**
 * Validates a command's payload and metadata against their schemas, so a decider never acts on a
 * malformed command even when a handler forgot to validate it.
 */
export function parseCommand<Schema extends z.ZodType>(
  schema: Schema,
  command: { data: unknown; metadata: unknown },
): { data: z.infer<Schema>; metadata: CommandMetadata } {
  const data = schema.safeParse(command.data);
  const metadata = CommandMetadata.safeParse(command.metadata);
  const issues = [
    ...(data.success ? [] : describeIssues(data.error, 'data')),
    ...(metadata.success ? [] : describeIssues(metadata.error, 'metadata')),
  ];
  if (!data.success || !metadata.success) throw new InvalidCommand(issues);
  return { data: data.data, metadata: metadata.data };
}
