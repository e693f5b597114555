/**
 * Console at scale (npm run bench): the issue's target "with 1,000,000 cases and 10,000 open tasks in the
 * read models, a search or an inbox page shown in the browser ≤ 200 ms p99 from the click".
 *
 * Population, on a temporary data directory each run (its time is printed):
 * 1. An embedded docket takes a handful of real cases through the API (submitted, correction requested,
 *    accepted into review, declined, withdrawn, decided, delivered; the food licence, the joint building
 *    permit and the instant item of the demo catalogue), then closes.
 * 2. The documents the real projections wrote for them (the case list's `cases` in intake's read file,
 *    the department inbox's `inbox` in review's) are the templates of BENCH_SCALE_CASES (1,000,000) case
 *    variants and BENCH_SCALE_TASKS (10,000) open tasks of the officer's department (市场监管): distinct
 *    case numbers in the real format, applicants from a pool of Chinese names and companies, submissions
 *    spread over two years (the newest still running, the older ones closed), every instant of a
 *    template moved with its submission. They are written through the store's own path (bulkLoad, then
 *    applyBatch + put in batches, at each projection's own checkpoint, so no checkpoint moves).
 * 3. The docket starts again on that directory.
 *
 * Measured in headless Chromium (desk viewport, zh-CN), the session in sessionStorage: from just before
 * the click (Node side) until the table's first row shows the new content. Warm-up BENCH_SCALE_WARMUP (5),
 * then BENCH_SCALE_SAMPLES (100) per kind; a loop that passes BENCH_SCALE_BUDGET_S (120 s) stops once it
 * has 5 samples (a query of seconds cannot give 100 in a run), and the table says how many it has:
 * - the clerk's case search (/cases): an applicant-name search submitted with the form's button;
 * - the next page of every case the clerk may see, and of an item + status filter;
 * - the officer's inbox (/inbox): the next page.
 * Beside each, in the same run: the same GET requests the browser made, replayed from Node with the token
 * (the round trip without the browser), and for the case list the store's query alone (searchCases on the
 * read file, the count and the page timed apart). The harness's own share (a click that changes nothing,
 * then the same check) is a row of its own. The query plan of each case-list query is printed.
 */
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import {
  CASES,
  type CaseDocument,
  type CaseSearchFilter,
  type CaseStatus,
  caseListCollections,
  caseListProjection,
  caseSearchWhere,
  INBOX,
  type InboxItem,
  inboxCollections,
  inboxProjection,
  SEARCH_DEPTH,
  searchCases,
} from '@docket/case-views';
import { intake } from '@docket/contracts';
import {
  type Answer,
  BUILDING_PERMIT,
  BUILDING_PERMIT_MATERIALS,
  browserUnavailable,
  type ConsoleSession,
  type Desk,
  DocketClient,
  deliver,
  desks,
  expectStatus,
  launchChromium,
  person,
  resultReady,
  reviewAndApprove,
  reviewOpened,
  signedInContext,
  submit,
  VIEWPORTS,
} from '@docket/e2e';
import { type Embedded, startEmbedded } from '@docket/embedded';
import { demoDirectory, demoUsers } from '@docket/identity';
import {
  type OrderBy,
  openSqliteReadModelStore,
  type ReadModelDocument,
  type ReadModelStore,
  type SqliteReadModelStore,
} from '@docket/projections';
import { silentLogger } from '@docket/service-kit';
import { tempDir } from '@docket/testkit/temp-dir';
import Database from 'better-sqlite3';
import { fmt, median, nowMs, percentile } from './stats';

/** The case search's order (case-views' searchCases). */
const SEARCH_ORDER: OrderBy[] = [
  { field: 'submittedAt', direction: 'desc' },
  { field: 'id', direction: 'asc' },
];

const print = (text = '') => process.stdout.write(`${text}\n`);
const progress = (text: string) => process.stderr.write(`  … ${text}\n`);
const CASE_COUNT = Number(process.env.BENCH_SCALE_CASES ?? 1_000_000);
const TASK_COUNT = Number(process.env.BENCH_SCALE_TASKS ?? 10_000);
const SAMPLES = Number(process.env.BENCH_SCALE_SAMPLES ?? 100);
const WARMUP = Number(process.env.BENCH_SCALE_WARMUP ?? 5);
const BATCH = 10_000;
const TARGET_MS = 200;
const DAY_MS = 86_400_000;
const SPAN_MS = 730 * DAY_MS;

type Browser = Awaited<ReturnType<typeof launchChromium>>;
type Page = Awaited<ReturnType<Browser['newPage']>>;

// ————————————————————————————————————————— deterministic randomness

