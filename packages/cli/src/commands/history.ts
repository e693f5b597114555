import { caseHistory, caseStateAsOf, InvalidAsOf, labelOf } from '@docket/audit';
import { type Command, stringOption } from '../command';
import { UsageError } from '../data-dir';
import { type Io, renderTable, toJson } from '../output';
import { openReadableLedger } from '../readable-ledger';
import { callApiJson, REMOTE_HELP, REMOTE_OPTIONS, remoteOf } from '../remote';

/** A history line as caseHistory gives it, or as the API's CaseHistoryReply carries it (positions as text). */
interface HistoryLine {
  position: bigint | string;
  type: string;
  occurredAt: string;
  actor: { id: string; name: string; roles: readonly string[]; department?: string };
  reason: string | null;
  opinion: string | null;
  hash: string;
}

export const historyCommand: Command = {
  name: 'history',
  summary: "a case's merged history (办件全过程), or its state as of a past moment",
  help: `usage: docket history <caseNo> [--as-of <instant|position>] [--json] [--url <base> [--token <jwt>]]

Every event of every stream correlated to the case (application, review, clock, rating, complaints and
orders about it), in global order, as a table: position, time (domain time), actor, role/department,
action, opinion or reason, and the first 12 hex digits of the event's hash.

  --as-of <p>   the state of the case (application, review, clock, complaints, orders, rating) as the
                ledger held it once it had committed position p (digits only), or
  --as-of <t>   as of an instant t, ISO-8601 with offset (2026-03-05T17:00:00+08:00): every event whose
                domain time is at or before t. Printed as JSON.
  --json        the history as JSON (every field, full hashes)
${REMOTE_HELP}                (GET <base>/api/audit/cases/<caseNo>/history, or …/state?asOf=; personal data
                as the token's holder may see it)

exit code: 0, 1 no events for that case, 2 a usage error
`,
  options: { 'as-of': { type: 'string' }, json: { type: 'boolean' }, ...REMOTE_OPTIONS },
  maxPositionals: 1,
  async run({ values, positionals, layout }, io) {
    const caseNo = positionals[0];
    if (caseNo === undefined) throw new UsageError('which case? docket history <caseNo>');
    const asOf = stringOption(values['as-of']);
    const remote = remoteOf(values, io);
    if (remote !== undefined) {
      const path = `/api/audit/cases/${encodeURIComponent(caseNo)}`;
      if (asOf !== undefined) {
        const state = await callApiJson<unknown>(
          remote,
          'GET',
          `${path}/state?asOf=${encodeURIComponent(asOf)}`,
        );
        io.out(`${toJson(state)}\n`);
        return 0;
      }
      const reply = await callApiJson<{ entries: HistoryLine[] }>(remote, 'GET', `${path}/history`);
      return printHistory(caseNo, reply.entries, values.json === true, io);
    }
    const ledger = openReadableLedger(layout);
    try {
      if (asOf !== undefined) {
        const at = /^\d+$/.test(asOf) ? { position: BigInt(asOf) } : { instant: asOf };
        let state: Awaited<ReturnType<typeof caseStateAsOf>>;
        try {
          state = await caseStateAsOf(ledger, caseNo, at);
        } catch (error) {
          if (error instanceof InvalidAsOf) throw new UsageError(error.message);
          throw error;
        }
        io.out(`${toJson(state)}\n`);
        return 0;
      }
      return printHistory(caseNo, await caseHistory(ledger, caseNo), values.json === true, io);
    } finally {
      await ledger.close();
    }
  },
};

/** The history as a table (or JSON); exit 1 when the case has no events. */
function printHistory(caseNo: string, entries: readonly HistoryLine[], json: boolean, io: Io): number {
  if (entries.length === 0) {
    io.err(`no events for case ${caseNo}\n`);
    return 1;
  }
  if (json) {
    io.out(`${toJson(entries)}\n`);
    return 0;
  }
  const rows = entries.map((e) => [
    String(e.position),
    e.occurredAt,
    e.actor.name === e.actor.id ? e.actor.id : `${e.actor.name} (${e.actor.id})`,
    [e.actor.roles.join(','), e.actor.department].filter((s) => s !== undefined && s !== '').join(' / '),
    labelOf(e.type) === undefined ? e.type : `${labelOf(e.type)} ${e.type}`,
    [e.opinion, e.reason].filter((s, i, all) => s !== null && all.indexOf(s) === i).join(' · '),
    e.hash.slice(0, 12),
  ]);
  io.out(`case ${caseNo}: ${entries.length} events\n\n`);
  io.out(
    renderTable(['#', 'time', 'actor', 'role / department', 'action', 'opinion / reason', 'hash'], rows),
  );
  return 0;
}
