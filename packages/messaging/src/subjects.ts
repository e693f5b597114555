import { InvalidSubject } from './errors';

/**
 * NATS subject rules, enforced the same way in both implementations so that what works embedded works
 * on a NATS server: dot-separated non-empty tokens without whitespace; `*` matches one token, `>` the
 * rest (one or more tokens) and only as the last token.
 */
const TOKEN = /^[^\s.*>]+$/;

/** A concrete subject (to publish or request on). */
export function checkSubject(subject: string): void {
  const tokens = subject.split('.');
  if (subject.length === 0 || !tokens.every((t) => TOKEN.test(t))) {
    throw new InvalidSubject(`Subject ${JSON.stringify(subject)} is not a valid NATS subject`);
  }
}

/** A subscription pattern (may use `*` and a final `>`). */
export function checkPattern(pattern: string): void {
  const tokens = pattern.split('.');
  const ok =
    pattern.length > 0 &&
    tokens.every((t, i) => TOKEN.test(t) || t === '*' || (t === '>' && i === tokens.length - 1));
  if (!ok) throw new InvalidSubject(`Pattern ${JSON.stringify(pattern)} is not a valid NATS subject pattern`);
}

/** Queue group and durable names: one token, no wildcard. */
export function checkName(kind: string, name: string): void {
  if (!/^[A-Za-z0-9_-]+$/.test(name)) {
    throw new InvalidSubject(`${kind} ${JSON.stringify(name)} may contain only letters, digits, _ and -`);
  }
}

export function subjectMatches(pattern: string, subject: string): boolean {
  const p = pattern.split('.');
  const s = subject.split('.');
  for (let i = 0; i < p.length; i++) {
    const token = p[i];
    if (token === '>') return s.length > i;
    if (i >= s.length) return false;
    if (token !== '*' && token !== s[i]) return false;
  }
  return p.length === s.length;
}
