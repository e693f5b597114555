import { join } from 'node:path';
import type { CaseNotice } from '@docket/contracts';
import { Role } from '@docket/domain';
import { type Embedded, startEmbedded } from '@docket/embedded';
import { type EventStore, openSqliteLedger } from '@docket/event-store';
import { routes } from '@docket/gateway';
import { type Directory, demoDirectory } from '@docket/identity';
import { silentLogger } from '@docket/service-kit';
import { tempDir } from '@docket/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  advanceTimePast,
  clockStarted,
  DocketClient,
  deliver,
  desks,
  expectStatus,
  FOOD_LICENCE,
  person,
  resultReady,
  reviewAndApprove,
  reviewOpened,
  step,
  submit,
  until,
  users,
} from '../src';

type Route = (typeof routes)[string];

/** Where every case of this docket is: 市场监管. Nobody outside its subtree may read anything of them. */
const MARKET = 'huangpu-market';
const MARKET_NAME = '黄浦区市场监督管理局';
/** The applicant who submits the rated case online (it is theirs to read). */
const RATED_BY = users.applicant;

/**
 * The demo centre has its supervisor, its one administrator and its government head at the district root:
 * this centre adds a street's (南京东路街道), so that every scoped role has someone outside the market's subtree.
 */
const streetUsers: Directory['users'] = [
  {
    id: 'u-supervisor-nanjingdong',
    name: '南京东路街道效能监察',
    roles: ['supervisor'],
    department: 'huangpu-nanjingdong',
  },
  {
    id: 'u-admin-nanjingdong',
    name: '南京东路街道管理员',
    roles: ['admin'],
    department: 'huangpu-nanjingdong',
  },
  // A street office is not a people's government (identity's governmentOf), so this head approves no
  // extension; the walk needs someone holding the role outside the market's subtree all the same.
  {
    id: 'u-gov-nanjingdong',
    name: '南京东路街道负责人',
    roles: ['government_head'],
    department: 'huangpu-nanjingdong',
  },
];

function directoryWithStreetUsers(): Directory {
  const demo = demoDirectory();
  const users = [...demo.users, ...streetUsers];
  return { tree: demo.tree, users, findUser: (id) => users.find((user) => user.id === id) };
}

/** Roles whose reach is not a subtree, and why nobody holding them is an outsider. */
const UNSCOPED_ROLES: Partial<Record<Role, string>> = {
  auditor: '审计 reads every case of the centre (the policy grants auditors scope `any`)',
};

/**
 * Query routes nobody outside the case's subtree is walked through, and why: what they answer is public
 * or the centre's as a whole, the same for everyone, or not a case's at all.
 */
const NOT_SCOPED: Record<string, string> = {
  publicStatus:
    '办件进度查询: public, by case number and the query code only the applicant holds (rate limited)',
  listItems: '事项目录: the catalogue is public, with the department of every item',
  getItem: '事项目录: public',
  getItemVersions: "事项目录: an item's published versions, the centre's catalogue for everyone signed in",
  getCalendar: "工作日历: the centre's working-day calendar is public",
  listDepartments: "the centre's organisation chart is public",
  authConfig: 'how to sign in: public',
  health: "the services' read-model checkpoints: operations, public",
  devUsers: 'the seeded users: embedded mode only, not a case',
  liveCaseNotices: 'a stream that stays open: walked by the last test of this file',
};

/**
 * Query routes walked with outsiders (who must see nothing of the cases) on which nobody is expected to
 * see the cases either, and why: the walk cannot show an insider's answer naming them.
 */
const NO_CASE_DATA: Record<string, string> = {
  me: "the caller's own identity",
  domainTime: 'domain time, the same for everyone',
  listCheckpoints: "the ledger's signed heads and the centre's keys: hashes, no case",
  verifyLedger: "the ledger's hash chain checked: counts and hashes, no case",
  quarterlyGrade: 'a grade needs three locked months, which this docket has none of (422 to insiders)',
};

/** A route that reads: a contract's query, or one of the gateway's own GET routes. */
const isQuery = (route: Route): boolean =>
  route.endpoint !== undefined ? route.endpoint.kind === 'query' : route.method === 'GET';

/**
 * Issue 14: no query answers a user outside a case's department subtree with anything of the case. The
 * walk goes through every query route of the gateway's route table (so a route added later is walked
 * too), as every user of the centre whose reach does not hold the case's department, against a docket
 * whose cases are all 市场监管's: a case open with its cards up, one waiting for acceptance, one decided,
 * delivered and rated, a complaint and a supervision order about them. Each answer is a 403, a 404, or a
 * success that names none of them. The same requests made by the case's own people show that the walk
 * does reach the cases' data.
 */
