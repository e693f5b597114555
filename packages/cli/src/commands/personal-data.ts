import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { type Actor, ErasureLegalBasis } from '@docket/domain';
import type { EventStore } from '@docket/event-store';
import {
  erasePersonalData,
  ledgerErasureRunner,
  openExistingDataDirVault,
  type PersonalDataVault,
  retentionDue,
  type SubjectIdentity,
  scanRetention,
  sealedFieldsOf,
  sealedLedger,
  sweepRetention,
} from '@docket/personal-data';
import { fileClock, systemClock } from '@docket/service-kit';
import { type Command, stringOption } from '../command';
import { type DataDirLayout, openExistingLedger, UsageError } from '../data-dir';
import { heldByAnotherConnection } from '../lock';
import type { Io } from '../output';
import { renderTable } from '../output';
import { READ_MODEL_SERVICES } from '../rebuild';
import { rebuildCommand } from './rebuild';

export const personalDataCommand: Command = {
  name: 'personal-data',
  summary: 'erase a data subject’s personal data (PIPL Art. 47), or list the subjects of a case',
  help: `usage: docket personal-data erase <who>... --legal-basis <basis> --reason <text> [--by <name>]
       docket personal-data subjects <caseNo>
       docket personal-data retention [--as-of <instant>] [--apply [--by <name>]]

删除个人信息 (PIPL Art. 47). The ledger holds every personal value sealed with a key of its data
subject, kept in the data directory's personal-data vault ($DOCKET_PERSONAL_DATA_KEY_DIR, else
$XDG_CONFIG_HOME/docket/personal-data), never in the ledger. Erasing a subject records the order
(PersonalDataErasureOrdered), destroys the subject's keys, and records that (PersonalDataErased): from
then on every read of the ledger, its copies and backups gives 〔已删除〕 for those values, while the hash
chain and the signed checkpoints verify as before. Then the read models are rebuilt: here, when docket is
stopped; by the running docket itself when it is not.

  erase             the subjects named, one erasure each:
    --id <type>:<number>   an ID document (resident_id:11010519491231002X; the types are the
                           applicant's: resident_id, passport, unified_social_credit_code, …)
    --user <userId>        an account (an applicant who signed in, a complainant with an account)
    --contact <name>:<phone>  the name and phone a complaint was taken down with
    --subject <ref>        a reference as \`subjects\` lists it (person-…, user-…, contact-…, stream-…)
    --legal-basis <basis>  ${ErasureLegalBasis.options.join(', ')}
    --reason <text>        why (recorded): the request's reference or the provision; no personal data
    --by <name>            who orders it (recorded; default the operating-system user)
  subjects <caseNo> the subjects whose sealed values the case's events hold, by reference, with the
                    fields and whether their key still exists
  retention         the subjects whose every case is closed and past its item's retention period
                    (保存期限, default 定期30年; PIPL Art. 47 para. 1 item 2), with the cases; the running
                    audit service erases them itself every DOCKET_RETENTION_SWEEP_MS
    --as-of <instant>   as of this moment (ISO-8601; default now): who will be due then
    --apply             erase them now (basis retention_ended, the reason naming the cases); not with --as-of

exit code: 0, 1 nothing sealed in this data directory / no such case, 2 a usage error
`,
  options: {
    id: { type: 'string', multiple: true },
    user: { type: 'string', multiple: true },
    contact: { type: 'string', multiple: true },
    subject: { type: 'string', multiple: true },
    'legal-basis': { type: 'string' },
    reason: { type: 'string' },
    by: { type: 'string' },
    'as-of': { type: 'string' },
    apply: { type: 'boolean' },
  },
  maxPositionals: 2,
  async run(parsed, io) {
    const [action, caseNo] = parsed.positionals;
    if (action === 'erase') {
      if (caseNo !== undefined) throw new UsageError(`erase takes no argument ${JSON.stringify(caseNo)}`);
      return erase(parsed.values, parsed.layout, io);
    }
    if (action === 'subjects') {
      if (caseNo === undefined) throw new UsageError('which case? docket personal-data subjects <caseNo>');
      return subjects(caseNo, parsed.layout, io);
    }
    if (action === 'retention') {
      if (caseNo !== undefined) throw new UsageError(`retention takes no argument ${JSON.stringify(caseNo)}`);
      return retention(parsed.values, parsed.layout, io);
    }
    throw new UsageError('erase, subjects or retention? (docket personal-data --help)');
  },
};

