import { existsSync, writeFileSync } from 'node:fs';
import { caseExportProofs, exportCase, latestCheckpoint, renderCaseTimelineHtml } from '@docket/audit';
import { valueKeysOf, vaultOf } from '@docket/personal-data';
import { type Command, stringOption } from '../command';
import { UsageError } from '../data-dir';
import type { Io } from '../output';
import { toJson } from '../output';
import { openReadableLedger } from '../readable-ledger';
import { callApi, REMOTE_HELP, REMOTE_OPTIONS, type Remote, remoteOf } from '../remote';

export const exportCommand: Command = {
  name: 'export',
  summary: 'one case as a self-contained audit file (JSON, with proofs) or printable HTML',
  help: `usage: docket export <caseNo> [--out <file>] [--html] [--no-proofs] [--url <base> [--token <jwt>]]

审计文件: the case's every event with its envelope, data, canonical record and chain hashes
(format docket-case-audit/1), so that anyone can recompute every link. When the data directory holds
signed checkpoints (<data-dir>/checkpoints), the file also carries Merkle inclusion proofs of its events
against the latest one, and that signed checkpoint (field "proofs"): an outside party holding the centre's
public key can then check the file alone. The export holds personal data in full (masking would break
the hashes): hand it only to those entitled to see it. Personal values are sealed in the ledger
(the personal-data vault): the file shows them opened, or 〔已删除〕 once erased, with each value's own
key, which proves what is shown and opens nothing else.

  --out <file>  write there (default: stdout)
  --html        the printable timeline (办件过程记录) instead of the JSON
  --no-proofs   leave out the checkpoint proofs (not with --url)
${REMOTE_HELP}                (GET <base>/api/audit/cases/<caseNo>/export[?format=html]: proofs against the
                deployment's newest checkpoint; personal data as the token's holder may see it)

exit code: 0, 1 no events for that case, 2 a usage error
`,
  options: {
    out: { type: 'string' },
    html: { type: 'boolean' },
    'no-proofs': { type: 'boolean' },
    ...REMOTE_OPTIONS,
  },
  maxPositionals: 1,
  async run({ values, positionals, layout }, io) {
    const caseNo = positionals[0];
    if (caseNo === undefined) throw new UsageError('which case? docket export <caseNo>');
    const remote = remoteOf(values, io);
    if (remote !== undefined) {
      if (values['no-proofs'] === true) throw new UsageError('--no-proofs is not available with --url');
      return remoteExport(remote, caseNo, values.html === true, stringOption(values.out), io);
    }
    const ledger = openReadableLedger(layout);
    try {
      // The operator's export shows personal data in full: with each sealed value's own key as proof.
      const vault = vaultOf(ledger);
      const exported = await exportCase(
        ledger,
        caseNo,
        vault === undefined ? {} : { valueKeys: (e) => valueKeysOf(vault, e) },
      );
      if (exported.events.length === 0) {
        io.err(`no events for case ${caseNo}\n`);
        return 1;
      }
      const checkpoint =
        values['no-proofs'] === true || !existsSync(layout.checkpointDir)
          ? undefined
          : latestCheckpoint(layout.checkpointDir);
      const file =
        checkpoint === undefined
          ? exported
          : { ...exported, proofs: await caseExportProofs(ledger, exported.events, checkpoint) };
      const text = values.html === true ? renderCaseTimelineHtml(file) : `${toJson(file)}\n`;
      const out = stringOption(values.out);
      if (out === undefined) io.out(text);
      else {
        writeFileSync(out, text);
        io.err(
          `case ${caseNo}: ${exported.events.length} events → ${out}` +
            (checkpoint === undefined
              ? ' (no checkpoint: no inclusion proofs)\n'
              : ` (inclusion proofs against checkpoint ${checkpoint.size})\n`),
        );
      }
      return 0;
    } finally {
      await ledger.close();
    }
  },
};

/** The deployment's export of the case, written as the local mode writes its own. */
async function remoteExport(
  remote: Remote,
  caseNo: string,
  html: boolean,
  out: string | undefined,
  io: Io,
): Promise<number> {
  const path = `/api/audit/cases/${encodeURIComponent(caseNo)}/export?format=${html ? 'html' : 'json'}`;
  const body = await callApi(remote, 'GET', path, undefined, html ? 'text/html' : 'application/json');
  let text = body;
  let counted = '';
  let proofs = '\n';
  if (!html) {
    const file = JSON.parse(body) as { events?: unknown[]; proofs?: { checkpoint?: { size?: unknown } } };
    text = `${toJson(file)}\n`;
    counted = `: ${file.events?.length ?? 0} events`;
    proofs =
      file.proofs?.checkpoint === undefined
        ? ' (no checkpoint: no inclusion proofs)\n'
        : ` (inclusion proofs against checkpoint ${String(file.proofs.checkpoint.size)})\n`;
  }
  if (out === undefined) io.out(text);
  else {
    writeFileSync(out, text);
    io.err(`case ${caseNo}${counted} → ${out}${proofs}`);
  }
  return 0;
}
