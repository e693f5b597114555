import { existsSync } from 'node:fs';
import {
  CheckpointError,
  type CheckpointVerification,
  generateCheckpointKey,
  LedgerDisagreesWithCheckpoints,
  readCheckpoints,
  signCheckpoint,
  verifyCheckpointDirectory,
  verifyCheckpointFile,
} from '@docket/audit';
import { type Command, type Parsed, stringOption } from '../command';
import { DEFAULT_LEDGER_ID, openExistingLedger, UsageError } from '../data-dir';
import type { Io } from '../output';

export const checkpointCommand: Command = {
  name: 'checkpoint',
  summary: 'signed checkpoints of the chain head: key [--rotate], sign, verify [file]',
  help: `usage: docket checkpoint key [--rotate]
       docket checkpoint sign [--ledger-id <name>] [--force]
       docket checkpoint verify [<file>]

Signed checkpoints (Ed25519) fix what the ledger held at one moment, so that a truncated or rewritten
history fails against them later. Files (under the data directory unless moved):
  <data-dir>/checkpoints/<size>.json         one signed checkpoint per file
  <data-dir>/checkpoints/leaves.bin          the leaf archive (names the first rewritten position)
  <key-dir>/checkpoint-key.pem               the signing key (PKCS8, mode 0600)
  <key-dir>/checkpoint-key.pub.pem           its public key
  <key-dir>/keys/<keyId>.pub.pem             every public key the centre signed with: the trusted set
<key-dir> is <data-dir>/keys, or $DOCKET_CHECKPOINT_KEY_DIR, or --key-dir; the checkpoints folder moves with
$DOCKET_CHECKPOINT_DIR (the same names as the audit service's).

  key             generate the signing key; refuses when one exists
    --rotate      replace it: the old private key is gone, its public key stays trusted in keys/
  sign            check the ledger against every checkpoint so far, then sign its head
    --ledger-id   the centre's name in a first checkpoint (default $DOCKET_LEDGER_ID, else docket);
                  later ones take it from the existing checkpoints
    --force       sign even if the newest checkpoint already covers the head (after a rotation)
                  (sign walks the whole chain first, and refuses if it is broken)
  verify [file]   the ledger against every checkpoint in the folder, or against one checkpoint file
  --key-dir <dir> where the keys are (for verify: whose keys/ folder is trusted)
  --json          the result as JSON

exit code: 0, 1 the ledger disagrees with a checkpoint (or nothing to verify), 2 a usage error
`,
  options: {
    rotate: { type: 'boolean' },
    force: { type: 'boolean' },
    'ledger-id': { type: 'string' },
    'key-dir': { type: 'string' },
    json: { type: 'boolean' },
  },
  maxPositionals: 2,
  async run(parsed, io) {
    const [action, file] = parsed.positionals;
    if (action !== 'verify' && file !== undefined)
      throw new UsageError(`unexpected argument ${JSON.stringify(file)} (docket checkpoint --help)`);
    switch (action) {
      case 'key':
        return key(parsed, io);
      case 'sign':
        return sign(parsed, io);
      case 'verify':
        return verify(parsed, io, file);
      default:
        throw new UsageError(
          action === undefined
            ? 'docket checkpoint key|sign|verify (docket checkpoint --help)'
            : `unknown action ${JSON.stringify(action)}: key, sign or verify`,
        );
    }
  },
};

function key({ values, layout }: Parsed, io: Io): number {
  try {
    const files = generateCheckpointKey(layout.keyDir, { rotate: values.rotate === true });
    io.out(
      `${values.rotate === true ? 'rotated: new' : 'new'} checkpoint key ${files.keyId}\n` +
        `  private key  ${files.privateKeyPath}\n` +
        `  public key   ${files.publicKeyPath}\n` +
        `  trusted as   ${files.trustedKeyPath}\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof CheckpointError) {
      io.err(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

async function sign({ values, layout }: Parsed, io: Io): Promise<number> {
  // Later checkpoints take the name from the earlier ones; a name given here must agree with them.
  const first = !existsSync(layout.checkpointDir) || readCheckpoints(layout.checkpointDir).length === 0;
  const ledgerId =
    stringOption(values['ledger-id']) ?? (io.env.DOCKET_LEDGER_ID || (first ? DEFAULT_LEDGER_ID : undefined));
  const ledger = openExistingLedger(layout);
  try {
    // The signer checks the ledger's leaves against earlier checkpoints and walks the chain of the events
    // since the last one; an edit inside the signed part that left the stored hashes alone shows only in
    // a walk of the whole chain. Nothing is signed over a broken chain.
    const chain = await ledger.verify();
    if (!chain.ok) {
      io.err(`refused to sign: the chain is broken at position ${chain.position}: ${chain.reason}\n`);
      return 1;
    }
    const result = await signCheckpoint(ledger, layout.keyDir, layout.checkpointDir, {
      ...(ledgerId === undefined ? {} : { ledgerId }),
      force: values.force === true,
    });
    const c = result.checkpoint;
    if (values.json === true) io.out(`${JSON.stringify({ ...result }, null, 2)}\n`);
    else if (result.signed)
      io.out(
        `signed checkpoint ${c.size} (${c.ledgerId}, key ${c.keyId})\n` +
          `  head hash  ${c.headHash}\n  tree root  ${c.treeRoot}\n  file       ${result.path}\n`,
      );
    else io.out(`nothing to sign: checkpoint ${c.size} already covers the head\n`);
    return 0;
  } catch (error) {
    if (error instanceof LedgerDisagreesWithCheckpoints) {
      io.err(`refused to sign: ${error.message}\n`);
      printVerification(error.verification, io, 'err');
      return 1;
    }
    if (error instanceof CheckpointError) {
      io.err(`${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await ledger.close();
  }
}

async function verify({ values, layout }: Parsed, io: Io, file: string | undefined): Promise<number> {
  if (file !== undefined && !existsSync(file)) throw new UsageError(`no checkpoint file ${file}`);
  if (
    file === undefined &&
    (!existsSync(layout.checkpointDir) || readCheckpoints(layout.checkpointDir).length === 0)
  ) {
    io.err(`no checkpoints in ${layout.checkpointDir} (docket checkpoint sign makes one)\n`);
    return 1;
  }
  const ledger = openExistingLedger(layout);
  try {
    const result =
      file === undefined
        ? await verifyCheckpointDirectory(ledger, layout.checkpointDir, layout.keyDir)
        : await verifyCheckpointFile(ledger, file, layout.keyDir);
    if (values.json === true)
      io.out(`${JSON.stringify(result, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`);
    else printVerification(result, io, 'out');
    return result.ok ? 0 : 1;
  } finally {
    await ledger.close();
  }
}

function printVerification(result: CheckpointVerification, io: Io, to: 'out' | 'err'): void {
  const write = to === 'out' ? io.out : io.err;
  if (result.ok) {
    write(
      `ok: the ledger agrees with ${result.checkpoints} checkpoint${result.checkpoints === 1 ? '' : 's'}, ` +
        `the latest of size ${result.size}\n  head hash  ${result.headHash}\n  tree root  ${result.treeRoot}\n`,
    );
    return;
  }
  const where =
    result.position !== undefined
      ? ` at position ${result.position}`
      : result.within !== undefined
        ? ` within positions ${result.within.from}..${result.within.to}`
        : '';
  write(`FAILED against checkpoint ${result.checkpoint}: ${result.problem}${where}: ${result.reason}\n`);
}
