import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  CheckpointError,
  type CheckpointVerification,
  type CheckpointWitness,
  LedgerDisagreesWithCheckpoints,
  loadTrustedKeys,
  parseWitnesses,
  readCheckpoints,
  readWitnessCheckpoints,
  signCheckpoint,
  verifyAgainstWitness,
  verifyCheckpointDirectory,
  verifyCheckpointFile,
  WITNESS_VARIABLE,
  WitnessCourier,
} from '@docket/audit';
import { type Command, type Parsed, stringOption } from '../command';
import { DEFAULT_LEDGER_ID, openExistingLedger, UsageError } from '../data-dir';
import { type Io, toJson } from '../output';
import { key, moveKey, warnIfKeyInsideDataDir } from './checkpoint-key';

export const checkpointCommand: Command = {
  name: 'checkpoint',
  summary: 'signed checkpoints of the chain head: key, move-key, sign, verify [file] [--witness]',
  help: `usage: docket checkpoint key [--rotate] [--key-dir <dir>]
       docket checkpoint move-key [--to <dir>]
       docket checkpoint sign [--ledger-id <name>] [--force] [--witness <w>]
       docket checkpoint verify [<file>] [--witness dir:<path>]

Signed checkpoints (Ed25519) fix what the ledger held at one moment, so that a truncated or rewritten
history fails against them later. Files:
  <data-dir>/checkpoints/<size>.json         one signed checkpoint per file
  <data-dir>/checkpoints/leaves.bin          the leaf archive (names the first rewritten position)
  <key-dir>/checkpoint-key.pem               the signing key (PKCS8, mode 0600)
  <key-dir>/checkpoint-key.pub.pem           its public key: hand it to outside parties
  <key-dir>/keys/<keyId>.pub.pem             every public key the centre signed with: the trusted set
<key-dir> is --key-dir, else $DOCKET_CHECKPOINT_KEY_DIR, else $XDG_CONFIG_HOME/docket/keys
(~/.config/docket/keys): outside the data directory, so that whoever can write the data directory
cannot sign a rewritten ledger. A data directory that still holds its key in <data-dir>/keys keeps
working, with a warning: move-key takes the key out. $DOCKET_CHECKPOINT_DIR moves the checkpoints.

A witness keeps a copy of each checkpoint off this machine as it is signed ($DOCKET_CHECKPOINT_WITNESS,
comma separated): dir:<path> (a directory on other storage: the checkpoints and their leaves) or an
http(s):// URL (each checkpoint POSTed as JSON). Whoever holds the data directory, even the key, can
rewrite the ledger and sign it again; the witness's earlier copies still show the history as it was.

  key             generate the signing key; refuses when one exists
    --rotate      replace it: the old private key is gone, its public key stays trusted in keys/
  move-key        move the key out of the data directory into the default key directory
    --to <dir>    or into this one (then set $DOCKET_CHECKPOINT_KEY_DIR to it)
  sign            check the ledger against every checkpoint so far, then sign its head
    --ledger-id   the centre's name in a first checkpoint (default $DOCKET_LEDGER_ID, else docket);
                  later ones take it from the existing checkpoints
    --force       sign even if the newest checkpoint already covers the head (after a rotation)
                  (sign walks the whole chain first, and refuses if it is broken)
    --witness <w> ship to these witnesses (default $DOCKET_CHECKPOINT_WITNESS), and also what they
                  did not take before
  verify [file]   the ledger against every checkpoint in the folder, or against one checkpoint file
    --witness dir:<path>  against every copy the witness directory holds, with its leaves
  --key-dir <dir> where the keys are (for verify: whose keys/ folder is trusted)
  --json          the result as JSON

exit code: 0; 1 the ledger disagrees with a checkpoint (or nothing to verify, or a key to move or make
is refused), or a witness did not take a checkpoint (it is signed and kept here, and shipped again
at the next sign); 2 a usage error
`,
  options: {
    rotate: { type: 'boolean' },
    force: { type: 'boolean' },
    'ledger-id': { type: 'string' },
    'key-dir': { type: 'string' },
    to: { type: 'string' },
    witness: { type: 'string' },
    json: { type: 'boolean' },
  },
  maxPositionals: 2,
  async run(parsed, io) {
    const [action, file] = parsed.positionals;
    if (action !== 'verify' && file !== undefined)
      throw new UsageError(`unexpected argument ${JSON.stringify(file)} (docket checkpoint --help)`);
    if (parsed.values.to !== undefined && action !== 'move-key')
      throw new UsageError('--to is for move-key (docket checkpoint --help)');
    switch (action) {
      case 'key':
        return key(parsed, io);
      case 'move-key':
        return moveKey(parsed, io);
      case 'sign':
        return sign(parsed, io);
      case 'verify':
        return verify(parsed, io, file);
      default:
        throw new UsageError(
          action === undefined
            ? 'docket checkpoint key|move-key|sign|verify (docket checkpoint --help)'
            : `unknown action ${JSON.stringify(action)}: key, move-key, sign or verify`,
        );
    }
  },
};

