import {
  type CaseDesk,
  company,
  createCaseDesk,
  foodLicence,
  people,
  planningPermit,
  queryCodeOf,
} from '@docket/case-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASES, type CaseDocument, getCase, publicStatus, searchCases } from '../src';
import { asHead, page, person, tree } from './support';
import { expectRebuildEqualsLive, openViews, type Views } from './views';

describe('case views: closed cases, masking and search', () => {
  let views: Views;
  let desk: CaseDesk;
  let promised = '';
  let declined = '';
  let withdrawn = '';
  let joint = '';

  beforeAll(async () => {
    views = await openViews();
    desk = createCaseDesk(views.ledger);
    promised = await desk.deliverPromisedCase(await desk.defineItem(foodLicence), company);
  });
  afterAll(async () => views.close());

  it('closes a declined and a withdrawn case with their result codes', async () => {
    const food = await desk.item(foodLicence.code);
    declined = await desk.submit(food, person('张三', '310101199001011234', '13912345678'));
    desk.advance(30);
    await desk.intake(
      declined,
      'DeclineApplication',
      { reason: '不属于本机关职权范围', legalBasis: '《行政许可法》第三十二条' },
      people.clerk,
    );
    desk.advance(30);
    withdrawn = await desk.submit(food, person('张伟', '310101198501293456', '13700001111'));
    desk.advance(30);
    await desk.intake(withdrawn, 'WithdrawApplication', { reason: '不再经营' }, people.clerk);
    await views.catchUp();

    expect(await getCase(views.store, declined, asHead)).toMatchObject({
      status: 'declined',
      outcome: 'declined',
    });
    expect(await getCase(views.store, withdrawn, asHead)).toMatchObject({
      status: 'withdrawn',
      outcome: 'withdrawn',
    });
    const pub = await publicStatus(views.store, declined, queryCodeOf(declined));
    expect(pub).toMatchObject({
      status: 'declined',
      statusText: '不予受理',
      result: { outcome: 'declined' },
    });
    expect(JSON.stringify(pub)).not.toContain('张三');
  });

  it('masks an applicant for a monitor and shows them in full to the handling department', async () => {
    const forMonitor = await getCase(views.store, declined, { actor: people.monitor, tree });
    expect(forMonitor?.applicant).toMatchObject({
      name: '张三',
      idNumber: '310101********1234',
      phone: '139****5678',
    });
    const forOfficer = await getCase(views.store, declined, { actor: people.officer, tree });
    expect(forOfficer?.applicant).toMatchObject({ idNumber: '310101199001011234', phone: '13912345678' });
    // Masking is at query time: the stored document keeps the full values.
    const stored = await views.store.get<CaseDocument>(CASES, declined);
    expect(stored?.applicant.idNumber).toBe('310101199001011234');
  });

  it('searches by department, status, applicant name prefix and overdue, newest first with a total', async () => {
    const permit = await desk.defineItem(planningPermit);
    joint = await desk.submit(permit, company);
    desk.advance(60);
    await desk.accept(joint, permit);
    await views.catchUp();

    const everything = await searchCases(views.store, {}, page, asHead);
    expect(everything.total).toBe(4);
    expect(everything.items.map((c) => c.caseNo)).toEqual([joint, withdrawn, declined, promised]);

    const planning = tree.subtree('huangpu-planning').map((d) => d.id);
    expect(
      (await searchCases(views.store, { departments: planning }, page, asHead)).items.map((c) => c.caseNo),
    ).toEqual([joint]);
    const market = tree.subtree('huangpu-market').map((d) => d.id);
    expect((await searchCases(views.store, { departments: market }, page, asHead)).total).toBe(3);
    expect(
      (await searchCases(views.store, { status: 'declined' }, page, asHead)).items.map((c) => c.caseNo),
    ).toEqual([declined]);
    expect(
      (await searchCases(views.store, { itemCode: '310101-PLAN-BP' }, page, asHead)).items.map(
        (c) => c.caseNo,
      ),
    ).toEqual([joint]);

    const zhang = await searchCases(views.store, { applicantNamePrefix: '张' }, page, asHead);
    expect(zhang.items.map((c) => c.applicantName)).toEqual(['张伟', '张三']);
    const second = await searchCases(
      views.store,
      { applicantNamePrefix: '张' },
      { offset: 1, limit: 1 },
      asHead,
    );
    expect(second).toMatchObject({ total: 2, items: [{ caseNo: declined }] });

    const jointCase = await getCase(views.store, joint, asHead);
    const deadline = Date.parse(jointCase?.promisedDeadline ?? '');
    const before = new Date(deadline - 60_000).toISOString();
    const after = new Date(deadline + 60_000).toISOString();
    expect((await searchCases(views.store, { overdue: { now: before } }, page, asHead)).total).toBe(0);
    // The delivered case's deadline has passed too, but it is closed: only running cases are overdue.
    const overdue = await searchCases(views.store, { overdue: { now: after } }, page, asHead);
    expect(overdue.items.map((c) => c.caseNo)).toEqual([joint]);

    const submittedAt = (await getCase(views.store, declined, asHead))?.submittedAt ?? '';
    const range = await searchCases(
      views.store,
      { submittedFrom: submittedAt, submittedBefore: jointCase?.submittedAt ?? '' },
      page,
      asHead,
    );
    expect(range.items.map((c) => c.caseNo)).toEqual([withdrawn, declined]);
  });

  it('counts a broad search only so deep, walks it newest first, and pages no deeper', async () => {
    // Four cases, searched as if 2 were the depth (10,000 in service): the count stops at 2 and says so.
    const market = tree.subtree('huangpu-market').map((d) => d.id);
    const all = await searchCases(views.store, { departments: market }, page, asHead);
    const capped = await searchCases(views.store, { departments: market }, page, asHead, 2);
    expect(capped).toMatchObject({ total: 2, totalCapped: true });
    // Walked in submission order, the page is the same as the sorted one, only as deep as the count.
    expect(capped.items.map((c) => c.caseNo)).toEqual(all.items.slice(0, 2).map((c) => c.caseNo));
    const second = await searchCases(
      views.store,
      { departments: market },
      { offset: 1, limit: 5 },
      asHead,
      2,
    );
    expect(second.items.map((c) => c.caseNo)).toEqual([all.items[1]!.caseNo]);
    expect(
      (await searchCases(views.store, { departments: market }, { offset: 2, limit: 5 }, asHead, 2)).items,
    ).toEqual([]);
    // Within the depth the count is exact.
    expect(all).toMatchObject({ total: 3, totalCapped: false });
  });

  it('rebuilds every view from position 0 to exactly what was built live', async () => {
    await expectRebuildEqualsLive(views);
  });
});
