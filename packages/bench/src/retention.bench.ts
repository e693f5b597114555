/**
 * Retention benchmark (npm run bench): the daily 保存期限 sweep (PIPL Art. 47 para. 1 item 2) over a
 * sealed SQLite ledger of BENCH_RETENTION_CASES (100,000) application cases: (a) the baseline, a bare
 * readAll pass over the ledger as stored (no values opened), in pages of 2,000 as the scan reads; (b)
 * `scanRetention` (the one pass that finds each case's item period, closing and subjects); (c)
 * `retentionDue` on that scan; (d) `sweepRetention` erasing the subjects due, as the system
 * (`ledgerErasureRunner`, `systemActor('audit')`, as `docket personal-data sweep` does).
 *
 * The ledger: each case a stream `application-<caseNo>` with ApplicationSubmitted (a person applicant with
 * name, ID number, phone and address, which the registry seals under their own key; the item's code, and
 * for 3 of its 50 items a period of 10 years, for 1 permanent, for the rest the default 30 years),
 * FirstHandlerAssigned and ApplicationAccepted (shape only, with `at`), and for 90% of cases a closing
 * event (ResultDelivered after a DecisionRecorded, ApplicationWithdrawn or ApplicationDeclined); every
 * event carries the case number as correlationId. Submissions spread over 2000–2026, 12% of cases by a
 * person who already has one. The events are appended in the order of their time (cases interleave as in
 * a real centre), 64 appends in flight, through the sealed ledger with the ledger's durability `normal`;
 * the measures then run on the ledger reopened with its default (durable) settings.
 *
 * NOW is the sweep's day: 2027-01-04 (a case closed in 2016 or earlier with a 10-year period is past it;
 * 30 years reaches no case here). The subjects due are counted from the generated cases independently of
 * the code measured, and the scan's answer is checked against that count. (a)–(c) are medians of
 * BENCH_RETENTION_RUNS (3) runs, alternated within each run; (d) runs once, at the end, since it changes
 * the ledger. BENCH_RETENTION_CASES=5000 is a quick run; BENCH_RETENTION_SEED changes the cases.
 */
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { type Retention, systemActor } from '@docket/domain';
import { type EventStore, type NewEvent, openSqliteLedger, type SqliteEventStore } from '@docket/event-store';
import {
  type ErasureCommandRunner,
  ledgerErasureRunner,
  openVault,
  type PersonalDataVault,
  type RetentionScan,
  retentionDue,
  scanRetention,
  sealedLedger,
  sweepRetention,
} from '@docket/personal-data';
import { tempDir } from '@docket/testkit/temp-dir';
import { fmt, median, nowMs } from './stats';

const print = (text = '') => process.stdout.write(`${text}\n`);
const progress = (text: string) => process.stderr.write(`  … ${text}\n`);
const CASES = Number(process.env.BENCH_RETENTION_CASES ?? 100_000);
const RUNS = Number(process.env.BENCH_RETENTION_RUNS ?? 3);
const SEED = Number(process.env.BENCH_RETENTION_SEED ?? 20_261_208);
const IN_FLIGHT = 64;
const PAGE = 2_000;
/** The sweep's day, in the centre's zone (Asia/Shanghai, the default the sweep counts in). */
const NOW = '2027-01-04T02:00:00+08:00';
const ZONE_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(2000, 0, 1);
/** Submissions up to late November 2026, so that every closing falls before NOW. */
const LAST_DAY = Date.UTC(2026, 10, 20);
const SHARE_CLOSED = 0.9;
const SHARE_RETURNING = 0.12;

/** A small deterministic generator (mulberry32): the same seed, the same ledger and the same count due. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const rnd = random(SEED);
const pick = <T>(values: readonly T[]): T => values[Math.floor(rnd() * values.length)]!;
const between = (low: number, high: number) => low + Math.floor(rnd() * (high - low + 1));
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** A local (UTC+8) wall time, held as the UTC milliseconds of its digits, as an instant in the zone. */
const instant = (localMs: number): string => `${new Date(localMs).toISOString().slice(0, 19)}+08:00`;
const yearOf = (localMs: number): number => new Date(localMs).getUTCFullYear();