function witnessesOf(spec: string | undefined): CheckpointWitness[] {
  try {
    return parseWitnesses(spec);
  } catch (error) {
    if (error instanceof CheckpointError) throw new UsageError(error.message);
    throw error;
  }
}

async function sign(parsed: Parsed, io: Io): Promise<number> {
  const { values, layout } = parsed;
  const witnesses = witnessesOf(stringOption(values.witness) ?? io.env[WITNESS_VARIABLE]);
  // Later checkpoints take the name from the earlier ones; a name given here must agree with them.
  const first = !existsSync(layout.checkpointDir) || readCheckpoints(layout.checkpointDir).length === 0;
  const ledgerId =
    stringOption(values['ledger-id']) ?? (io.env.DOCKET_LEDGER_ID || (first ? DEFAULT_LEDGER_ID : undefined));
  const ledger = openExistingLedger(layout);
  warnIfKeyInsideDataDir(layout, io);
  // Made before signing: it queues what the witnesses did not take at an earlier sign.
  const delivered: string[] = [];
  const courier =
    witnesses.length === 0
      ? undefined
      : new WitnessCourier({
          witnesses,
          checkpointDir: layout.checkpointDir,
          onDelivered: (witness, checkpoint) =>
            delivered.push(`witness ${witness}: delivered checkpoint ${checkpoint.size}\n`),
        });
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
      ...(courier === undefined ? {} : { courier }),
      force: values.force === true,
    });
    const c = result.checkpoint;
    const shipped = (await courier?.flush()) ?? [];
    if (values.json === true) io.out(`${toJson({ ...result, witnesses: shipped })}\n`);
    else if (result.signed)
      io.out(
        `signed checkpoint ${c.size} (${c.ledgerId}, key ${c.keyId})\n` +
          `  head hash  ${c.headHash}\n  tree root  ${c.treeRoot}\n  file       ${result.path}\n`,
      );
    else io.out(`nothing to sign: checkpoint ${c.size} already covers the head\n`);
    if (values.json !== true) io.out(delivered.join(''));
    let failed = false;
    for (const witness of shipped) {
      if (witness.pending.length === 0) continue;
      failed = true;
      io.err(
        `witness ${witness.witness}: checkpoint ${witness.pending.join(', ')} not delivered: ${witness.lastError}` +
          ' (kept here; the next sign ships it again)\n',
      );
    }
    return failed ? 1 : 0;
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
    await courier?.stop();
    await ledger.close();
  }
}

async function verify({ values, layout }: Parsed, io: Io, file: string | undefined): Promise<number> {
  const witnesses = witnessesOf(stringOption(values.witness));
  const witness = witnesses[0];
  if (witnesses.length > 1 || (witness !== undefined && !witness.name.startsWith('dir:')))
    throw new UsageError('verify --witness takes one witness directory (dir:<path>)');
  if (witness !== undefined && file !== undefined)
    throw new UsageError('verify takes a checkpoint file or --witness, not both');
  if (file !== undefined && !existsSync(file)) throw new UsageError(`no checkpoint file ${file}`);
  const witnessDir = witness?.name.slice('dir:'.length);
  if (witnessDir !== undefined && readWitnessCheckpoints(witnessDir).length === 0) {
    io.err(`no checkpoints at witness ${witness!.name}\n`);
    return 1;
  }
  if (
    file === undefined &&
    witnessDir === undefined &&
    (!existsSync(layout.checkpointDir) || readCheckpoints(layout.checkpointDir).length === 0)
  ) {
    io.err(`no checkpoints in ${layout.checkpointDir} (docket checkpoint sign makes one)\n`);
    return 1;
  }
  const ledger = openExistingLedger(layout);
  try {
    const result =
      witnessDir !== undefined
        ? await verifyAgainstWitness(ledger, witnessDir, loadTrustedKeys(layout.keyDir))
        : file === undefined
          ? await verifyCheckpointDirectory(ledger, layout.checkpointDir, layout.keyDir)
          : await verifyCheckpointFile(ledger, file, layout.keyDir);
    if (values.json === true) io.out(`${toJson(result)}\n`);
    else printVerification(result, io, 'out');
    // Trust comes from the key directory, not from the data directory under examination.
    if (!result.ok && result.problem === 'untrusted-key' && values.json !== true)
      io.out(`  trusted keys: ${join(layout.keyDir, 'keys')} (--key-dir names another key directory)\n`);
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