type Values = Record<string, unknown>;
const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

/** The identities named on the command line. */
function identitiesOf(values: Values): (SubjectIdentity | { ref: string })[] {
  const split = (text: string, option: string): [string, string] => {
    const at = text.lastIndexOf(':');
    if (at <= 0 || at === text.length - 1)
      throw new UsageError(`--${option} ${JSON.stringify(text)}: expected a:b`);
    return [text.slice(0, at).trim(), text.slice(at + 1).trim()];
  };
  return [
    ...list(values.id).map((text) => {
      const [idType, idNumber] = split(text, 'id');
      return { kind: 'person' as const, idType, idNumber };
    }),
    ...list(values.user).map((userId) => ({ kind: 'user' as const, userId })),
    ...list(values.contact).map((text) => {
      const [name, phone] = split(text, 'contact');
      return { kind: 'contact' as const, name, phone };
    }),
    ...list(values.subject).map((ref) => ({ ref })),
  ];
}

async function erase(values: Values, layout: DataDirLayout, io: Io): Promise<number> {
  const who = identitiesOf(values);
  if (who.length === 0) throw new UsageError('whose? --id, --user, --contact or --subject');
  const basis = ErasureLegalBasis.safeParse(stringOption(values['legal-basis'] as string | undefined));
  if (!basis.success) throw new UsageError(`--legal-basis: one of ${ErasureLegalBasis.options.join(', ')}`);
  const reason = stringOption(values.reason as string | undefined);
  if (reason === undefined || reason.trim() === '')
    throw new UsageError('--reason: why, in words (it is recorded)');
  return withSealedLedger(layout, io, async (ledger, vault) => {
    // Whoever may write the data directory and its key directory acts as the centre's administrator here.
    const run = ledgerErasureRunner(ledger, operator(values), () => new Date().toISOString());
    for (const identity of who) {
      const subject = 'ref' in identity ? identity.ref : vault.subjectRef(identity);
      const outcome = await erasePersonalData(vault, { subject, legalBasis: basis.data, reason }, run);
      io.out(
        `erased ${subject}: ${outcome.keysDestroyed} key${outcome.keysDestroyed === 1 ? '' : 's'} destroyed` +
          ` (PersonalDataErased at position ${outcome.position ?? '?'})` +
          (outcome.purged
            ? '\n'
            : '; the vault is still open elsewhere: its log is emptied when that closes\n'),
      );
    }
    return 'erased';
  });
}

/**
 * Runs `work` on the data directory's ledger read through its personal-data vault, then closes both; 1 when
 * nothing is sealed there. Work that erased has the read models rebuilt (`rebuildAfterErasure`).
 */
async function withSealedLedger(
  layout: DataDirLayout,
  io: Io,
  work: (ledger: EventStore, vault: PersonalDataVault) => Promise<number | 'erased'>,
): Promise<number> {
  const stored = openExistingLedger(layout);
  let vault: PersonalDataVault | undefined;
  let outcome: number | 'erased';
  try {
    vault = openExistingDataDirVault(layout.dataDir);
    if (vault === undefined) {
      io.err(`no personal data is sealed in ${layout.dataDir} (it has no personal-data vault)\n`);
      return 1;
    }
    outcome = await work(sealedLedger(stored, vault), vault);
  } finally {
    await stored.close();
    vault?.close();
  }
  return outcome === 'erased' ? rebuildAfterErasure(layout, io) : outcome;
}

/** The read models still hold the values they were built with: rebuilt here when docket is stopped. */
async function rebuildAfterErasure(layout: DataDirLayout, io: Io): Promise<number> {
  const files = [layout.ledger, ...READ_MODEL_SERVICES.map((s) => layout.readModel(s))];
  if (files.some(heldByAnotherConnection)) {
    io.out('docket is running on this data directory: its services rebuild their read models now\n');
    return 0;
  }
  // Stopped: the read models still hold the values they were built with. Rebuilt into fresh files that
  // replace them (the old ones, with their logs, are removed).
  return rebuildCommand.run({ values: {}, positionals: [], layout }, io);
}