interface Item {
  code: string;
  name: string;
  department: string;
  retention?: Retention;
}
const tenYears: Retention = { kind: 'years', years: 10, basis: '本中心保管期限表 第3项：定期10年' };
const permanent: Retention = { kind: 'permanent', basis: '本中心保管期限表 第1项：永久' };
const DEPARTMENTS = ['market', 'planning', 'fire', 'health', 'transport', 'housing', 'culture', 'civil'];
/** 50 items: 3 with a 10-year period (6% of cases), 1 permanent (2%), 46 with none (the default 30 years). */
const ITEMS: Item[] = Array.from({ length: 50 }, (_, k) => ({
  code: `3101${pad(k, 2)}-ITEM-${pad(k, 3)}`,
  name: `行政许可事项${k + 1}`,
  department: DEPARTMENTS[k % DEPARTMENTS.length]!,
  ...(k < 3 ? { retention: tenYears } : k === 3 ? { retention: permanent } : {}),
}));

interface Person {
  name: string;
  idNumber: string;
  phone: string;
  address: string;
  cases: number[];
}
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉建国志红梅婷雪琳晨宇浩然子涵欣怡思远嘉怡俊杰';
const SURNAME_LIST = [...SURNAMES];
const GIVEN_LIST = [...GIVEN];
const STREETS = [
  '南京东路',
  '淮海中路',
  '四川北路',
  '复兴中路',
  '河南中路',
  '金陵东路',
  '西藏南路',
  '中山东一路',
];
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** A resident ID number of the right form (region, birth date, sequence, check digit); `generate` keeps them unique. */
function idNumber(k: number): string {
  const birth = Date.UTC(1940, 0, 1) + between(0, 60 * 365) * DAY_MS;
  const body = `${310101 + (k % 9)}${new Date(birth).toISOString().slice(0, 10).replaceAll('-', '')}${pad(k % 1000, 3)}`;
  const sum = [...body].reduce((total, digit, i) => total + Number(digit) * WEIGHTS[i]!, 0);
  return `${body}${CHECK[sum % 11]}`;
}

function newPerson(k: number): Person {
  return {
    name: `${pick(SURNAME_LIST)}${pick(GIVEN_LIST)}${rnd() < 0.6 ? pick(GIVEN_LIST) : ''}`,
    idNumber: idNumber(k),
    phone: `13${between(0, 9)}${pad(k % 100_000_000, 8)}`,
    address: `上海市黄浦区${pick(STREETS)}${between(1, 999)}号${between(1, 30)}0${between(1, 4)}室`,
    cases: [],
  };
}

type Closing = 'ResultDelivered' | 'ApplicationWithdrawn' | 'ApplicationDeclined' | undefined;
interface Case {
  caseNo: string;
  person: number;
  item: Item;
  /** Local wall times (UTC digits) of its events. */
  submitted: number;
  closing: Closing;
  closedAt: number;
}

/** The cases and their persons; persons holding ID numbers that repeat (by chance) get a new one. */
function generate(): { cases: Case[]; persons: Person[] } {
  const persons: Person[] = [];
  const cases: Case[] = [];
  const ids = new Set<string>();
  const days = (LAST_DAY - FIRST_DAY) / DAY_MS;
  for (let k = 0; k < CASES; k++) {
    let person: number;
    const returning = persons.length > 0 && rnd() < SHARE_RETURNING ? between(0, persons.length - 1) : -1;
    if (returning >= 0 && persons[returning]!.cases.length === 1) person = returning;
    else {
      const fresh = newPerson(persons.length);
      while (ids.has(fresh.idNumber)) fresh.idNumber = idNumber(persons.length + between(1, 1_000_000));
      ids.add(fresh.idNumber);
      person = persons.push(fresh) - 1;
    }
    persons[person]!.cases.push(k);
    const submitted = FIRST_DAY + between(0, days) * DAY_MS + between(8 * 60, 17 * 60) * 60_000;
    const closed = rnd() < SHARE_CLOSED;
    const kind = rnd();
    cases.push({
      caseNo: `BR${pad(k, 7)}`,
      person,
      item: pick(ITEMS),
      submitted,
      closing: !closed
        ? undefined
        : kind < 0.75
          ? 'ResultDelivered'
          : kind < 0.9
            ? 'ApplicationWithdrawn'
            : 'ApplicationDeclined',
      closedAt: submitted + between(2, 40) * DAY_MS + between(0, 6 * 60) * 60_000,
    });
  }
  return { cases, persons };
}

/**
 * The count due at NOW, from the cases as generated (not from the code measured): a person whose every case
 * is closed, under a period of years, ended by NOW (1 January, in the zone, of the year `years` after the
 * year following the closing).
 */
