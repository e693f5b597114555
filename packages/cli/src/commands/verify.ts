import { type Command, positionOption } from '../command';
import { type DataDirLayout, openExistingLedger } from '../data-dir';
import { LEDGER_FILE_EXIT_CODE, ledgerFileError } from '../ledger-file';
import { fmtInt, toJson } from '../output';
import { callApiJson, REMOTE_HELP, REMOTE_OPTIONS, remoteOf } from '../remote';

type VerifyResult = (
  | { ok: true; count: number; headPosition?: bigint | string | null; headHash: string }
  | { ok: false; count: number; position: bigint | string; reason: string }
) & {
  /** The chain's hash, as the ledger's head records it (a local ledger file; not in a remote answer). */
  hashAlgorithm?: string;
};

async function verifyLedgerFile(
  layout: DataDirLayout,
  bounds: { from?: bigint; to?: bigint },
): Promise<VerifyResult> {
  const ledger = openExistingLedger(layout);
  try {
    // Checked with the hash the ledger's head records (SHA-256, or SM3 for 国密), never DOCKET_CRYPTO.
    return { ...(await ledger.verify(bounds)), hashAlgorithm: ledger.hashAlgorithm };
  } finally {
    await ledger.close();
  }
}

const HASH_NAMES: Record<string, string> = { sha256: 'SHA-256', sm3: 'SM3 (国密)' };

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'walk the hash chain: counts and head, or the first broken position',
  help: `usage: docket verify [--from N] [--to N] [--json] [--url <base> [--token <jwt>]]

Walks the ledger's hash chain (every event's hash from its predecessor's), checks that positions run
without gaps and that every stream's revisions are contiguous, and the head record. Prints the count,
the head position and hash; or the first broken position and what is wrong there. The hash is the one
the ledger's head records: SHA-256, or SM3 for a ledger created with DOCKET_CRYPTO=gm (国密).

  --from N   start at position N (inclusive; the chain is taken up from the event before it)
  --to N     stop at position N (inclusive)
  --json     the result as JSON
${REMOTE_HELP}                (POST <base>/api/audit/verify: the deployment walks its own ledger)

With --json, a ledger file that cannot be read is {"ok": false, "error": {"code", "message"}}, the code
one of ledger-missing, ledger-unreadable, not-a-database, not-a-ledger, ledger-too-new, ledger-damaged.

exit code: 0 the chain is intact, 1 it is broken, 2 a usage error, 3 the ledger file cannot be read
`,
  options: {
    from: { type: 'string' },
    to: { type: 'string' },
    json: { type: 'boolean' },
    ...REMOTE_OPTIONS,
  },
  async run({ values, layout }, io) {
    const from = positionOption(values.from, 'from');
    const to = positionOption(values.to, 'to');
    const bounds = { ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) };
    const remote = remoteOf(values, io);
    const started = performance.now();
    let result: VerifyResult;
    if (remote !== undefined) {
      const body = Object.fromEntries(Object.entries(bounds).map(([k, v]) => [k, v.toString()]));
      result = await callApiJson<VerifyResult>(remote, 'POST', '/api/audit/verify', body);
    } else {
      try {
        result = await verifyLedgerFile(layout, bounds);
      } catch (error) {
        const file = ledgerFileError(error, layout.ledger);
        if (file === undefined || values.json !== true) throw error;
        io.out(`${toJson({ ok: false, error: { code: file.code, message: file.message } })}\n`);
        return LEDGER_FILE_EXIT_CODE;
      }
    }
    const seconds = (performance.now() - started) / 1000;
    if (values.json === true) {
      io.out(`${toJson({ ...result, seconds })}\n`);
      return result.ok ? 0 : 1;
    }
    const range = from === undefined && to === undefined ? '' : ` (range ${from ?? 1}..${to ?? 'head'})`;
    if (result.ok) {
      io.out(
        `ok: ${fmtInt(result.count)} events verified${range} in ${seconds.toFixed(2)} s\n` +
          `head position: ${result.headPosition ?? '(empty ledger)'}\n` +
          `head hash:     ${result.headHash}\n` +
          (result.hashAlgorithm === undefined
            ? ''
            : `chain hash:    ${HASH_NAMES[result.hashAlgorithm] ?? result.hashAlgorithm}\n`),
      );
      return 0;
    }
    io.out(
      `BROKEN at position ${result.position}: ${result.reason}\n` +
        `${fmtInt(result.count)} events verified before it${range}\n`,
    );
    return 1;
  },
};