/** mulberry32: the same population every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = random(20261207);
const pick = <T>(values: readonly T[]): T => values[Math.floor(rnd() * values.length)]!;
function weighted<T>(entries: readonly (readonly [T, number])[]): () => T {
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  return () => {
    let r = rnd() * total;
    for (const [value, w] of entries) {
      r -= w;
      if (r < 0) return value;
    }
    return entries.at(-1)![0];
  };
}

// ————————————————————————————————————————— names

/** The commonest surnames with their approximate shares (per cent of the population). */
const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 7.1],
  ['李', 7.0],
  ['张', 6.8],
  ['刘', 5.4],
  ['陈', 4.5],
  ['杨', 3.1],
  ['黄', 2.2],
  ['赵', 2.0],
  ['吴', 1.9],
  ['周', 1.9],
  ['徐', 1.5],
  ['孙', 1.4],
  ['马', 1.3],
  ['朱', 1.2],
  ['胡', 1.2],
  ['郭', 1.1],
  ['何', 1.1],
  ['高', 1.0],
  ['林', 1.0],
  ['罗', 0.9],
  ['郑', 0.8],
  ['梁', 0.8],
  ['谢', 0.6],
  ['宋', 0.5],
  ['唐', 0.5],
  ['许', 0.5],
  ['韩', 0.5],
  ['冯', 0.4],
  ['邓', 0.4],
  ['曹', 0.4],
  ['彭', 0.4],
  ['曾', 0.4],
  ['肖', 0.4],
  ['田', 0.3],
  ['董', 0.3],
  ['袁', 0.3],
  ['潘', 0.3],
  ['于', 0.3],
  ['蒋', 0.3],
  ['蔡', 0.3],
  ['余', 0.3],
  ['杜', 0.3],
  ['叶', 0.3],
  ['程', 0.3],
  ['苏', 0.2],
  ['魏', 0.2],
  ['吕', 0.2],
  ['丁', 0.2],
  ['任', 0.2],
  ['沈', 0.2],
  ['欧阳', 0.05],
  ['上官', 0.01],
];
const GIVEN = [
  ...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国文玉红志海春梅云飞鹏辉林宇浩晨欣怡子轩佳琪雪婷俊峰凯帆斌亮宁慧颖倩',
];
const surname = weighted(SURNAMES);
const personName = () => surname() + pick(GIVEN) + (rnd() < 0.7 ? pick(GIVEN) : '');
const BRANDS = [...'锦华新泰鑫盛永和福瑞祥隆嘉德恒信安康宏达金源美味鲜香沪申浦江外滩'];
const TRADES = ['餐饮管理', '食品', '商贸', '实业', '餐饮', '贸易', '置业', '建设发展', '科技', '文化传媒'];
const companyName = () =>
  rnd() < 0.85
    ? `上海${pick(BRANDS)}${pick(BRANDS)}${pick(TRADES)}有限公司`
    : `${pick(BRANDS)}${pick(BRANDS)}（上海）${pick(TRADES)}有限公司`;
const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rnd() * 10)).join('');
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Six base32 characters, distinct for every index below 2^30 (an odd multiplier mod 2^30 is a bijection). */
function suffixOf(index: number): string {
  let x = Number((BigInt(index) * 0x2545f491n + 0x1234567n) % (1n << 30n));
  let out = '';
  for (let i = 0; i < 6; i++) {
    out = CROCKFORD[x % 32]! + out;
    x = Math.floor(x / 32);
  }
  return out;
}
/** 办件编号 as intake makes it: the local (Asia/Shanghai) date of submission and six characters. */
const caseNoFor = (submittedMs: number, index: number) =>
  `${new Date(submittedMs + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '')}-${suffixOf(index)}`;

/** Applicant-name searches a clerk types (a surname and the first character of the given name). */
const NAME_PREFIXES = [
  '王秀',
  '李明',
  '张伟',
  '刘洋',
  '陈静',
  '杨帆',
  '黄海',
  '赵敏',
  '吴强',
  '周杰',
  '徐丽',
  '孙磊',
  '马超',
  '朱红',
  '胡军',
  '郭涛',
  '何平',
  '高峰',
  '林芳',
  '罗勇',
];

// ————————————————————————————————————————— real cases through the API

interface RealCases {
  /** Template case documents by what was done with them. */
  cases: Record<string, CaseDocument>;
  /** Inbox items: the food licence's main task, the building permit's answer for 市场监管. */
  inbox: Record<'main' | 'joint', InboxItem>;
}

const FOOD_MATERIALS = [
  { code: 'form', count: 1, form: 'original' },
  { code: 'licence', count: 1, form: 'copy' },
  { code: 'layout', count: 1, form: 'original' },
];
const INSTANT = '310101-MKT-CHG';

async function makeRealCases(docket: Embedded): Promise<Record<string, string>> {
  const d = desks(new DocketClient(docket.url));
  const ok = async (step: string, answer: Promise<Answer>) => expectStatus(step, await answer, 200);
  const made: Record<string, string> = {};
  made.submittedCompany = (await submit(d.clerk)).caseNo;
  made.submittedPerson = (await submit(d.clerk, { applicant: person })).caseNo;
  made.correction = (await submit(d.clerk, { materials: FOOD_MATERIALS.slice(0, 2) })).caseNo;
  await ok(
    'request correction',
    d.clerk.call(intake.requestCorrection, {
      params: { caseNo: made.correction },
      body: { deficient: [{ code: 'layout', reason: '缺少经营场所布局图' }], note: '请补齐后再次提交' },
    }),
  );
  made.declined = (await submit(d.clerk, { applicant: person })).caseNo;
  await ok(
    'decline',
    d.clerk.call(intake.decline, {
      params: { caseNo: made.declined },
      body: { reason: '申请事项不属于本机关职权范围', legalBasis: '《中华人民共和国行政许可法》第三十二条' },
    }),
  );
  made.withdrawn = (await submit(d.clerk)).caseNo;
  await ok(
    'withdraw',
    d.clerk.call(intake.withdraw, { params: { caseNo: made.withdrawn }, body: { reason: '申请人主动撤回' } }),
  );
  const accept = (caseNo: string) =>
    ok('accept', d.clerk.call(intake.accept, { params: { caseNo }, body: {} }));
  made.inReview = (await submit(d.clerk)).caseNo;
  await accept(made.inReview);
  await reviewOpened(d.officer, made.inReview);
  made.decided = (await submit(d.clerk, { applicant: person })).caseNo;
  await accept(made.decided);
  await reviewAndApprove(d, made.decided);
  await resultReady(d.clerk, made.decided);
  made.delivered = (await submit(d.clerk)).caseNo;
  await accept(made.delivered);
  await reviewAndApprove(d, made.delivered);
  await resultReady(d.clerk, made.delivered);
  await deliver(d.clerk, made.delivered);
  made.joint = (
    await submit(d.clerk, { itemCode: BUILDING_PERMIT, materials: BUILDING_PERMIT_MATERIALS })
  ).caseNo;
  await accept(made.joint);
  await reviewOpened(d.planningOfficer, made.joint);
  made.instant = (
    await submit(d.clerk, {
      itemCode: INSTANT,
      applicant: person,
      materials: [{ code: 'form', count: 1, form: 'original' }],
    })
  ).caseNo;
  await accept(made.instant);
  await reviewOpened(d.reviewer, made.instant);
  await docket.settled();
  return made;
}

