import { type Command, positionOption } from '../command';
import { openExistingLedger } from '../data-dir';
import { fmtInt, toJson } from '../output';
import { callApiJson, REMOTE_HELP, REMOTE_OPTIONS, remoteOf } from '../remote';

type VerifyResult =
  | { ok: true; count: number; headPosition?: bigint | string | null; headHash: string }
  | { ok: false; count: number; position: bigint | string; reason: string };

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'walk the hash chain: counts and head, or the first broken position',
  help: `usage: docket verify [--from N] [--to N] [--json] [--url <base> [--token <jwt>]]

Walks the ledger's hash chain (every event's hash from its predecessor's), checks that positions run
without gaps and that every stream's revisions are contiguous, and the head record. Prints the count,
the head position and hash; or the first broken position and what is wrong there.

  --from N   start at position N (inclusive; the chain is taken up from the event before it)
  --to N     stop at position N (inclusive)
  --json     the result as JSON
${REMOTE_HELP}                (POST <base>/api/audit/verify: the deployment walks its own ledger)

exit code: 0 the chain is intact, 1 it is broken, 2 a usage error
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
      const ledger = openExistingLedger(layout);
      try {
        result = await ledger.verify(bounds);
      } finally {
        await ledger.close();
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
          `head hash:     ${result.headHash}\n`,
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