function expectedDue(cases: readonly Case[], persons: readonly Person[]): number {
  const now = Date.parse(NOW);
  const ended = (c: Case) => {
    const retention = c.item.retention ?? { kind: 'years', years: 30 };
    if (c.closing === undefined || retention.kind !== 'years') return false;
    return Date.UTC(yearOf(c.closedAt) + 1 + retention.years, 0, 1) - ZONE_OFFSET_MS <= now;
  };
  return persons.filter((p) => p.cases.every((k) => ended(cases[k]!))).length;
}

const CLERKS = Array.from({ length: 40 }, (_, k) => ({
  id: `u-clerk-${pad(k, 3)}`,
  name: `${SURNAMES[k]}窗口`,
  roles: ['clerk'],
  department: 'W-1',
}));

/** The events of a case, each with its local time: what the ledger will hold for it. */
function eventsOf(c: Case, persons: readonly Person[]): { at: number; event: NewEvent }[] {
  const clerk = CLERKS[c.person % CLERKS.length]!;
  const by = { id: clerk.id, name: clerk.name, roles: clerk.roles };
  const person = persons[c.person]!;
  const at = (ms: number) => instant(ms);
  const event = (ms: number, type: string, data: object): { at: number; event: NewEvent } => ({
    at: ms,
    event: {
      type,
      data: { ...data, at: at(ms), by },
      occurredAt: at(ms),
      actor: clerk,
      channel: 'window',
      correlationId: c.caseNo,
    },
  });
  const events = [
    event(c.submitted, 'ApplicationSubmitted', {
      caseNo: c.caseNo,
      item: {
        code: c.item.code,
        version: 1,
        name: c.item.name,
        department: c.item.department,
        ...(c.item.retention ? { retention: c.item.retention } : {}),
      },
      applicant: {
        type: 'person',
        name: person.name,
        idType: 'resident_id',
        idNumber: person.idNumber,
        phone: person.phone,
        address: person.address,
      },
      channel: 'window',
      materials: [
        { code: 'M1', name: '申请书', copies: 1, form: 'paper' },
        { code: 'M2', name: '身份证明', copies: 1, form: 'paper' },
      ],
      queryCodeHash: (c.submitted * 7919).toString(16).padStart(64, '0').slice(-64),
      correctionWindowClosesAt: at(c.submitted + 5 * DAY_MS),
      submitterRole: 'clerk',
    }),
    event(c.submitted + 10 * 60_000, 'FirstHandlerAssigned', { handler: by }),
    event(c.submitted + DAY_MS, 'ApplicationAccepted', {
      acceptanceDocumentNo: `受理-${c.caseNo}`,
      itemCode: c.item.code,
      itemVersion: 1,
      acceptingUnit: 'W-1',
      promisedDeadline: at(c.submitted + 20 * DAY_MS),
    }),
  ];
  if (c.closing === 'ResultDelivered') {
    events.push(
      event(c.closedAt - DAY_MS, 'DecisionRecorded', { outcome: 'approved', resultCode: 'approved' }),
      event(c.closedAt, 'ResultDelivered', {
        method: 'window',
        recipient: { name: person.name, relation: 'applicant' },
        anomalies: [],
      }),
    );
  } else if (c.closing === 'ApplicationWithdrawn')
    events.push(
      event(c.closedAt, 'ApplicationWithdrawn', {
        onBehalfOfApplicant: true,
        resultCode: 'withdrawn',
      }),
    );
  else if (c.closing === 'ApplicationDeclined')
    events.push(
      event(c.closedAt, 'ApplicationDeclined', {
        reason: '不属于本中心受理范围',
        legalBasis: '《行政许可法》第三十二条',
        resultCode: 'declined',
      }),
    );
  return events;
}