async function readTemplates(dir: string, made: Record<string, string>): Promise<RealCases> {
  const intakeStore = openSqliteReadModelStore({
    path: join(dir, 'intake.read.db'),
    collections: caseListCollections,
  });
  const reviewStore = openSqliteReadModelStore({
    path: join(dir, 'review.read.db'),
    collections: inboxCollections,
  });
  try {
    const cases: Record<string, CaseDocument> = {};
    for (const [what, caseNo] of Object.entries(made)) {
      const doc = await intakeStore.get<CaseDocument>(CASES, caseNo);
      if (doc === undefined) throw new Error(`the case list has no ${what} case ${caseNo}`);
      cases[what] = doc;
    }
    const main = await reviewStore.get<InboxItem>(INBOX, `${made.inReview}:main`);
    const joint = (await reviewStore.find<InboxItem>(INBOX, { where: { caseNo: made.joint! } })).find(
      (item) => item.kind === 'joint_answer' && item.department === demoUsers.officer.department,
    );
    if (main === undefined || joint === undefined) throw new Error('the inbox lacks the real tasks');
    return { cases, inbox: { main, joint } };
  } finally {
    await intakeStore.close();
    await reviewStore.close();
  }
}

// ————————————————————————————————————————— variants

const shiftIso = (iso: string | null, by: number): string | null =>
  iso === null ? null : new Date(Date.parse(iso) + by).toISOString();

/** Every instant of the case moved by the same amount (the template was submitted `by` ms later). */
const INSTANTS = [
  'submittedAt',
  'acceptedAt',
  'promisedDeadline',
  'statutoryDeadline',
  'decidedAt',
  'resultReadyAt',
  'deliveredAt',
] as const;

type Kind =
  | 'submittedCompany'
  | 'submittedPerson'
  | 'correction'
  | 'declined'
  | 'withdrawn'
  | 'inReview'
  | 'decided'
  | 'delivered';
type Item = 'food' | 'joint' | 'instant';

/** What the newest cases are (still running) and what the older ones became (mostly closed). */
const runningKind = weighted<[Kind, Item]>([
  [['inReview', 'food'], 44],
  [['inReview', 'joint'], 12],
  [['submittedCompany', 'food'], 8],
  [['submittedPerson', 'food'], 6],
  [['submittedPerson', 'instant'], 6],
  [['correction', 'food'], 8],
  [['decided', 'food'], 8],
  [['declined', 'food'], 4],
  [['delivered', 'instant'], 4],
]);
const closedKind = weighted<[Kind, Item]>([
  [['delivered', 'food'], 46],
  [['delivered', 'instant'], 30],
  [['delivered', 'joint'], 8],
  [['decided', 'food'], 2],
  [['declined', 'food'], 7],
  [['withdrawn', 'food'], 4],
  [['declined', 'joint'], 1],
  [['withdrawn', 'joint'], 1],
  [['correction', 'food'], 1],
]);

interface CaseGenerator {
  caseAt(index: number, submittedMs: number, running: boolean): { doc: CaseDocument; task?: InboxItem };
}

