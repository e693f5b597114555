/**
 * The durable consumer name for a service's `@EventPattern`: `${service}-<pattern>` with the pattern made
 * a legal durable name (`[A-Za-z0-9_-]+`): tokens joined by `_`, `*` as `any`, `>` as `all`, any other
 * character as `-`. `evt.application.>` for `review` → `review-evt_application_all`.
 *
 * Two patterns that sanitise alike would share a name; the Bus refuses that (`DurableConflict`) rather than
 * mixing their cursors. Give such a handler its own name with `@EventPattern(pattern, { durable })`.
 */
export function durableName(service: string, pattern: string): string {
  const tokens = pattern.split('.').map((token) => {
    if (token === '*') return 'any';
    if (token === '>') return 'all';
    return token.replace(/[^A-Za-z0-9-]/g, '-');
  });
  return `${service}-${tokens.join('_')}`;
}
