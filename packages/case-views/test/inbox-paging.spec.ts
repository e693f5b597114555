import {
  type CaseDesk,
  company,
  createCaseDesk,
  foodLicence,
  people,
  planningPermit,
} from '@docket/case-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InboxItem, inbox, rolesKeysFor } from '../src';
import { openViews, type Views } from './views';

const MARKET = 'huangpu-market';

/**
 * 待办 at scale: the inbox answers a page at a time with the total, every filter a condition on the
 * read model (roles, assignee, item, deadline range), so a department with thousands of open tasks
 * never loads them all.
 */
describe('case views: the inbox a page at a time', () => {
  let views: Views;
  let desk: CaseDesk;
  const food: string[] = [];
  let joint = '';

  beforeAll(async () => {
    views = await openViews();
    desk = createCaseDesk(views.ledger);
    const foodItem = await desk.defineItem(foodLicence);
    const permit = await desk.defineItem(planningPermit);
    for (let n = 0; n < 7; n++) {
      const caseNo = await desk.submit(foodItem, company);
      await desk.accept(caseNo, foodItem);
      food.push(caseNo);
      desk.advance(420); // each accepted a working day later: deadlines a working day apart
    }
    joint = await desk.submit(permit, company);
    await desk.accept(joint, permit);
    // The second food case moves to 审核: reviewer's work now.
    await desk.review(
      food[1]!,
      'CompleteStep',
      { stepIndex: 0, outcome: 'pass', opinion: '材料齐全' },
      people.officer,
    );
    await views.catchUp();
  });
  afterAll(async () => views.close());

  const ids = (items: InboxItem[]) => items.map((item) => item.caseNo);

  it('pages most urgent first, with the total of every page', async () => {
    const everything = await inbox(views.store, { departments: [MARKET] });
    // Seven food cases, and the joint case's co-handler answer for 市场监管.
    expect(everything.total).toBe(8);
    const deadlines = everything.items.map((item) => item.deadline);
    expect(deadlines).toEqual([...deadlines].sort());

    const first = await inbox(views.store, { departments: [MARKET] }, { offset: 0, limit: 3 });
    const second = await inbox(views.store, { departments: [MARKET] }, { offset: 3, limit: 3 });
    const last = await inbox(views.store, { departments: [MARKET] }, { offset: 6, limit: 3 });
    expect(first.total).toBe(8);
    expect([...first.items, ...second.items, ...last.items].map((item) => item.id)).toEqual(
      everything.items.map((item) => item.id),
    );
    expect(last.items).toHaveLength(2);
  });

  it('lists the work a role may do: a step by its role, a joint answer for every staff role', async () => {
    const officer = await inbox(views.store, { departments: [MARKET], roles: ['officer'] });
    expect(officer.total).toBe(7);
    expect(ids(officer.items)).not.toContain(food[1]);
    expect(ids(officer.items)).toContain(joint);
    const reviewer = await inbox(views.store, { departments: [MARKET], roles: ['reviewer'] });
    expect(ids(reviewer.items).sort()).toEqual([food[1], joint].sort());
    // A head may do a head's step, a joint answer and a consolidation: every role set holding 'head'.
    expect(rolesKeysFor(['head'])).toEqual([
      'head',
      'head,officer',
      'head,reviewer',
      'head,officer,reviewer',
    ]);
  });

  it('filters by item and by a deadline range, and counts what it filters', async () => {
    const permits = await inbox(views.store, { departments: [MARKET], itemCode: planningPermit.code });
    expect(permits).toMatchObject({ total: 1, items: [{ caseNo: joint, kind: 'joint_answer' }] });

    const foodOnly = await inbox(views.store, { departments: [MARKET], itemCode: foodLicence.code });
    const third = foodOnly.items[2]!;
    const fifth = foodOnly.items[4]!;
    const between = await inbox(views.store, {
      departments: [MARKET],
      itemCode: foodLicence.code,
      deadlineFrom: third.deadline,
      deadlineBefore: fifth.deadline,
    });
    expect(between.total).toBe(2);
    expect(between.items.map((item) => item.id)).toEqual([third.id, foodOnly.items[3]!.id]);
    // The same instant with another offset is the same bound.
    const shanghai = new Date(Date.parse(third.deadline) + 8 * 3_600_000)
      .toISOString()
      .replace('Z', '+08:00');
    const again = await inbox(views.store, {
      departments: [MARKET],
      itemCode: foodLicence.code,
      deadlineFrom: shanghai,
      deadlineBefore: fifth.deadline,
    });
    expect(again.items.map((item) => item.id)).toEqual(between.items.map((item) => item.id));
  });

  it('filters by assignee: held by one officer, or the department pool', async () => {
    await desk.review(
      food[4]!,
      'AssignTask',
      { taskId: 'main', assignee: people.officer.id, reason: '按分工分派' },
      people.head,
    );
    await views.catchUp();
    const held = await inbox(views.store, { departments: [MARKET], assignee: people.officer.id });
    expect(held).toMatchObject({ total: 1, items: [{ caseNo: food[4] }] });
    const pool = await inbox(views.store, { departments: [MARKET], assignee: null });
    expect(pool.total).toBe(7);
    expect(ids(pool.items)).not.toContain(food[4]);
  });
});