function generator(real: RealCases): CaseGenerator {
  const t = real.cases;
  const itemDoc: Record<Item, CaseDocument> = { food: t.inReview!, joint: t.joint!, instant: t.instant! };
  const realNos = new Set(Object.values(t).map((doc) => doc.caseNo));
  const personTemplate = t.submittedPerson!.applicant;
  const companyTemplate = t.submittedCompany!.applicant;
  return {
    caseAt(index, submittedMs, running) {
      const [kind, item] = (running ? runningKind : closedKind)();
      const template = t[kind]!;
      const caseNo = caseNoFor(submittedMs, index);
      if (realNos.has(caseNo)) throw new Error(`generated case number ${caseNo} is a real one`);
      const by = submittedMs - Date.parse(template.submittedAt);
      const doc: CaseDocument = { ...template, id: caseNo, caseNo };
      for (const field of INSTANTS) (doc as Record<string, unknown>)[field] = shiftIso(template[field], by);
      if (item !== 'food') {
        // The item's own fields and deadlines, from the real case of that item.
        const own = itemDoc[item];
        Object.assign(doc, {
          itemCode: own.itemCode,
          itemName: own.itemName,
          itemVersion: own.itemVersion,
          category: own.category,
          department: own.department,
          coHandlers: own.coHandlers,
          steps: own.steps,
        });
        if (doc.acceptedAt !== null && own.acceptedAt !== null) {
          const accepted = Date.parse(doc.acceptedAt) - Date.parse(own.acceptedAt);
          doc.promisedDeadline = shiftIso(own.promisedDeadline, accepted);
          doc.statutoryDeadline = shiftIso(own.statutoryDeadline, accepted);
        }
        if (doc.currentStep !== null) doc.currentStep = own.currentStep;
      }
      const asPerson = item === 'instant' || (item === 'food' ? rnd() < 0.45 : rnd() < 0.1);
      const name = asPerson ? personName() : companyName();
      doc.applicantType = asPerson ? 'person' : 'company';
      doc.applicantName = name;
      doc.applicant = (
        asPerson
          ? {
              ...personTemplate,
              name,
              idNumber: `310${digits(3)}19${digits(2)}0${Math.ceil(rnd() * 9)}1${Math.ceil(rnd() * 8)}${digits(4)}`,
              phone: `13${digits(9)}`,
            }
          : {
              ...companyTemplate,
              name,
              idNumber: `91310101MA${suffixOf(index + 7)}${digits(2)}X`,
              phone: `021${digits(8)}`,
            }
      ) as CaseDocument['applicant'];
      if (kind !== 'inReview' || item === 'instant') return { doc };
      // The task's instants as far from the acceptance as in the real case it comes from.
      const source = item === 'food' ? real.inbox.main : real.inbox.joint;
      const base = item === 'food' ? t.inReview! : t.joint!;
      const moved = Date.parse(doc.acceptedAt!) - Date.parse(base.acceptedAt!);
      const activeSince = shiftIso(source.activeSince, moved)!;
      const assigned = rnd() < 0.1;
      const task: InboxItem = {
        ...source,
        id: `${caseNo}:${source.task}`,
        caseNo,
        activeSince,
        promisedDeadline: doc.promisedDeadline!,
        deadline: item === 'food' ? doc.promisedDeadline! : shiftIso(source.deadline, moved)!,
        assignee: assigned ? demoUsers.officer.id : null,
        assignedAt: assigned ? new Date(Date.parse(activeSince) + 3_600_000).toISOString() : null,
        // The paged inbox's indexed roles (its query filters on them); harmless where not declared.
        rolesKey: [...source.roles].sort().join(','),
      };
      return { doc, task };
    },
  };
}

/** Writes documents through the store's own batch path, at the projection's checkpoint (which stays). */
async function load(
  store: ReadModelStore,
  projection: string,
  collection: string,
  docs: Iterable<ReadModelDocument>,
): Promise<number> {
  const at = await store.checkpoint(projection);
  if (at === undefined) throw new Error(`${projection} has no checkpoint`);
  let batch: ReadModelDocument[] = [];
  let written = 0;
  const flush = async () => {
    const docsOfBatch = batch;
    batch = [];
    await store.applyBatch(projection, at, (tx) => {
      for (const doc of docsOfBatch) tx.put(collection, doc);
    });
    written += docsOfBatch.length;
  };
  for (const doc of docs) {
    batch.push(doc);
    if (batch.length >= BATCH) {
      await flush();
      if (written % 100_000 === 0) progress(`${fmt(written)} ${collection} written`);
    }
  }
  if (batch.length > 0) await flush();
  if ((await store.checkpoint(projection)) !== at) throw new Error(`${projection}'s checkpoint moved`);
  return written;
}

interface Population {
  /** The applicant-name searches with how many generated cases each finds. */
  prefixCounts: Map<string, number>;
  cases: number;
  tasks: number;
  realCases: number;
  apiMs: number;
  writeMs: number;
  indexMs: number;
  casesFileMb: number;
}

async function populate(dir: string): Promise<Population> {
  let started = nowMs();
  const docket = await startEmbedded({ dataDir: dir, port: 0, logger: silentLogger });
  let made: Record<string, string>;
  try {
    made = await makeRealCases(docket);
  } finally {
    await docket.close();
  }
  const apiMs = nowMs() - started;
  progress(`${Object.keys(made).length} real cases through the API in ${fmt(apiMs / 1000, 1)} s`);
  const real = await readTemplates(dir, made);
  const gen = generator(real);

  started = nowMs();
  const intakeStore = openSqliteReadModelStore({
    path: join(dir, 'intake.read.db'),
    collections: caseListCollections,
  });
  const reviewStore = openSqliteReadModelStore({
    path: join(dir, 'review.read.db'),
    collections: inboxCollections,
  });
  const tasks: InboxItem[] = [];
  const prefixCounts = new Map(NAME_PREFIXES.map((prefix) => [prefix, 0]));
  let indexMs = 0;
  let cases = 0;
  try {
    const casesLoad = await intakeStore.bulkLoad!([CASES]);
    const inboxLoad = await reviewStore.bulkLoad!([INBOX]);
    // The newest first: running cases (with the department's open tasks) until TASK_COUNT tasks exist,
    // then closed ones back over two years, evenly spread.
    const end = Math.min(...Object.values(real.cases).map((c) => Date.parse(c.submittedAt))) - 60_000;
    const step = SPAN_MS / CASE_COUNT;
    function* variants(): Generator<CaseDocument> {
      for (let i = 0; i < CASE_COUNT; i++) {
        const at = Math.floor(end - i * step - rnd() * step);
        const { doc, task } = gen.caseAt(i, at, tasks.length < TASK_COUNT);
        if (task !== undefined) tasks.push(task);
        for (const prefix of NAME_PREFIXES)
          if (doc.applicantName.startsWith(prefix)) prefixCounts.set(prefix, prefixCounts.get(prefix)! + 1);
        yield doc;
      }
    }
    cases = await load(intakeStore, caseListProjection.name, CASES, variants());
    await load(reviewStore, inboxProjection.name, INBOX, tasks);
    const writeMs = nowMs() - started;
    progress(`${fmt(cases)} cases and ${fmt(tasks.length)} tasks written in ${fmt(writeMs / 1000, 1)} s`);
    const indexStarted = nowMs();
    await casesLoad.finish();
    await inboxLoad.finish();
    indexMs = nowMs() - indexStarted;
    progress(`indexes built in ${fmt(indexMs / 1000, 1)} s`);
    const sizes = new Database(join(dir, 'intake.read.db'), { readonly: true });
    const pages = sizes.pragma('page_count', { simple: true }) as number;
    const pageSize = sizes.pragma('page_size', { simple: true }) as number;
    sizes.close();
    return {
      prefixCounts,
      cases,
      tasks: tasks.length,
      realCases: Object.keys(made).length,
      apiMs,
      writeMs,
      indexMs,
      casesFileMb: (pages * pageSize) / 2 ** 20,
    };
  } finally {
    await intakeStore.close();
    await reviewStore.close();
  }
}