/** Every case's events, appended in the order of their time through the sealed ledger, 64 in flight. */
async function seed(ledger: EventStore, cases: readonly Case[], persons: readonly Person[]): Promise<number> {
  // What to append, compactly: the time and (case, index of the event within it), sorted by time.
  const order: { at: number; c: number; i: number }[] = [];
  for (let c = 0; c < cases.length; c++)
    eventsOf(cases[c]!, persons).forEach((e, i) => {
      order.push({ at: e.at, c, i });
    });
  order.sort((x, y) => x.at - y.at || x.c - y.c || x.i - y.i);
  const started = nowMs();
  let inFlight: Promise<unknown>[] = [];
  let count = 0;
  // A case's events are made when its first is appended and dropped after its last.
  const pending = new Map<number, NewEvent[]>();
  for (const { c, i } of order) {
    const theCase = cases[c]!;
    let events = pending.get(c);
    if (events === undefined) {
      events = eventsOf(theCase, persons).map((e) => e.event);
      pending.set(c, events);
    }
    const event = events[i]!;
    if (i === events.length - 1) pending.delete(c);
    inFlight.push(
      ledger.appendToStream(`application-${theCase.caseNo}`, [event], { expectedRevision: 'any' }),
    );
    count++;
    if (inFlight.length >= IN_FLIGHT) {
      await Promise.all(inFlight);
      inFlight = [];
    }
    if (count % 100_000 === 0) progress(`appended ${fmt(count)} of ${fmt(order.length)} events`);
  }
  await Promise.all(inFlight);
  progress(`appended ${fmt(count)} events in ${fmt((nowMs() - started) / 1000, 1)} s`);
  return count;
}

/** (a) The ledger as stored, read once in the scan's pages: every event decoded, no value opened. */
async function readAllPass(stored: SqliteEventStore): Promise<{ perSecond: number; events: number }> {
  const t0 = nowMs();
  let events = 0;
  for (let after: bigint | undefined; ; ) {
    const page = await stored.readAll({ ...(after === undefined ? {} : { after }), maxCount: PAGE });
    events += page.length;
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.position;
  }
  return { perSecond: events / ((nowMs() - t0) / 1000), events };
}

async function scanPass(
  ledger: EventStore,
  vault: PersonalDataVault,
): Promise<{ perSecond: number; scan: RetentionScan; ms: number }> {
  const t0 = nowMs();
  const scan = await scanRetention(ledger, vault);
  const ms = nowMs() - t0;
  return { perSecond: scan.events / (ms / 1000), scan, ms };
}

function duePass(scan: RetentionScan): { ms: number; due: number } {
  const t0 = nowMs();
  const due = retentionDue(scan, NOW);
  return { ms: nowMs() - t0, due: due.length };
}

