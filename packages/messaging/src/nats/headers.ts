import { type MsgHdrs, headers as natsHeaders } from '@nats-io/transport-node';
import { ERROR_HEADER, type Headers } from '../bus';

export function toNatsHeaders(record: Headers, extra: Headers = {}): MsgHdrs | undefined {
  const entries = [...Object.entries(record), ...Object.entries(extra)];
  if (entries.length === 0) return undefined;
  const h = natsHeaders();
  for (const [name, value] of entries) h.set(name, value);
  return h;
}

/** What a handler sees: the sender's headers, without NATS's own (`Nats-*`) and the error marker. */
export function fromNatsHeaders(h: MsgHdrs | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (h === undefined) return out;
  for (const [name, values] of h) {
    const lower = name.toLowerCase();
    if (lower.startsWith('nats-') || lower === ERROR_HEADER) continue;
    const last = values[values.length - 1];
    if (last !== undefined) out[name] = last;
  }
  return out;
}

export function isErrorReply(h: MsgHdrs | undefined): boolean {
  return h?.get(ERROR_HEADER) === '1';
}
