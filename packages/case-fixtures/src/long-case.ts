import { openSqliteLedger, type SqliteEventStore } from '@docket/event-store';
import { company, createCaseDesk, foodLicence, people } from './case-desk';

/** A named moment of the case: the ledger's head position and domain time just after a step. */
export interface Mark {
  name: string;
  position: bigint;
  instant: string;
}

export const SCRIPT_IN_REASON = '投诉属实<script>alert("docket")</script>';

/**
 * One food-licence case through everything the audit must replay, on a real SQLite ledger file: a
 * correction round (一次性告知 and supplement), acceptance, a step returned (退回), the returned step
 * running late until the clock raises a reminder, a yellow and a red card, a complaint about the delay,
 * a hearing (听证, special procedure: the clock pauses and resumes with moved deadlines), the decision,
 * delivery and a rating. A second case runs alongside so that its events sit between this one's.
 */
export async function buildLongCase(
  ledgerPath: string,
  options: { durability?: 'full' | 'normal'; onClose?: () => void } = {},
) {
  const ledger: SqliteEventStore = openSqliteLedger({
    path: ledgerPath,
    ...(options.durability === undefined ? {} : { durability: options.durability }),
  });
  const desk = createCaseDesk(ledger);
  const marks: Mark[] = [];
  const mark = async (name: string) => {
    const head = await ledger.head();
    marks.push({ name, position: head.position ?? 0n, instant: desk.now });
  };

  const food = await desk.defineItem(foodLicence);
  const caseNo = await desk.submit(food, company);
  const other = await desk.submit(food, {
    ...company,
    name: '上海生煎餐饮有限公司',
    idNumber: '91310101MA1FL000HY',
  });
  await mark('submitted');

  desk.advance(30);
  await desk.intake(
    caseNo,
    'RequestCorrection',
    { deficient: [{ code: 'licence', reason: '复印件不清晰' }] },
    people.clerk,
  );
  await mark('correction requested');

  desk.advance(2 * 420);
  await desk.intake(
    caseNo,
    'SupplementMaterials',
    { materials: [{ code: 'licence', count: 1, form: 'copy' }] },
    people.applicant,
  );
  desk.advance(60);
  await desk.accept(caseNo, food);
  await desk.accept(other, food);
  await mark('accepted');

  desk.advance(420);
  await desk.review(
    caseNo,
    'CompleteStep',
    { stepIndex: 0, outcome: 'pass', opinion: '材料审查合格' },
    people.officer,
  );
  desk.advance(240);
  await desk.review(
    caseNo,
    'CompleteStep',
    { stepIndex: 1, outcome: 'return', returnToStep: 0, opinion: '经营场所面积与平面图不符，退回承办核实' },
    people.reviewer,
  );
  await desk.review(
    other,
    'CompleteStep',
    { stepIndex: 0, outcome: 'pass', opinion: '同意' },
    people.officer,
  );
  await mark('returned');

  // The returned step runs late: the scheduler looks once a working day.
  const warnings: string[] = [];
  for (let day = 0; day < 6; day++) {
    desk.advance(420);
    const issued = await desk.evaluateTimers(caseNo);
    warnings.push(...issued.map((e) => e.type));
    if (issued.some((e) => e.type === 'YellowCardRaised')) await mark('yellow card');
    if (issued.some((e) => e.type === 'RedCardRaised')) await mark('red card');
  }

  desk.advance(30);
  const [submitted] = await desk.complaint(
    'TS20260316-0001',
    'SubmitComplaint',
    {
      id: 'TS20260316-0001',
      channel: 'online',
      type: 'delay',
      subject: { caseNo, department: 'huangpu-market' },
      complainant: { name: '刘洋', phone: '13900000000' },
      content: '食品经营许可承办超期未办结',
    },
    people.applicant,
    caseNo,
  );
  desk.advance(60);
  await desk.complaint(
    'TS20260316-0001',
    'AcceptComplaint',
    { reason: SCRIPT_IN_REASON },
    people.supervisor,
    caseNo,
  );
  await mark('complaint accepted');

  desk.advance(30);
  await desk.review(
    caseNo,
    'StartSpecialProcedure',
    { kind: 'hearing', reason: '申请人申请听证' },
    people.officer,
  );
  await mark('hearing started');
  desk.advance(3 * 420);
  warnings.push(...(await desk.evaluateTimers(caseNo)).map((e) => e.type));
  await desk.review(
    caseNo,
    'EndSpecialProcedure',
    { result: '听证会已举行，申请人陈述意见已记录' },
    people.officer,
  );
  await mark('hearing ended');

  desk.advance(60);
  await desk.review(
    caseNo,
    'CompleteStep',
    { stepIndex: 0, outcome: 'pass', opinion: '核实无误' },
    people.officer,
  );
  desk.advance(120);
  await desk.review(
    caseNo,
    'CompleteStep',
    { stepIndex: 1, outcome: 'pass', opinion: '同意' },
    people.reviewer,
  );
  desk.advance(120);
  const certificate = { name: '食品经营许可证', number: `JY3${caseNo.replaceAll('-', '')}` };
  await desk.decide(caseNo, { outcome: 'approved', opinion: '准予许可', certificate }, people.head);
  await mark('decided');

  desk.advance(60);
  const [delivered] = await desk.intake(
    caseNo,
    'DeliverResult',
    { method: 'window_pickup', recipient: { name: company.name, relation: 'applicant' } },
    people.clerk,
  );
  desk.advance(60);
  await desk.rate(
    caseNo,
    {
      caseNo,
      level: 4,
      comment: '办事效率有待提高',
      department: 'huangpu-market',
      closedAt: delivered!.occurredAt,
    },
    people.clerk,
  );
  await mark('rated');

  return {
    ledger,
    desk,
    caseNo,
    other,
    marks,
    /** The moment named, as recorded while the case was built. */
    at(name: string): Mark {
      const found = marks.find((m) => m.name === name);
      if (!found) throw new Error(`no mark ${name}`);
      return found;
    },
    warnings,
    complaintId: submitted!.stream.slice('complaint-'.length),
    async close() {
      await ledger.close();
      options.onClose?.();
    },
  };
}
export type LongCase = Awaited<ReturnType<typeof buildLongCase>>;