async function main() {
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const dir = tempDir('docket-bench-retention-');
  const ledgerPath = join(dir.path, 'ledger.db');
  const vaultOptions = {
    path: join(dir.path, 'keys', 'personal-data.vault.db'),
    kekPath: join(dir.path, 'keys', 'personal-data.kek'),
  };
  try {
    const { cases, persons } = generate();
    const twoCases = persons.filter((p) => p.cases.length === 2).length;
    const expected = expectedDue(cases, persons);
    progress(
      `${fmt(cases.length)} cases, ${fmt(persons.length)} persons (${fmt(twoCases)} with two cases), ${fmt(expected)} due at ${NOW}`,
    );
    // Built with durability normal (the audit bench's way), then measured on the ledger reopened as deployed.
    let vault = openVault(vaultOptions);
    const building = openSqliteLedger({ path: ledgerPath, durability: 'normal' });
    const seeded = await seed(sealedLedger(building, vault), cases, persons);
    await building.close();
    vault.close();
    vault = openVault(vaultOptions);
    const stored = openSqliteLedger({ path: ledgerPath });
    const ledger = sealedLedger(stored, vault);

    const reads: number[] = [];
    const scans: number[] = [];
    const scanMs: number[] = [];
    const dues: number[] = [];
    let found = -1;
    let scannedCases = 0;
    let scannedSubjects = 0;
    for (let run = 0; run < RUNS; run++) {
      // Alternated, each run in the other order, so that drift on a noisy machine hits both alike.
      const read = async () => reads.push((await readAllPass(stored)).perSecond);
      let scanned: Awaited<ReturnType<typeof scanPass>> | undefined;
      const scan = async () => {
        scanned = await scanPass(ledger, vault);
      };
      if (run % 2 === 0) {
        await read();
        await scan();
      } else {
        await scan();
        await read();
      }
      const s = scanned!;
      scans.push(s.perSecond);
      scanMs.push(s.ms);
      const due = duePass(s.scan);
      dues.push(due.ms);
      found = due.due;
      scannedCases = s.scan.cases.length;
      scannedSubjects = new Set(s.scan.cases.flatMap((c) => c.subjects)).size;
      if (s.scan.events !== seeded)
        throw new Error(`the scan read ${s.scan.events} events, the ledger holds ${seeded}`);
      if (found !== expected)
        throw new Error(`the scan found ${found} subjects due, the cases make ${expected}`);
      progress(
        `run ${run + 1}: readAll ${fmt(reads[run]!)}/s, scan ${fmt(s.perSecond)}/s (${fmt(s.ms / 1000, 2)} s), ` +
          `retentionDue ${fmt(due.ms, 1)} ms (${fmt(due.due)} due)`,
      );
    }

    // (d) Once: the sweep erases, so it runs last. The runner notes when the first erasure starts, which
    // splits the sweep into its scan (and the look at the tail since) and its erasures.
    const erasing = ledgerErasureRunner(ledger, systemActor('audit'), () => NOW);
    let firstErasure: number | undefined;
    const runner: ErasureCommandRunner = (type, data) => {
      firstErasure ??= nowMs();
      return erasing(type, data);
    };
    const t0 = nowMs();
    const sweep = await sweepRetention({ ledger, vault, now: NOW, run: runner });
    const t1 = nowMs();
    const eraseMs = t1 - (firstErasure ?? t1);
    const erasedPerSecond = sweep.erased.length / (eraseMs / 1000);
    const notPurged = sweep.erased.filter((e) => !e.purged).length;
    const keys = sweep.erased.reduce((sum, e) => sum + e.keysDestroyed, 0);
    progress(
      `sweep: ${fmt(sweep.erased.length)} erased in ${fmt((t1 - t0) / 1000, 1)} s (erasures ${fmt(eraseMs / 1000, 1)} s), came back ${sweep.cameBack.length}`,
    );
    // Checks after the measure, untimed: the chain still verifies, and a second scan finds no one due.
    const verified = await stored.verify();
    const after = duePass((await scanPass(ledger, vault)).scan).due;
    const head = (await stored.head()).position ?? 0n;
    await ledger.close();
    vault.close();

    const m = median;
    print(`## Retention sweep over ${fmt(seeded)} events (${fmt(cases.length)} cases)`);
    print();
    print(`${new Date().toISOString()} · ${machine} · median of ${RUNS} runs ((d): one run)`);
    print();
    print('| measure | value | baseline (same run) | vs baseline |');
    print('|---|---:|---:|---:|');
    print(
      `| (a) bare readAll over the ledger as stored, pages of ${fmt(PAGE)} | ${fmt(m(reads))} events/s | | 1.00× |`,
    );
    print(
      `| (b) scanRetention (${fmt(m(scanMs) / 1000, 2)} s) | ${fmt(m(scans))} events/s | readAll ${fmt(m(reads))} events/s | ${fmt(m(scans) / m(reads), 2)}× |`,
    );
    print(
      `| (c) retentionDue on the scan (${fmt(scannedCases)} cases, ${fmt(scannedSubjects)} subjects → ${fmt(found)} due) | ${fmt(m(dues), 1)} ms | | |`,
    );
    print(
      `| (d) sweepRetention: erasures (${fmt(sweep.erased.length)} subjects, ${fmt(eraseMs / 1000, 1)} s) | ${fmt(erasedPerSecond, 1)} subjects/s (${fmt(eraseMs / Math.max(1, sweep.erased.length), 2)} ms each) | | |`,
    );
    print(
      `| (d) the whole sweep: scan, retentionDue and look at the tail (${fmt((t1 - t0 - eraseMs) / 1000, 1)} s), erasures | ${fmt((t1 - t0) / 1000, 1)} s | (b) + (c) ${fmt((m(scanMs) + m(dues)) / 1000, 1)} s | |`,
    );
    print();
    print(
      `Ledger: ${fmt(cases.length)} cases, ${fmt(persons.length)} persons (${fmt(twoCases)} with two cases), ` +
        `${fmt(seeded)} events sealed through the vault, ${fmt(Number(head))} after the sweep; ` +
        `due at ${NOW}: ${fmt(expected)} by the cases as generated, ${fmt(found)} by the scan ` +
        `(${fmt((100 * found) / persons.length, 1)}% of persons). Sweep: ${fmt(keys)} keys destroyed, ` +
        `${notPurged} vault logs not yet purged, ${sweep.cameBack.length} came back; ` +
        `chain after it ${verified.ok ? 'verifies' : `does NOT verify (${verified.reason})`}; due on a second scan: ${fmt(after)}.`,
    );
    print(
      `Per million events: readAll ${fmt(1e6 / m(reads), 1)} s, scan ${fmt(1e6 / m(scans), 1)} s; ` +
        `each subject erased ${fmt(eraseMs / Math.max(1, sweep.erased.length), 1)} ms.`,
    );
  } finally {
    dir.cleanup();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
