import { InvalidCommand } from '@docket/domain';
import type { z } from 'zod';

/**
 * Validates a request against its schema and refuses fields the schema does not know, at any depth.
 * The domain's schemas strip unknown keys (an old client's extra field must not break a replay), but at
 * the boundary an unknown field is usually a typo (`reson` for `reason`) that would silently lose data,
 * so it is a 400 there. Unknown keys are found by comparing the input with the parsed output: a key the
 * parse dropped was not declared.
 * @throws InvalidCommand (kind `invalid`) listing every issue as `path: message`.
 */
export function parseRequest<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  options: ParseOptions = {},
): z.output<Schema> {
  const named = (path: string): string => bodyRelative(path, options.bodyAt);
  const result = schema.safeParse(input);
  if (!result.success)
    throw new InvalidCommand(
      result.error.issues.map((issue) => `${named(issue.path.join('.'))}: ${issue.message}`),
    );
  const unknown = unknownFields(input, result.data, '');
  if (unknown.length > 0) throw new InvalidCommand(unknown.map((path) => `${named(path)}: unknown field`));
  return result.data;
}

export interface ParseOptions {
  /**
   * The request's field that is an HTTP request's body (`data` for a command on one thing): issues inside
   * it are named as the client wrote them, relative to the body (`applicant.name`, not `data.applicant.name`).
   */
  bodyAt?: string;
}

/** An issue's path as the client knows it: relative to the body; the body itself is `(body)`. */
function bodyRelative(path: string, bodyAt: string | undefined): string {
  if (bodyAt !== undefined) {
    if (path === bodyAt) return '(body)';
    if (path.startsWith(`${bodyAt}.`)) return path.slice(bodyAt.length + 1);
  }
  return path === '' ? '(body)' : path;
}

/** Paths of keys present in `input` objects but absent from the parsed `output` at the same place. */
export function unknownFields(input: unknown, output: unknown, path: string): string[] {
  if (Array.isArray(input) && Array.isArray(output))
    return input.flatMap((item, i) => unknownFields(item, output[i], `${path}[${i}]`));
  if (!isPlainObject(input) || !isPlainObject(output)) return [];
  return Object.keys(input).flatMap((key) => {
    const at = path === '' ? key : `${path}.${key}`;
    return Object.hasOwn(output, key) ? unknownFields(input[key], output[key], at) : [at];
  });
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
