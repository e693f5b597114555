import {
  type CaseDesk,
  company,
  createCaseDesk,
  people,
  planningPermit,
  queryCodeOf,
} from '@docket/case-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCase, publicStatus } from '../src';
import { asHead, openWork, work } from './support';
import { expectRebuildEqualsLive, openViews, type Views } from './views';

describe('case views: a joint case with two co-handlers', () => {
  let views: Views;
  let desk: CaseDesk;
  let joint = '';
  let permit: Awaited<ReturnType<CaseDesk['defineItem']>>;

  beforeAll(async () => {
    views = await openViews();
    desk = createCaseDesk(views.ledger);
  });
  afterAll(async () => views.close());

  it('shows each co-handler its pending joint answer and the lead its consolidation once all answered', async () => {
    permit = await desk.defineItem(planningPermit);
    joint = await desk.submit(permit, company);
    desk.advance(60);
    await desk.accept(joint, permit);
    await views.catchUp();

    expect(await getCase(views.store, joint, asHead)).toMatchObject({
      category: 'joint',
      department: 'huangpu-planning',
      coHandlers: ['huangpu-fire', 'huangpu-market'],
      status: 'in_review',
    });
    const all = ['huangpu-planning', 'huangpu-fire', 'huangpu-market'];
    expect(
      work(await openWork(views.store, { departments: all }))
        .map((w) => w.id)
        .sort(),
    ).toEqual([`${joint}:co:huangpu-fire`, `${joint}:co:huangpu-market`, `${joint}:main`].sort());
    // The fire brigade's own limit (5 days) comes before the market's (7) and the case's promise (30).
    expect((await openWork(views.store, { departments: all })).map((w) => w.id)).toEqual([
      `${joint}:co:huangpu-fire`,
      `${joint}:co:huangpu-market`,
      `${joint}:main`,
    ]);
    expect(work(await openWork(views.store, { departments: ['huangpu-fire'] }))).toEqual([
      { id: `${joint}:co:huangpu-fire`, department: 'huangpu-fire', role: 'officer', stepName: null },
    ]);

    // 特别程序 (site survey) while the co-handlers are still to answer: the case and its work are on hold,
    // and on resumption every deadline moves by the paused working time.
    const opened = await getCase(views.store, joint, asHead);
    const fireBefore = (await openWork(views.store, { departments: ['huangpu-fire'] }))[0];
    desk.advance(30);
    await desk.review(
      joint,
      'StartSpecialProcedure',
      { kind: 'site_survey', reason: '现场踏勘' },
      people.planningOfficer,
    );
    await views.catchUp();
    expect((await getCase(views.store, joint, asHead))?.status).toBe('special_procedure');
    expect((await openWork(views.store, { departments: all })).map((w) => w.onHold)).toEqual([
      true,
      true,
      true,
    ]);
    expect((await publicStatus(views.store, joint, queryCodeOf(joint))).status).toBe('special_procedure');
    desk.advance(2 * 420);
    await desk.review(joint, 'EndSpecialProcedure', { result: '踏勘完成' }, people.planningOfficer);
    await views.catchUp();
    const resumed = await getCase(views.store, joint, asHead);
    expect(resumed?.status).toBe('in_review');
    expect(Date.parse(resumed?.promisedDeadline ?? '')).toBeGreaterThan(
      Date.parse(opened?.promisedDeadline ?? ''),
    );
    expect(Date.parse(resumed?.statutoryDeadline ?? '')).toBeGreaterThan(
      Date.parse(opened?.statutoryDeadline ?? ''),
    );
    const fireAfter = (await openWork(views.store, { departments: ['huangpu-fire'] }))[0];
    expect(fireAfter?.onHold).toBe(false);
    expect(Date.parse(fireAfter?.deadline ?? '')).toBeGreaterThan(Date.parse(fireBefore?.deadline ?? ''));
    expect(fireAfter?.promisedDeadline).toBe(resumed?.promisedDeadline);
    expect((await publicStatus(views.store, joint, queryCodeOf(joint))).promisedDeadline).toBe(
      resumed?.promisedDeadline,
    );

    desk.advance(120);
    await desk.review(
      joint,
      'AnswerJointOpinion',
      { department: 'huangpu-fire', answer: 'agree' },
      people.fireOfficer,
    );
    await views.catchUp();
    expect(await openWork(views.store, { departments: ['huangpu-fire'] })).toEqual([]);
    expect((await openWork(views.store, { departments: ['huangpu-planning'] })).map((w) => w.id)).toEqual([
      `${joint}:main`,
    ]);

    desk.advance(120);
    await desk.review(
      joint,
      'AnswerJointOpinion',
      { department: 'huangpu-market', answer: 'disagree', reason: '经营场所不符合要求' },
      people.officer,
    );
    const lastAnswerAt = desk.now;
    await views.catchUp();
    expect(await openWork(views.store, { departments: ['huangpu-market'] })).toEqual([]);
    const lead = await openWork(views.store, { departments: ['huangpu-planning'], roles: ['reviewer'] });
    expect(lead).toMatchObject([
      {
        id: `${joint}:consolidation`,
        kind: 'consolidation',
        activeSince: new Date(lastAnswerAt).toISOString(),
      },
    ]);

    desk.advance(60);
    await desk.review(
      joint,
      'ConsolidateJointOpinions',
      { summary: '消防同意，市场监管不同意', opinion: '综合意见', reason: '市场监管意见需申请人整改' },
      people.planningReviewer,
    );
    await views.catchUp();
    expect((await openWork(views.store, { departments: all })).map((w) => w.id)).toEqual([`${joint}:main`]);

    // 延长: the extension (a joint case's: the people's government head's, 行政许可法 Art. 42) moves the
    // deadlines in every view.
    await desk.review(
      joint,
      'ApproveExtension',
      { workingDays: 5, reason: '需补充专家论证' },
      people.governmentHead,
    );
    await views.catchUp();
    const extended = await getCase(views.store, joint, asHead);
    expect(Date.parse(extended?.promisedDeadline ?? '')).toBeGreaterThan(
      Date.parse(resumed?.promisedDeadline ?? ''),
    );
    expect((await openWork(views.store, { departments: all }))[0]).toMatchObject({
      deadline: extended?.promisedDeadline,
      promisedDeadline: extended?.promisedDeadline,
    });
    expect((await publicStatus(views.store, joint, queryCodeOf(joint))).promisedDeadline).toBe(
      extended?.promisedDeadline,
    );
  });

  it('分派: shows whom each task is assigned to, filters by assignee, and clears on release', async () => {
    const assigned = await desk.submit(permit, company);
    desk.advance(60);
    await desk.accept(assigned, permit);
    await views.catchUp();
    const all = ['huangpu-planning', 'huangpu-fire', 'huangpu-market'];
    const mine = async (assignee: string | null) =>
      (await openWork(views.store, { departments: all, assignee }))
        .filter((w) => w.caseNo === assigned)
        .map((w) => w.id)
        .sort();
    expect(await mine(null)).toHaveLength(3);

    desk.advance(10);
    await desk.review(
      assigned,
      'AssignTask',
      { taskId: 'main', assignee: people.planningOfficer.id, reason: '按分工分派' },
      people.planningHead,
    );
    const assignedAt = new Date(desk.now).toISOString();
    desk.advance(10);
    await desk.review(
      assigned,
      'AssignTask',
      { taskId: 'co:huangpu-fire', assignee: people.fireOfficer.id, reason: '认领' },
      people.fireOfficer,
    );
    await views.catchUp();
    const [main] = await openWork(views.store, {
      departments: ['huangpu-planning'],
      assignee: people.planningOfficer.id,
    });
    expect(main).toMatchObject({ id: `${assigned}:main`, assignee: people.planningOfficer.id, assignedAt });
    expect(await mine(people.fireOfficer.id)).toEqual([`${assigned}:co:huangpu-fire`]);
    expect(await mine(null)).toEqual([`${assigned}:co:huangpu-market`]);

    // Both co-handlers answer: the consolidation falls due and is the main task's work, so its assignee's.
    desk.advance(10);
    await desk.review(
      assigned,
      'AnswerJointOpinion',
      { department: 'huangpu-fire', answer: 'agree' },
      people.fireOfficer,
    );
    await desk.review(
      assigned,
      'AnswerJointOpinion',
      { department: 'huangpu-market', answer: 'agree' },
      people.officer,
    );
    await views.catchUp();
    expect(await mine(people.planningOfficer.id)).toEqual([`${assigned}:consolidation`, `${assigned}:main`]);

    desk.advance(10);
    await desk.review(
      assigned,
      'AssignTask',
      { taskId: 'main', assignee: null, reason: '退回部门' },
      people.planningHead,
    );
    await views.catchUp();
    expect(await mine(people.planningOfficer.id)).toEqual([]);
    expect(
      (await openWork(views.store, { departments: ['huangpu-planning'] }))
        .filter((w) => w.caseNo === assigned)
        .map((w) => [w.id, w.assignee, w.assignedAt])
        .sort(),
    ).toEqual([
      [`${assigned}:consolidation`, null, null],
      [`${assigned}:main`, null, null],
    ]);
  });

  it('rebuilds every view from position 0 to exactly what was built live', async () => {
    await expectRebuildEqualsLive(views);
  });
});