// ————————————————————————————————————————— browser

interface DomElement {
  textContent: string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

/** The case number of the table's first row ('' when there is none). In the browser. */
function firstCaseNo(): string {
  const document = (globalThis as unknown as { document: DomElement }).document;
  return document.querySelector('.ant-table-tbody tr.ant-table-row td a')?.textContent ?? '';
}

/** True once the first row is another case (and its applicant, given a column, starts with the prefix). */
function firstRowChanged(arg: { previous: string; prefix?: string; column?: number }): boolean {
  const document = (globalThis as unknown as { document: DomElement }).document;
  const row = document.querySelector('.ant-table-tbody tr.ant-table-row');
  const caseNo = row?.querySelector('td a')?.textContent ?? '';
  if (row === null || row === undefined || caseNo === '' || caseNo === arg.previous) return false;
  if (arg.prefix === undefined) return true;
  return (row.querySelectorAll('td')[arg.column ?? 0]?.textContent ?? '').startsWith(arg.prefix);
}

async function openScreen(browser: Browser, session: ConsoleSession, url: string): Promise<Page> {
  const context = await signedInContext(browser, session, VIEWPORTS.desk);
  const page = await context.newPage();
  await page.goto(url);
  // At full size the screen's first query may outlast the gateway's timeout: then it shows an error,
  // and the screen is loaded again (a few times) before the kind is given up.
  for (let attempt = 1; ; attempt++) {
    const row = page.locator('.ant-table-tbody tr.ant-table-row').first();
    const error = page.locator('.ant-alert-error').first();
    const shown = await Promise.race([
      row.waitFor({ timeout: 180_000 }).then(
        () => 'row' as const,
        () => 'timeout' as const,
      ),
      error.waitFor({ timeout: 180_000 }).then(
        () => 'error' as const,
        () => 'timeout' as const,
      ),
    ]);
    if (shown === 'row') return page;
    if (shown === 'timeout') throw new Error(`${url} shows neither rows nor an error after 3 minutes`);
    const text = await error.textContent();
    progress(`${url}: the screen shows an error (${text}), attempt ${attempt}`);
    if (attempt >= 3) throw new Error(`${url} shows no rows: ${text}`);
    await page.reload();
  }
}

interface Measured {
  /** Browser samples that showed their page, ms. */
  ms: number[];
  /** Of each shown sample: from the click until the browser had the API's answer (Node side), ms. */
  answeredMs: number[];
  /** Samples whose API answer was an error (e.g. the gateway's 504 after 10 s), with their statuses. */
  failed: number[];
  /** The API requests the browser made during the samples (path and query), in order. */
  requests: string[];
}

/** When a loop stops: its samples, or its time budget once it has a few (slow queries at full size). */
const BUDGET_MS = Number(process.env.BENCH_SCALE_BUDGET_S ?? 120) * 1000;
const MIN_SAMPLES = 5;
const SLOW_WARMUP_MS = 2000;

class Loop {
  private readonly deadline = nowMs() + BUDGET_MS;
  private warmups = 0;
  private measured = 0;
  private warm = WARMUP === 0;

  /** Whether to take another sample. */
  more(): boolean {
    if (this.measured >= SAMPLES) return false;
    return this.measured < MIN_SAMPLES || nowMs() < this.deadline;
  }

  /** Records a sample's time: true when it counts (warm-up over; one slow warm-up sample is enough). */
  counts(elapsedMs: number): boolean {
    if (this.warm) {
      this.measured++;
      return true;
    }
    this.warmups++;
    if (this.warmups >= WARMUP || elapsedMs > SLOW_WARMUP_MS) this.warm = true;
    return false;
  }

