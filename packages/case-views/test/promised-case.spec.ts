import {
  type CaseDesk,
  company,
  createCaseDesk,
  foodLicence,
  people,
  queryCodeOf,
} from '@docket/case-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseNotFound, getCase, publicStatus } from '../src';
import { asHead, openWork, work } from './support';
import { expectRebuildEqualsLive, openViews, type Views } from './views';

describe('case views: a promised case from submission to delivery', () => {
  let views: Views;
  let desk: CaseDesk;
  let promised = '';

  beforeAll(async () => {
    views = await openViews();
    desk = createCaseDesk(views.ledger);
  });
  afterAll(async () => views.close());

  it('lists a promised case through correction, acceptance, a return, the decision and delivery', async () => {
    const food = await desk.defineItem(foodLicence);
    promised = await desk.submit(food, company);
    await views.catchUp();
    expect(await getCase(views.store, promised, asHead)).toMatchObject({
      status: 'submitted',
      itemCode: '310101-FOOD-BL',
      itemName: '食品经营许可',
      department: 'huangpu-market',
      applicantName: '上海小笼包餐饮有限公司',
      channel: 'window',
      acceptedAt: null,
      promisedDeadline: null,
    });

    desk.advance(30);
    await desk.intake(
      promised,
      'RequestCorrection',
      { deficient: [{ code: 'licence', reason: '复印件不清晰' }] },
      people.clerk,
    );
    await views.catchUp();
    expect((await getCase(views.store, promised, asHead))?.status).toBe('correction_requested');
    const during = await publicStatus(views.store, promised, queryCodeOf(promised));
    expect(during.statusText).toBe('需补正材料');
    expect(during.correctionDeadline).not.toBeNull();

    desk.advance(2 * 420);
    await desk.intake(
      promised,
      'SupplementMaterials',
      { materials: [{ code: 'licence', count: 1, form: 'copy' }] },
      people.applicant,
    );
    desk.advance(60);
    await desk.accept(promised, food);
    await views.catchUp();
    const accepted = await getCase(views.store, promised, asHead);
    expect(accepted).toMatchObject({
      status: 'in_review',
      acceptingUnit: 'huangpu-window',
      currentStep: { index: 0, name: '承办', role: 'officer' },
    });
    expect(accepted?.promisedDeadline).toMatch(/^2026-03-\d\dT\d\d:\d\d:\d\d\.000Z$/);
    expect(await openWork(views.store, { departments: ['huangpu-market'] })).toMatchObject([
      {
        id: `${promised}:main`,
        kind: 'step',
        stepName: '承办',
        role: 'officer',
        promisedDeadline: accepted?.promisedDeadline,
      },
    ]);

    desk.advance(420);
    await desk.review(
      promised,
      'CompleteStep',
      { stepIndex: 0, outcome: 'pass', opinion: '合格' },
      people.officer,
    );
    await views.catchUp();
    expect(await openWork(views.store, { departments: ['huangpu-market'], roles: ['officer'] })).toEqual([]);
    expect(
      work(await openWork(views.store, { departments: ['huangpu-market'], roles: ['reviewer'] })),
    ).toEqual([{ id: `${promised}:main`, department: 'huangpu-market', role: 'reviewer', stepName: '审核' }]);

    desk.advance(300);
    await desk.review(
      promised,
      'CompleteStep',
      { stepIndex: 1, outcome: 'return', opinion: '请补充核查' },
      people.reviewer,
    );
    const returnedAt = desk.now;
    await views.catchUp();
    const back = await openWork(views.store, { departments: ['huangpu-market'] });
    expect(work(back)).toEqual([
      { id: `${promised}:main`, department: 'huangpu-market', role: 'officer', stepName: '承办' },
    ]);
    expect(back[0]?.activeSince).toBe(new Date(returnedAt).toISOString());
    expect((await getCase(views.store, promised, asHead))?.currentStep).toEqual({
      index: 0,
      name: '承办',
      role: 'officer',
    });

    desk.advance(240);
    await desk.review(
      promised,
      'CompleteStep',
      { stepIndex: 0, outcome: 'pass', opinion: '已补充' },
      people.officer,
    );
    desk.advance(200);
    await desk.review(
      promised,
      'CompleteStep',
      { stepIndex: 1, outcome: 'pass', opinion: '同意' },
      people.reviewer,
    );
    await views.catchUp();
    expect(work(await openWork(views.store, { departments: ['huangpu-market'] }))).toEqual([
      { id: `${promised}:main`, department: 'huangpu-market', role: 'head', stepName: '批准' },
    ]);

    desk.advance(120);
    const certificate = { name: '食品经营许可证', number: 'JY3310101000001', validUntil: '2031-02-09' };
    await desk.decide(promised, { outcome: 'approved', opinion: '准予许可', certificate }, people.head);
    await views.catchUp();
    expect(await openWork(views.store, { departments: ['huangpu-market'] })).toEqual([]);
    expect(await getCase(views.store, promised, asHead)).toMatchObject({
      status: 'decided',
      outcome: 'approved',
      currentStep: null,
      // intake recorded the decision in the same step (the desk plays the reaction): ready at the window
      resultReadyAt: new Date(desk.now).toISOString(),
    });

    desk.advance(60);
    await desk.intake(
      promised,
      'DeliverResult',
      { method: 'window_pickup', recipient: { name: '刘洋', relation: 'agent' } },
      people.clerk,
    );
    await views.catchUp();
    const delivered = await getCase(views.store, promised, asHead);
    expect(delivered?.status).toBe('delivered');
    expect(delivered?.deliveredAt).toBe(new Date(desk.now).toISOString());
    expect(delivered?.decidedAt).not.toBeNull();
  });

  it('answers the public lookup with the result and no personal data, only for the right query code', async () => {
    const status = await publicStatus(views.store, promised, queryCodeOf(promised));
    expect(status).toMatchObject({
      caseNo: promised,
      itemName: '食品经营许可',
      status: 'delivered',
      statusText: '已办结，结果已送达',
      result: {
        outcome: 'approved',
        certificateName: '食品经营许可证',
        certificateNumber: 'JY3310101000001',
      },
    });
    const shown = JSON.stringify(status);
    for (const personal of [company.name, company.phone, company.idNumber, '刘洋', '王敏'])
      expect(shown).not.toContain(personal);

    const wrong = await publicStatus(views.store, promised, 'Q999999').catch((e: unknown) => e);
    const unknown = await publicStatus(views.store, '2026-310101-999999', 'Q999999').catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(CaseNotFound);
    expect(unknown).toBeInstanceOf(CaseNotFound);
    expect((wrong as InstanceType<typeof CaseNotFound>).kind).toBe('not_found');
  });

  it('drops the work of a case withdrawn during review and keeps it withdrawn', async () => {
    const food = await desk.item(foodLicence.code);
    const caseNo = await desk.submit(food, company);
    desk.advance(60);
    await desk.accept(caseNo, food);
    await views.catchUp();
    expect((await openWork(views.store, { departments: ['huangpu-market'] })).map((w) => w.id)).toEqual([
      `${caseNo}:main`,
    ]);

    desk.advance(60);
    const withdrawn = await desk.intake(
      caseNo,
      'WithdrawApplication',
      { reason: '申请人书面申请撤回' },
      people.clerk,
    );
    // The review service's reaction to the withdrawal.
    await desk.review(
      caseNo,
      'CloseOnWithdrawal',
      { causationEventId: withdrawn[0]?.id ?? '' },
      people.review,
    );
    await views.catchUp();
    expect(await openWork(views.store, { departments: ['huangpu-market'] })).toEqual([]);
    expect(await getCase(views.store, caseNo, asHead)).toMatchObject({
      status: 'withdrawn',
      outcome: 'withdrawn',
      currentStep: null,
    });
    expect((await publicStatus(views.store, caseNo, queryCodeOf(caseNo))).statusText).toBe('已撤回');
  });

  it('rebuilds every view from position 0 to exactly what was built live', async () => {
    await expectRebuildEqualsLive(views);
  });
});