describe('every query keeps a case inside its department subtree', () => {
  let dir: ReturnType<typeof tempDir>;
  let docket: Embedded;
  let ledger: EventStore;
  let client: DocketClient;
  const directory = directoryWithStreetUsers();
  const tree = directory.tree;
  /** An accepted case left to overrun: its review is open at step 0 and its red card is up. */
  let open: string;
  /** Submitted, not yet accepted: no clock. */
  let waiting: string;
  /** Submitted online by the applicant, decided, delivered and rated by them; complained about. */
  let rated: string;
  let complaint: string;
  let order: string;
  /** Domain time once everything happened. */
  let now: string;
  /** The ledger's head once everything happened: every request asks the read models to have applied it. */
  let position: string;

  /** Whether a user's jurisdiction holds the market (an applicant has none: their own cases only). */
  const reaches = (user: Directory['users'][number]): boolean =>
    user.department !== undefined && tree.contains(tree.jurisdiction(user.department).id, MARKET);
  /** Everyone of the centre who may see nothing of the cases: neither their subtree's nor their own. */
  const outsiders = directory.users.filter(
    (user) => !user.roles.some((role) => role in UNSCOPED_ROLES) && !reaches(user) && user.id !== RATED_BY,
  );
  const insiders = directory.users.filter((user) => !outsiders.includes(user));

  beforeAll(async () => {
    dir = tempDir('docket-e2e-query-scope-');
    docket = await startEmbedded({ dataDir: dir.path, port: 0, logger: silentLogger, directory });
    ledger = openSqliteLedger({ path: join(dir.path, 'ledger.db') });
    client = new DocketClient(docket.url);
    const d = desks(client);

    open = (await submit(d.clerk, { applicant: person })).caseNo;
    expectStatus('accept', await d.clerk.post(`/api/applications/${open}/acceptance`, {}), 200);
    await reviewOpened(d.officer, open);
    await clockStarted(ledger, open);
    waiting = (await submit(d.clerk, { applicant: person })).caseNo;

    const online = await d.applicant.post<{ caseNo: string }>('/api/applications', {
      itemCode: FOOD_LICENCE,
      applicant: person,
      channel: 'web',
      materials: [
        { code: 'form', count: 1, form: 'original' },
        { code: 'licence', count: 1, form: 'copy' },
        { code: 'layout', count: 1, form: 'original' },
      ],
    });
    rated = expectStatus('submit online', online, 201).body.caseNo;
    expectStatus('accept', await d.clerk.post(`/api/applications/${rated}/acceptance`, {}), 200);
    await reviewAndApprove(d, rated);
    await resultReady(d.clerk, rated);
    await deliver(d.clerk, rated);
    expectStatus(
      'rate',
      await d.applicant.post(`/api/supervision/ratings/${rated}`, { level: 5, comment: '等候时间过长' }),
      201,
    );
    const complained = await d.applicant.post<{ id: string }>('/api/supervision/complaints', {
      channel: 'online',
      type: 'delay',
      subject: { caseNo: rated },
      complainant: { name: person.name, phone: person.phone },
      content: '办理过程中多次被要求补交材料',
    });
    complaint = expectStatus('complain', complained, 201).body.id;
    const issued = await d.monitor.post<{ id: string }>('/api/supervision/orders', {
      subject: { department: MARKET, caseNo: open },
      requirement: '该件临近承诺时限，请说明办理进度',
      replyWorkingDays: 2,
    });
    order = expectStatus('issue order', issued, 201).body.id;

    // The open case overruns into its red card: the warnings and the feed hold it.
    const clock = await d.monitor.get<{ clock: { promised: { redAt: string } } }>(
      `/api/monitoring/clocks/${open}`,
    );
    await advanceTimePast(d.admin, clock.body.clock.promised.redAt);
    await until(
      'the red card of the open case',
      async () => {
        const up = await d.monitor.get<{ items: { caseNo: string; level: string }[] }>(
          `/api/monitoring/warnings?department=${MARKET}`,
        );
        return up.body.items.some((w) => w.caseNo === open && w.level === 'red') ? true : undefined;
      },
      20_000,
    );
    now = (await d.admin.get<{ now: string }>('/api/dev/time')).body.now;
    position = String((await ledger.head()).position ?? 0n);
  }, 120_000);

  afterAll(async () => {
    await ledger?.close();
    await docket?.close();
    dir?.cleanup();
  });

  /** The market's own people, as 分派's staff list names them. */
  const marketStaff = directory.users.filter((user) => user.department === MARKET).map((user) => user.id);
  /** What names the cases: their numbers, the complaint and order, the applicant, their department and its people. */
  const markers = () => [
    ...marketStaff,
    open,
    waiting,
    rated,
    complaint,
    order,
    person.name,
    person.idNumber,
    MARKET,
    MARKET_NAME,
  ];

  const today = () => now.slice(0, 10);
  const daysBefore = (date: string, days: number) =>
    new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

  /** The values of path parameters, by name: each request is made with each value. */
  const paramValues = (route: Route, name: string): string[] | undefined => {
    switch (name) {
      case 'caseNo':
        return [open, waiting, rated];
      case 'department':
        return [MARKET];
      case 'month':
        return [today().slice(0, 7)];
      case 'quarter':
        return [`${today().slice(0, 4)}-Q${Math.ceil(Number(today().slice(5, 7)) / 3)}`];
      case 'year':
        return [today().slice(0, 4)];
      case 'date':
        return [today()];
      case 'code':
        return [FOOD_LICENCE];
      case 'id':
        if (route.path.startsWith('/api/supervision/complaints/')) return [complaint];
        if (route.path.startsWith('/api/supervision/orders/')) return [order];
        return undefined;
    }
    return undefined;
  };

  /** Query values: the required ones are always sent; each optional one known here makes a request of its own. */
  const queryValues = (): Record<string, string> => ({
    department: MARKET,
    from: daysBefore(today(), 60),
    to: today(),
    itemCode: FOOD_LICENCE,
    applicantNamePrefix: person.name.slice(0, 1),
    month: today().slice(0, 7),
    format: 'html',
    limit: '200',
  });

  interface Request {
    method: string;
    path: string;
    body?: unknown;
  }

  /** Every request the walk makes of a route: each value of each path parameter, with each query variant. */
  function requestsOf(route: Route): Request[] {
    let paths = [route.path];
    for (const name of Object.keys(route.params ?? {})) {
      const values = paramValues(route, name);
      if (values === undefined)
        throw new Error(
          `the walk has no value for {${name}} of ${route.operationId}: add one to paramValues`,
        );
      paths = paths.flatMap((path) => values.map((v) => path.replace(`{${name}}`, encodeURIComponent(v))));
    }
    const known = queryValues();
    const shape = (route.query?.shape ?? {}) as Record<
      string,
      { safeParse(v: unknown): { success: boolean } }
    >;
    const required: Record<string, string> = {};
    const optional: string[] = [];
    for (const [key, schema] of Object.entries(shape)) {
      if (schema.safeParse(undefined).success) {
        if (key in known) optional.push(key);
      } else if (key in known) required[key] = known[key]!;
      else
        throw new Error(`the walk has no value for ?${key} of ${route.operationId}: add one to queryValues`);
    }
    const variants = [required, ...optional.map((key) => ({ ...required, [key]: known[key]! }))];
    const body = route.body === undefined ? undefined : {};
    return paths.flatMap((path) =>
      variants.map((query) => {
        const search = new URLSearchParams(query).toString();
        return { method: route.method, path: search === '' ? path : `${path}?${search}`, body };
      }),
    );
  }

  const send = (who: string, request: Request) => {
    const desk = client.as(who);
    const options = { minPosition: position };
    return request.method === 'GET'
      ? desk.get(request.path, options)
      : desk.post(request.path, request.body, options);
  };
  const textOf = (body: unknown) => (typeof body === 'string' ? body : JSON.stringify(body));

  const walked = () =>
    Object.values(routes)
      .filter(isQuery)
      .filter((route) => !(route.operationId in NOT_SCOPED));

  it('the walk covers every scoped role with an outsider, and every exception names a query route', () => {
    const scopedRoles = Role.options.filter((role) => !(role in UNSCOPED_ROLES));
    for (const role of scopedRoles)
      expect(
        outsiders.some((user) => user.roles.includes(role)),
        `an outsider holding ${role}`,
      ).toBe(true);
    const queries = Object.values(routes)
      .filter(isQuery)
      .map((route) => route.operationId);
    for (const id of [...Object.keys(NOT_SCOPED), ...Object.keys(NO_CASE_DATA)])
      expect(queries).toContain(id);
    expect(walked().length).toBeGreaterThan(20);
  });

  it('the case and its clock answer alike: 403 to an outsider, 404 for a case nobody submitted', async () => {
    for (const who of ['u-monitor-jiang', 'u-head-guo', 'u-head-lin']) {
      const asCase = await client.as(who).get<{ code?: string }>(`/api/cases/${open}`);
      const asClock = await client.as(who).get<{ code?: string }>(`/api/monitoring/clocks/${open}`);
      expect([who, asCase.status, asClock.status]).toEqual([who, 403, 403]);
      expect(asClock.body.code).toBe('Forbidden');
    }
    // A number nobody submitted: 404 from both, even to the district monitor.
    const unknown = `${open.slice(0, 9)}ZZZZZZ`;
    const monitor = client.as('u-monitor-sun');
    expect((await monitor.get(`/api/cases/${unknown}`)).status).toBe(404);
    expect((await monitor.get(`/api/monitoring/clocks/${unknown}`)).status).toBe(404);
  });

  // One test per route, named by it: a new query route is a new test.
  it.each(walked().map((route) => [route.operationId, route] as const))(
    '%s: outsiders see nothing of the cases; their own people do',
    async (operationId, route) => {
      const requests = requestsOf(route);
      const leaks: string[] = [];
      for (const user of outsiders)
        for (const request of requests) {
          const answer = await send(user.id, request);
          const where = `${user.id} ${request.method} ${request.path}: ${answer.status}`;
          if (answer.status === 403 || answer.status === 404) continue;
          if (answer.status < 200 || answer.status >= 300) {
            leaks.push(`${where} (neither refused nor answered: ${textOf(answer.body).slice(0, 200)})`);
            continue;
          }
          const text = textOf(answer.body);
          const seen = markers().filter((marker) => text.includes(marker));
          if (seen.length > 0) leaks.push(`${where} names ${seen.join(', ')}`);
        }
      expect(leaks, `${operationId} leaks`).toEqual([]);

      if (operationId in NO_CASE_DATA) return;
      let revealed = false;
      for (const user of insiders) {
        for (const request of requests) {
          const answer = await send(user.id, request);
          if (
            answer.status >= 200 &&
            answer.status < 300 &&
            markers().some((m) => textOf(answer.body).includes(m))
          )
            revealed = true;
          if (revealed) break;
        }
        if (revealed) break;
      }
      expect(
        revealed,
        `some insider's answer from ${operationId} names the cases (else the walk proves nothing)`,
      ).toBe(true);
    },
    60_000,
  );

  it('live notices (GET /api/live): a case moving is told to its department, to no outsider', async () => {
    const readers = await Promise.all(
      [...outsiders.map((u) => u.id), 'u-officer-li'].map(async (id) => ({
        id,
        reader: await LiveReader.open(docket.url, await client.token(id)),
      })),
    );
    try {
      await step(client.as('u-officer-li'), open, 0, 'pass', '材料齐全');
      const insider = readers.at(-1)!.reader;
      await until('the officer is told', async () => (insider.of(open).length > 0 ? true : undefined));
      // The outsiders' streams were open as long as the insider's, and the notice is sent to all at once.
      await new Promise((resolve) => setTimeout(resolve, 300));
      for (const { id, reader } of readers.slice(0, -1))
        expect([id, reader.notices.map((n) => n.caseNo)]).toEqual([id, []]);
    } finally {
      await Promise.all(readers.map(({ reader }) => reader.close()));
    }
  });
});

/** A reader of GET /api/live as the console reads it: fetch with the bearer token, SSE parsed by hand. */
class LiveReader {
  readonly notices: CaseNotice[] = [];
  private readonly controller = new AbortController();
  private done: Promise<void> = Promise.resolve();

  static async open(url: string, token: string): Promise<LiveReader> {
    const reader = new LiveReader();
    const response = await fetch(`${url}/api/live`, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
      signal: reader.controller.signal,
    });
    expect(response.status).toBe(200);
    reader.done = reader.read(response.body!);
    return reader;
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block
            .split('\n')
            .find((line) => line.startsWith('data: '))
            ?.slice(6);
          if (block.includes('event: case') && data !== undefined)
            this.notices.push(JSON.parse(data) as CaseNotice);
        }
      }
    } catch (error) {
      if ((error as Error).name !== 'AbortError') throw error;
    }
  }

  of(caseNo: string): CaseNotice[] {
    return this.notices.filter((n) => n.caseNo === caseNo);
  }

  async close(): Promise<void> {
    this.controller.abort();
    await this.done;
  }
}