  get isWarm(): boolean {
    return this.warm;
  }
}

/**
 * Clicks until the loop ends: each from just before the click until the first row shows what it
 * should (or the API answered an error). `prepare` readies the next click (typing a search), outside
 * the time; it answers the applicant prefix the first row must then start with.
 */
async function measureClicks(
  page: Page,
  api: string,
  click: string,
  prepare: (sample: number) => Promise<string | undefined>,
  column?: number,
): Promise<Measured> {
  const result: Measured = { ms: [], answeredMs: [], failed: [], requests: [] };
  let recording = false;
  let answeredAt: number | undefined;
  let failure: ((status: number) => void) | undefined;
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (recording && url.pathname === api) result.requests.push(`${url.pathname}${url.search}`);
  });
  page.on('response', (response) => {
    if (new URL(response.url()).pathname !== api) return;
    answeredAt = nowMs();
    if (response.status() >= 400) failure?.(response.status());
  });
  const loop = new Loop();
  for (let sample = 0; loop.more(); sample++) {
    const prefix = await prepare(sample);
    const previous = await page.evaluate(firstCaseNo);
    recording = loop.isWarm;
    answeredAt = undefined;
    const failed = new Promise<number>((resolve) => {
      failure = resolve;
    });
    const started = nowMs();
    await page.locator(click).click();
    const shown = page
      .waitForFunction(
        firstRowChanged,
        { previous, ...(prefix === undefined ? {} : { prefix, column }) },
        { timeout: 120_000, polling: 'raf' },
      )
      // -1: nothing shown within two minutes (counted as failed, like an error answer).
      .then(
        () => 0,
        () => -1,
      );
    const status = await Promise.race([shown, failed]);
    const elapsed = nowMs() - started;
    recording = false;
    failure = undefined;
    if (elapsed > 1000)
      progress(`sample ${sample}: ${fmt(elapsed)} ms${status === 0 ? '' : ` (HTTP ${status})`}`);
    if (!loop.counts(elapsed)) continue;
    if (status !== 0) {
      result.failed.push(status);
      // The screen now shows the error; the next click starts from whatever row is shown.
      await page.waitForTimeout(100);
      continue;
    }
    result.ms.push(elapsed);
    if (answeredAt !== undefined) result.answeredMs.push(answeredAt - started);
  }
  return result;
}

/** The harness alone: a click on the screen's title (nothing changes), then one check of the first row. */
async function measureHarness(page: Page): Promise<number[]> {
  const ms: number[] = [];
  for (let sample = 0; sample < WARMUP + SAMPLES; sample++) {
    const previous = 'none';
    const started = nowMs();
    await page.locator('h2').first().click();
    await page.waitForFunction(firstRowChanged, { previous }, { timeout: 10_000, polling: 'raf' });
    if (sample >= WARMUP) ms.push(nowMs() - started);
  }
  return ms;
}

// ————————————————————————————————————————— Node side

interface Replayed {
  ms: number[];
  failed: number[];
}

/**
 * One GET; undefined when the connection failed. The docket runs in this process: a query of seconds
 * (or the store loop) holds its event loop, so a pooled keep-alive socket may be closed by the server
 * just as it is reused. Such a request is not a sample.
 */
async function getOnce<T>(desk: Desk, path: string): Promise<Answer<T> | undefined> {
  try {
    return await desk.get<T>(path);
  } catch (error) {
    progress(`GET ${path}: ${(error as Error).message}, not counted`);
    return undefined;
  }
}

/** A GET retried once after a failed connection (for the checks around the samples). */
async function getRetried<T>(desk: Desk, path: string): Promise<Answer<T>> {
  return (await getOnce<T>(desk, path)) ?? desk.get<T>(path);
}

/**
 * Waits until the docket answers its health check at once: the queries the browser started (an aborted
 * fetch does not stop the server's query) are over before the next loop times anything.
 */
async function idle(desk: Desk): Promise<void> {
  const until = nowMs() + 300_000;
  while (nowMs() < until) {
    const started = nowMs();
    await getOnce(desk, '/api/health');
    if (nowMs() - started < 50) return;
  }
}

/** The recorded requests replayed from Node with the token, as long as the loop lasts. */
async function replay(desk: Desk, paths: readonly string[]): Promise<Replayed> {
  const result: Replayed = { ms: [], failed: [] };
  const loop = new Loop();
  for (let i = 0; loop.more(); i++) {
    const path = paths[i % paths.length]!;
    const started = nowMs();
    const answer = await getOnce(desk, path);
    const elapsed = nowMs() - started;
    if (answer === undefined) continue;
    if (!loop.counts(elapsed)) continue;
    if (answer.status === 200) result.ms.push(elapsed);
    else result.failed.push(answer.status);
  }
  return result;
}

const clerkTree = demoDirectory().tree;
const clerkDepartments = clerkTree
  .subtree(clerkTree.jurisdiction(demoUsers.clerk.department!).id)
  .map((d) => d.id);

/** The filter intake's query makes of a GET /api/cases for the clerk (case-queries.ts, filterFor). */
function filterOf(path: string): { filter: CaseSearchFilter; offset: number; limit: number } {
  const q = new URL(path, 'http://x').searchParams;
  const filter: CaseSearchFilter = { departments: clerkDepartments };
  if (q.get('status')) filter.status = q.get('status')!.split(',') as CaseStatus[];
  if (q.get('itemCode')) filter.itemCode = q.get('itemCode')!;
  if (q.get('applicantNamePrefix')) filter.applicantNamePrefix = q.get('applicantNamePrefix')!;
  return { filter, offset: Number(q.get('offset') ?? 0), limit: Number(q.get('limit') ?? 20) };
}

interface StoreTimes {
  total: number[];
  /** The count and the page query apart, on the first few samples. */
  count: number[];
  page: number[];
}

/** The case list's query alone (searchCases), on a second connection to intake's read file. */
async function storeTimes(store: SqliteReadModelStore, paths: readonly string[]): Promise<StoreTimes> {
  const viewer = { actor: demoUsers.clerk, tree: clerkTree };
  const times: StoreTimes = { total: [], count: [], page: [] };
  const loop = new Loop();
  for (let i = 0; loop.more(); i++) {
    const { filter, offset, limit } = filterOf(paths[i % paths.length]!);
    const started = nowMs();
    await searchCases(store, filter, { offset, limit }, viewer);
    const elapsed = nowMs() - started;
    if (!loop.counts(elapsed)) continue;
    times.total.push(elapsed);
    if (times.count.length >= MIN_SAMPLES) continue;
    // The two queries of searchCases, timed apart: the count to the depth, then the page.
    const where = caseSearchWhere(filter);
    let at = nowMs();
    const capped = (await store.count(CASES, where, { atMost: SEARCH_DEPTH + 1 })) > SEARCH_DEPTH;
    times.count.push(nowMs() - at);
    at = nowMs();
    await store.find(CASES, { where, orderBy: SEARCH_ORDER, offset, limit, walkOrder: capped });
    times.page.push(nowMs() - at);
  }
  return times;
}

