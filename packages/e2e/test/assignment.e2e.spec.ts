import { type AuditHistoryEntry, InboxPageSchema, review } from '@docket/contracts';
import { type Embedded, startEmbedded } from '@docket/embedded';
import { silentLogger } from '@docket/service-kit';
import { tempDir } from '@docket/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clockStarted,
  type Desk,
  type Desks,
  DocketClient,
  desks,
  expectStatus,
  person,
  reviewOpened,
  submit,
  users,
} from '../src';
import { conforms } from './conformance';

/**
 * 分派 (work distribution) over HTTP in the embedded mode: a head gives a case's task to an officer of the
 * department, the officer finds it in their own inbox, the head releases it to the department; whoever is
 * refused (another department's head, a blank reason, someone outside the department) writes nothing.
 */
describe('task assignment over HTTP', () => {
  let dir: ReturnType<typeof tempDir>;
  let docket: Embedded;
  let client: DocketClient;
  let d: Desks;
  /** A food licence case (huangpu-market), accepted: its main task is open at step 0 (承办). */
  let caseNo: string;

  beforeAll(async () => {
    dir = tempDir('docket-e2e-assignment-');
    docket = await startEmbedded({ dataDir: dir.path, port: 0, logger: silentLogger });
    client = new DocketClient(docket.url);
    d = desks(client);
    caseNo = (await submit(d.clerk, { applicant: person })).caseNo;
    expectStatus('accept', await d.clerk.post(`/api/applications/${caseNo}/acceptance`, {}), 200);
    await reviewOpened(d.officer, caseNo);
    // The acceptance's last write: from here on the ledger moves only when a test asks.
    await clockStarted(docket.ledger, caseNo);
  }, 60_000);

  afterAll(async () => {
    await docket?.close();
    dir?.cleanup();
  });

  const assign = (
    desk: Desk,
    body: { taskId: string; assignee: string | null; reason: string },
    key?: string,
  ) =>
    desk.call(
      review.assignTask,
      { params: { caseNo }, body },
      key === undefined ? {} : { idempotencyKey: key },
    );

  /** The case's work in a desk's inbox, filtered by assignee, once the read model has the position. */
  async function inboxOf(desk: Desk, assignee: string, minPosition: string, role?: string) {
    const answer = expectStatus(
      `inbox ${assignee}`,
      await desk.call(review.inbox, { query: { assignee, role } }, { minPosition }),
      200,
    );
    conforms('inbox', InboxPageSchema, answer.body);
    return answer.body.items.filter((item) => item.caseNo === caseNo);
  }

  it('answers the inbox a page at a time with the total, and refuses a page too large as a 400 problem', async () => {
    const second = (await submit(d.clerk, { applicant: person })).caseNo;
    expectStatus('accept', await d.clerk.post(`/api/applications/${second}/acceptance`, {}), 200);
    await reviewOpened(d.officer, second);
    await clockStarted(docket.ledger, second);
    const minPosition = String((await docket.ledger.head()).position);
    const page = (offset: number) =>
      d.officer.call(review.inbox, { query: { offset: String(offset), limit: '1' } }, { minPosition });
    const first = expectStatus('first page', await page(0), 200).body;
    const next = expectStatus('second page', await page(1), 200).body;
    conforms('inbox page', InboxPageSchema, first);
    expect(first.total).toBe(2);
    expect(first.items).toHaveLength(1);
    expect([first.items[0]!.caseNo, next.items[0]!.caseNo].sort()).toEqual([caseNo, second].sort());
    // The first case was accepted first: its deadline is the nearer one.
    expect(first.items[0]!.deadline <= next.items[0]!.deadline).toBe(true);
    const tooLarge = await d.officer.call(review.inbox, { query: { limit: '500' } });
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.headers.get('content-type')).toContain('application/problem+json');
    const badRange = await d.officer.call(review.inbox, { query: { deadlineFrom: 'yesterday' } });
    expect(badRange.status).toBe(400);
    // Every match of a filter is counted, the page or not.
    const none = await d.officer.call(review.inbox, {
      query: { deadlineBefore: '2000-01-01T00:00:00+08:00' },
    });
    expect(expectStatus('none', none, 200).body).toEqual({ total: 0, items: [] });
  });

  it('lists the staff of a department for the assign dialog, to that department and those above it', async () => {
    const staff = expectStatus(
      'staff',
      await d.head.get<{ id: string; name: string; roles: string[] }[]>(
        '/api/departments/huangpu-market/staff',
      ),
      200,
    ).body;
    expect(staff).toEqual([
      { id: users.officer, name: '李强', roles: ['officer'] },
      { id: users.reviewer, name: '陈静', roles: ['reviewer'] },
      { id: users.head, name: '周伟', roles: ['head'] },
    ]);
    // The district's administrator is above the department; the planning head is beside it.
    expectStatus('admin', await d.admin.get('/api/departments/huangpu-market/staff'), 200);
    const sibling = expectStatus(
      'sibling',
      await d.planningHead.get('/api/departments/huangpu-market/staff'),
      403,
    );
    expect(sibling.headers.get('content-type')).toContain('application/problem+json');
    expectStatus('applicant', await d.applicant.get('/api/departments/huangpu-market/staff'), 403);
    expectStatus('unknown', await d.head.get('/api/departments/no-such-dept/staff'), 404);
    expectStatus('no token', await client.as(undefined).get('/api/departments/huangpu-market/staff'), 401);
  });

  it('refuses a head of another department with 403 and writes nothing', async () => {
    const before = await docket.ledger.head();
    const refused = expectStatus(
      'planning head',
      await assign(d.planningHead, { taskId: 'main', assignee: users.planningOfficer, reason: '分派' }),
      403,
    );
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(refused.body)).toMatch(/huangpu-market is outside huangpu-planning/);
    expect(await docket.ledger.head()).toEqual(before);
  });

  it('refuses bad assignments with typed problems and writes nothing', async () => {
    const before = await docket.ledger.head();
    const cases: [
      string,
      Desk,
      { taskId: string; assignee: string | null; reason: string },
      number,
      string,
    ][] = [
      [
        'outside the department',
        d.head,
        { taskId: 'main', assignee: users.planningOfficer, reason: '分派' },
        422,
        'AssigneeNotInDepartment',
      ],
      [
        'blank reason',
        d.head,
        { taskId: 'main', assignee: users.officer, reason: '  ' },
        422,
        'ReasonRequired',
      ],
      [
        'unknown task',
        d.head,
        { taskId: 'co:huangpu-fire', assignee: users.officer, reason: '分派' },
        404,
        'UnknownTask',
      ],
      [
        'already the department’s',
        d.head,
        { taskId: 'main', assignee: null, reason: '释放' },
        409,
        'AssignmentUnchanged',
      ],
      [
        'an officer giving it away',
        d.officer,
        { taskId: 'main', assignee: users.reviewer, reason: '转交' },
        403,
        'NotADepartmentHead',
      ],
    ];
    for (const [what, desk, body, status, code] of cases) {
      const answer = expectStatus(what, await assign(desk, body), status);
      expect((answer.body as unknown as { code: string }).code, what).toBe(code);
    }
    const missing = await d.head.post(`/api/reviews/${caseNo}/assignments`, {
      taskId: 'main',
      assignee: users.officer,
    });
    expectStatus('no reason', missing, 400);
    expect(await docket.ledger.head()).toEqual(before);
  });

  it('a head assigns the task, the officer sees it as theirs, and the head releases it to the department', async () => {
    const body = { taskId: 'main', assignee: users.officer, reason: '按分工由李强承办' };
    const assigned = expectStatus('assign', await assign(d.head, body, 'assign-main-1'), 200).body;
    expect(assigned.events.map((e) => e.type)).toEqual(['TaskAssigned']);
    // A retry with the same Idempotency-Key answers the first result and stores nothing.
    const retried = expectStatus('retry', await assign(d.head, body, 'assign-main-1'), 200).body;
    expect(retried).toMatchObject({ replayed: true, position: assigned.position });
    expectStatus('again', await assign(d.head, body), 409);

    const position = assigned.position ?? '';
    const mine = await inboxOf(d.officer, 'mine', position);
    expect(mine).toMatchObject([{ id: `${caseNo}:main`, assignee: users.officer }]);
    expect(mine[0]?.assignedAt).toEqual(expect.any(String));
    expect(await inboxOf(d.officer, 'unassigned', position)).toEqual([]);
    // The head lists what the officer holds, although a head's own inbox holds the work heads do.
    expect(await inboxOf(d.head, users.officer, position)).toHaveLength(1);
    expect(await inboxOf(d.head, 'unassigned', position, 'officer')).toEqual([]);
    // Someone else cannot claim it from him.
    expectStatus(
      'claim taken',
      await assign(d.reviewer, { ...body, assignee: users.reviewer, reason: '认领' }),
      409,
    );

    const released = expectStatus(
      'release',
      await assign(d.head, { taskId: 'main', assignee: null, reason: '李强休假，退回部门' }),
      200,
    ).body;
    const after = released.position ?? '';
    expect(await inboxOf(d.officer, 'mine', after)).toEqual([]);
    expect(await inboxOf(d.head, 'unassigned', after, 'officer')).toMatchObject([
      { id: `${caseNo}:main`, assignee: null, assignedAt: null },
    ]);

    // The officer claims it back for himself: a short reason will do.
    const claimed = expectStatus('claim', await assign(d.officer, { ...body, reason: '认领' }), 200).body;
    expect(await inboxOf(d.officer, 'mine', claimed.position ?? '')).toHaveLength(1);

    // Every assignment is in the case's history, with who, when and why.
    const history = expectStatus(
      'history',
      await d.auditor.get<{ entries: AuditHistoryEntry[] }>(`/api/audit/cases/${caseNo}/history`),
      200,
    ).body;
    expect(
      history.entries.filter((e) => e.type === 'TaskAssigned').map((e) => [e.actor.id, e.reason]),
    ).toEqual([
      [users.head, '按分工由李强承办'],
      [users.head, '李强休假，退回部门'],
      [users.officer, '认领'],
    ]);
  });
});
