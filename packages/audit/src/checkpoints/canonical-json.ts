/**
 * Canonical JSON (the subset of RFC 8785 a checkpoint needs): object keys sorted by UTF-16 code units,
 * no whitespace, strings and safe integers as JSON.stringify writes them. Signer and verifier derive the
 * same bytes from the same values whatever order the fields were written or parsed in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    // Floats would need RFC 8785's number serialisation; a checkpoint holds none.
    if (!Number.isSafeInteger(value))
      throw new TypeError(`Canonical JSON holds safe integers only, not ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  throw new TypeError(`Canonical JSON cannot hold ${typeof value}`);
}