/** The plans of the search's two queries, as searchCases makes them (count to the depth, then the page). */
async function searchPlan(
  store: SqliteReadModelStore,
  path: string,
): Promise<{ count: string[]; page: string[] }> {
  const { filter, offset, limit } = filterOf(path);
  const where = caseSearchWhere(filter);
  const capped = (await store.count(CASES, where, { atMost: SEARCH_DEPTH + 1 })) > SEARCH_DEPTH;
  return {
    count: store.queryPlan(CASES, { count: where, atMost: SEARCH_DEPTH + 1 }),
    page: store.queryPlan(CASES, { where, orderBy: SEARCH_ORDER, offset, limit, walkOrder: capped }),
  };
}

// ————————————————————————————————————————— main

interface KindResult {
  name: string;
  browser: Measured;
  /** The harness's own share (a click and a check, no request), when measured. */
  http?: Replayed;
  store?: StoreTimes;
  total: number;
  rows: number;
  path: string;
  note?: string;
}

const stat = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    median: median(sorted),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
  };
};

const FILTER_ITEM = '310101-FOOD-BL';
const FILTER_STATUS = 'delivered';

async function main() {
  const unavailable = browserUnavailable();
  if (unavailable !== undefined) {
    progress(`skipped: ${unavailable}`);
    return;
  }
  const dir = tempDir('docket-bench-scale-');
  const results: KindResult[] = [];
  let population: Population;
  let harness: number[] = [];
  const plans: { name: string; count: string[]; page: string[] }[] = [];
  let pagedInbox = false;
  let prefixes: [string, number][] = [];
  try {
    population = await populate(dir.path);
    // The applicant-name searches that find cases at this size (one that finds nothing proves nothing).
    prefixes = [...population.prefixCounts].filter(([, n]) => n > 0);
    if (prefixes.length < 2) throw new Error('the applicant-name searches would find no cases');
    const restart = nowMs();
    const docket = await startEmbedded({ dataDir: dir.path, port: 0, logger: silentLogger });
    await docket.settled();
    progress(`docket restarted on the populated directory in ${fmt((nowMs() - restart) / 1000, 1)} s`);
    const store = openSqliteReadModelStore({
      path: join(dir.path, 'intake.read.db'),
      collections: caseListCollections,
    });
    const browser = await launchChromium();
    try {
      const client = new DocketClient(docket.url);
      const d = desks(client);
      const sessionOf = async (
        actor: (typeof demoUsers)[keyof typeof demoUsers],
      ): Promise<ConsoleSession> => ({
        actor,
        token: await client.token(actor.id),
      });
      const clerkSession = await sessionOf(demoUsers.clerk);

      const caseKind = async (
        name: string,
        screen: string,
        click: string,
        prepare: (page: Page, sample: number) => Promise<string | undefined>,
        column?: number,
      ) => {
        progress(name);
        const page = await openScreen(browser, clerkSession, `${docket.url}${screen}`);
        if (harness.length === 0) harness = await measureHarness(page);
        const measured = await measureClicks(page, '/api/cases', click, (s) => prepare(page, s), column);
        await page.context().close();
        if (measured.requests.length === 0) throw new Error(`${name}: the browser sent no search`);
        await idle(d.clerk);
        const http = await replay(d.clerk, measured.requests);
        const storeMs = await storeTimes(store, measured.requests);
        const last = measured.requests.at(-1)!;
        const { filter, offset, limit } = filterOf(last);
        const answer = await searchCases(
          store,
          filter,
          { offset, limit },
          { actor: demoUsers.clerk, tree: clerkTree },
        );
        await idle(d.clerk);
        results.push({
          name,
          browser: measured,
          http,
          store: storeMs,
          total: answer.total,
          rows: answer.items.length,
          path: last,
        });
        progress(
          `${name}: browser p99 ${fmt(stat(measured.ms).p99)} ms (${measured.ms.length} shown, ${measured.failed.length} failed), HTTP p99 ${fmt(stat(http.ms).p99)} ms, store p99 ${fmt(stat(storeMs.total).p99)} ms`,
        );
      };

      await caseKind(
        '(1) case search by applicant name (button)',
        '/cases',
        '.ant-card form button[type="submit"]',
        async (page, sample) => {
          const prefix = prefixes[sample % prefixes.length]![0];
          await page.fill('#applicant', prefix);
          return prefix;
        },
        2,
      );
      await caseKind(
        '(2) next page, every case the clerk may see',
        '/cases',
        '.ant-pagination-next',
        async () => undefined,
      );
      await caseKind(
        `(3) next page, item + status filter (${FILTER_ITEM}, ${FILTER_STATUS})`,
        `/cases?item=${FILTER_ITEM}&status=${FILTER_STATUS}`,
        '.ant-pagination-next',
        async () => undefined,
      );

      // The officer's inbox: paged by the server once GET /api/inbox answers { total, items }.
      progress('(4) inbox next page');
      const probe = await getRetried<unknown>(d.officer, '/api/inbox?offset=0&limit=50');
      pagedInbox = probe.status === 200 && !Array.isArray(probe.body);
      const page = await openScreen(browser, await sessionOf(demoUsers.officer), `${docket.url}/inbox`);
      const measured = await measureClicks(page, '/api/inbox', '.ant-pagination-next', async () => undefined);
      await page.context().close();
      await idle(d.officer);
      const inboxPaths = measured.requests.length > 0 ? measured.requests : ['/api/inbox'];
      const http = await replay(d.officer, inboxPaths);
      const answer = await getRetried<unknown>(d.officer, inboxPaths.at(-1)!);
      const body = answer.body as { total: number; items: unknown[] } | unknown[];
      results.push({
        name: '(4) inbox, next page (officer, 市场监管)',
        browser: measured,
        http,
        total: Array.isArray(body) ? body.length : body.total,
        rows: Array.isArray(body) ? body.length : body.items.length,
        path: inboxPaths.at(-1)!,
        ...(measured.requests.length === 0
          ? {
              note: 'the inbox is not paged by the server here: the click pages in the browser and sends no request; the Node column is the whole inbox GET the screen loads once',
            }
          : {}),
      });
      progress(`inbox: browser p99 ${fmt(stat(measured.ms).p99)} ms, HTTP p99 ${fmt(stat(http.ms).p99)} ms`);
      for (const result of results.filter((r) => r.store !== undefined))
        plans.push({ name: result.name, ...(await searchPlan(store, result.path)) });
    } finally {
      await browser.close();
      await store.close();
      await docket.close();
    }
  } finally {
    dir.cleanup();
  }

  const ms = (n: number, digits = 0) => `${fmt(n, digits)} ms`;
  print('## Console at scale: a search or an inbox page in the browser, from the click');
  print();
  print(
    `${new Date().toISOString()} · ${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version} · headless Chromium, ${VIEWPORTS.desk.width}×${VIEWPORTS.desk.height}, zh-CN · up to ${WARMUP} warm-up, then ${SAMPLES} samples per kind (fewer, at least ${MIN_SAMPLES}, where a loop passes ${fmt(BUDGET_MS / 1000)} s)`,
  );
  print();
  print(
    `Read models: ${fmt(population.cases + population.realCases)} cases (${fmt(population.cases)} generated from ${population.realCases} real ones; intake's read file ${fmt(population.casesFileMb)} MB) and ${fmt(population.tasks)} generated open tasks of 市场监管. Population: real cases through the API ${fmt(population.apiMs / 1000, 1)} s, documents written ${fmt(population.writeMs / 1000, 1)} s (${fmt((population.cases + population.tasks) / (population.writeMs / 1000))} documents/s), indexes built ${fmt(population.indexMs / 1000, 1)} s; ${fmt((population.apiMs + population.writeMs + population.indexMs) / 1000, 1)} s in all.`,
  );
  print();
  print(
    '| from the click until the first row shows | samples | median | p95 | p99 | max | click → API answer in the browser, median | same GETs from Node: median / p99 | store query alone: median / p99 | total shown | target p99 | |',
  );
  print('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const r of results) {
    const b = stat(r.browser.ms);
    const h = r.http && stat(r.http.ms);
    const s = r.store && stat(r.store.total);
    const failed =
      r.browser.failed.length > 0
        ? ` + ${r.browser.failed.length} failed (${[...new Set(r.browser.failed)].map((status) => (status === -1 ? 'nothing shown in 2 min' : `HTTP ${status}`)).join(', ')})`
        : '';
    const httpFailed = r.http && r.http.failed.length > 0 ? ` (+ ${r.http.failed.length} failed)` : '';
    print(
      `| ${r.name} | ${r.browser.ms.length}${failed} | ${ms(b.median)} | ${ms(b.p95)} | ${ms(b.p99)} | ${ms(b.max)} | ${r.browser.answeredMs.length > 0 ? ms(median(r.browser.answeredMs)) : '—'} | ${h ? `${ms(h.median, 1)} / ${ms(h.p99, 1)}${httpFailed}` : '—'} | ${s ? `${ms(s.median, 1)} / ${ms(s.p99, 1)}` : '—'} | ${fmt(r.total)} (${r.rows} rows) | ≤ ${TARGET_MS} ms | ${r.browser.failed.length === 0 && b.p99 <= TARGET_MS ? 'target met' : 'target NOT met'} |`,
    );
  }
  if (harness.length > 0) {
    const hs = stat(harness);
    print(
      `| (0) the harness alone: a click that changes nothing, then the same check of the first row | ${harness.length} | ${ms(hs.median)} | ${ms(hs.p95)} | ${ms(hs.p99)} | ${ms(hs.max)} | — | — | — | — | | |`,
    );
  }
  print();
  for (const r of results) {
    const split =
      r.store && r.store.count.length > 0
        ? ` The store's count ${ms(median(r.store.count), 1)}, its page ${ms(median(r.store.page), 1)} (medians of ${r.store.count.length}).`
        : '';
    print(
      `- ${r.name}: the browser sent ${r.browser.requests.length} API requests for ${r.browser.ms.length + r.browser.failed.length} measured clicks; last request \`${decodeURIComponent(r.path)}\`.${split}${r.note ? ` Note: ${r.note}.` : ''}`,
    );
  }
  print(
    `- Applicant-name searches (generated cases per prefix): ${prefixes.map(([p, n]) => `${p} ${fmt(n)}`).join(', ')}.`,
  );
  if (!pagedInbox) print('- GET /api/inbox does not answer { total, items } here (not paged by the server).');
  print();
  print(
    "Query plans of the case list's queries (SQLite, EXPLAIN QUERY PLAN on intake's read file, for the last request):",
  );
  print();
  for (const plan of plans)
    print(`- ${plan.name}: count: ${plan.count.join('; ')} · page: ${plan.page.join('; ')}`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