/**
 * Now as docket on this data directory sees it: a development data directory's domain time may have been
 * moved forward (`domain-time.json`, written by the running docket); the wall clock otherwise.
 */
function domainNow(layout: DataDirLayout): string {
  const moved = join(layout.dataDir, 'domain-time.json');
  const zone = process.env.DOCKET_TIME_ZONE?.trim() || 'Asia/Shanghai';
  return (existsSync(moved) ? fileClock(zone, moved) : systemClock(zone)).now();
}

const operator = (values: Values): Actor => ({
  id: `operator:${userInfo().username}`,
  name: stringOption(values.by as string | undefined) ?? userInfo().username,
  roles: ['admin'],
});

async function retention(values: Values, layout: DataDirLayout, io: Io): Promise<number> {
  const asOf = stringOption(values['as-of'] as string | undefined);
  if (asOf !== undefined && Number.isNaN(Date.parse(asOf)))
    throw new UsageError(
      `--as-of ${JSON.stringify(asOf)}: an ISO-8601 instant, e.g. 2057-01-01T00:00:00+08:00`,
    );
  if (asOf !== undefined && values.apply === true)
    throw new UsageError('--apply erases as of now: leave out --as-of');
  const now = asOf ?? domainNow(layout);
  return withSealedLedger(layout, io, async (ledger, vault) => {
    if (values.apply === true) {
      const run = ledgerErasureRunner(ledger, operator(values), () => now);
      const sweep = await sweepRetention({ ledger, vault, now, run });
      for (const erased of sweep.erased)
        io.out(
          `erased ${erased.subject}: ${erased.keysDestroyed} key(s) destroyed (position ${erased.position ?? '?'})\n`,
        );
      for (const subject of sweep.cameBack) io.out(`kept ${subject}: a new case names them\n`);
      if (sweep.erased.length === 0) {
        io.out(`no personal data is due for erasure (${sweep.scanned} events read)\n`);
        return 0;
      }
    } else {
      const scan = await scanRetention(ledger, vault);
      const due = retentionDue(scan, now);
      if (due.length === 0) {
        io.out(`no personal data is due for erasure as of ${now} (${scan.events} events read)\n`);
        return 0;
      }
      io.out(
        renderTable(
          ['subject', 'kept until', 'cases'],
          due.map((d) => [
            d.subject,
            d.keptUntil,
            d.cases.map((c) => `${c.caseNo} (${c.itemCode})`).join(', '),
          ]),
        ),
      );
      io.out(`${due.length} subject(s) due as of ${now}; --apply erases them\n`);
      return 0;
    }
    return 'erased';
  });
}

async function subjects(caseNo: string, layout: DataDirLayout, io: Io): Promise<number> {
  const stored = openExistingLedger(layout);
  let vault: PersonalDataVault | undefined;
  try {
    vault = openExistingDataDirVault(layout.dataDir);
    const events = await stored.readCorrelated(caseNo);
    if (events.length === 0) {
      io.err(`no events for case ${caseNo}\n`);
      return 1;
    }
    const found = new Map<string, { subject: string; fields: Set<string>; kept: boolean }>();
    for (const event of events)
      for (const field of sealedFieldsOf(event)) {
        const subject = vault?.subjectOfKey(field.keyId);
        const key = subject ?? `(erased key ${field.keyId.slice(0, 8)}…)`;
        const entry = found.get(key) ?? {
          subject: key,
          fields: new Set<string>(),
          kept: subject !== undefined,
        };
        entry.fields.add(`${event.type} ${field.path}`);
        found.set(key, entry);
      }
    if (found.size === 0) {
      io.out(`case ${caseNo}: nothing sealed\n`);
      return 0;
    }
    io.out(
      renderTable(
        ['subject', 'key', 'fields'],
        [...found.values()].map((e) => [e.subject, e.kept ? 'kept' : 'destroyed', [...e.fields].join(', ')]),
      ),
    );
    return 0;
  } finally {
    await stored.close();
    vault?.close();
  }
}
