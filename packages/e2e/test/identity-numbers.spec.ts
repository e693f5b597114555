import { type Embedded, startEmbedded } from '@docket/embedded';
import type { EventStore } from '@docket/event-store';
import { demoUsers } from '@docket/identity';
import { silentLogger } from '@docket/service-kit';
import { tempDir } from '@docket/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Answer, company, DocketClient, FOOD_LICENCE, openDocketLedger } from '../src';

interface Problem {
  status: number;
  detail: string;
  code: string;
  details?: { issues?: string[] };
}

const materials = [
  { code: 'form', count: 1, form: 'original' },
  { code: 'licence', count: 1, form: 'copy' },
  { code: 'layout', count: 1, form: 'original' },
];

/** A person with a resident ID whose check digit is right (GB 11643: 31010419851212001 → 5). */
const person = {
  type: 'person',
  name: '张伟',
  idType: 'resident_id',
  idNumber: '310104198512120015',
  phone: '13912345670',
} as const;

/**
 * Issue 13: identity numbers are checked where they are typed (packages/domain/src/shared/identity-numbers.ts):
 * a resident ID by GB 11643 (date of birth, check digit), a unified social credit code by GB 32100 (check
 * character), a person's phone as a mobile number, a company's or a complainant's as any phone number.
 * A refusal is a 400 problem naming the field and the rule, and leaves the ledger as it was.
 */
describe('identity numbers and phones over HTTP', () => {
  let dir: ReturnType<typeof tempDir>;
  let docket: Embedded;
  let ledger: EventStore;
  let client: DocketClient;

  beforeAll(async () => {
    dir = tempDir('docket-e2e-identity-numbers-');
    docket = await startEmbedded({ dataDir: dir.path, port: 0, logger: silentLogger });
    // Personal values opened with the data directory's vault, as the services read them.
    ledger = openDocketLedger(dir.path);
    client = new DocketClient(docket.url);
  }, 60_000);

  afterAll(async () => {
    await ledger?.close();
    await docket?.close();
    dir?.cleanup();
  });

  const submit = async (applicant: unknown): Promise<Answer> =>
    client.send('POST', '/api/applications', await client.token(demoUsers.clerk.id), {
      itemCode: FOOD_LICENCE,
      applicant,
      channel: 'window',
      materials,
    });

  /** The answer is a 400 InvalidCommand problem+json with exactly these issues, and the ledger did not move. */
  async function refused(send: () => Promise<Answer>, issues: RegExp[]): Promise<Problem> {
    const before = { head: await ledger.head(), events: (await ledger.readAll()).length };
    const answer = await send();
    expect(answer.status, JSON.stringify(answer.body)).toBe(400);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(answer.body).toMatchObject({
      type: 'urn:docket:problem:InvalidCommand',
      status: 400,
      code: 'InvalidCommand',
    });
    const problem = answer.body as Problem;
    expect(problem.details?.issues).toEqual(issues.map((issue) => expect.stringMatching(issue)));
    expect({ head: await ledger.head(), events: (await ledger.readAll()).length }).toEqual(before);
    return problem;
  }

  it('a resident ID of 123 and a phone of x: a 400 naming applicant.idNumber (GB 11643) and applicant.phone', async () => {
    const problem = await refused(
      () => submit({ ...person, idNumber: '123', phone: 'x' }),
      [/^applicant\.idNumber: GB 11643 format: /, /^applicant\.phone: mobile number: /],
    );
    expect(problem.detail).toContain('applicant.idNumber: GB 11643 format');
    expect(problem.detail).toContain('applicant.phone: mobile number');
  });

  it('a resident ID with one digit mistyped: the GB 11643 check digit, without repeating the number', async () => {
    const problem = await refused(
      () => submit({ ...person, idNumber: '310104198512120016' }),
      [/^applicant\.idNumber: GB 11643 check digit: .*ISO 7064 MOD 11-2/],
    );
    expect(JSON.stringify(problem)).not.toContain('310104198512120016');
  });

  it('a resident ID born on 30 February, or after today: the GB 11643 date of birth', async () => {
    // Both check digits are right (11010519990230001 → 5, 11010520990101001 → 2): the date is what is wrong.
    await refused(
      () => submit({ ...person, idNumber: '110105199902300015' }),
      [/^applicant\.idNumber: GB 11643 date of birth: .*not a real date/],
    );
    // The schema has no clock: the decider compares the date with the day of the submission, and names
    // the field in the command (`data.` and the body's path).
    await refused(
      () => submit({ ...person, idNumber: '110105209901010012' }),
      [/^data\.applicant\.idNumber: GB 11643 date of birth: .*after today/],
    );
  });

  it("a company's credit code with a wrong check character: GB 32100, at applicant.idNumber", async () => {
    await refused(
      () => submit({ ...company, idNumber: '91350100M000100Y44' }),
      [/^applicant\.idNumber: GB 32100 check character: /],
    );
    await refused(
      () => submit({ ...company, idNumber: '91350100MO00100Y43' }),
      [/^applicant\.idNumber: GB 32100 format: /],
    );
  });

  it("a company's phone must be a phone number; a person's a mobile number; the agent's too", async () => {
    await refused(() => submit({ ...company, phone: 'x' }), [/^applicant\.phone: phone number: /]);
    await refused(() => submit({ ...person, phone: '021-63211234' }), [/^applicant\.phone: mobile number: /]);
    await refused(
      () =>
        submit({
          ...company,
          agent: { name: '李四', idType: 'resident_id', idNumber: '440524188001010015', phone: '1' },
        }),
      [/^applicant\.agent\.idNumber: GB 11643 check digit: /, /^applicant\.agent\.phone: mobile number: /],
    );
  });

  it("a complainant's phone of x: a 400 naming complainant.phone", async () => {
    const monitor = await client.token(demoUsers.monitor.id);
    await refused(
      () =>
        client.send('POST', '/api/supervision/complaints', monitor, {
          channel: 'phone',
          type: 'delay',
          subject: { department: 'huangpu' },
          complainant: { name: '刘洋', phone: 'x' },
          content: '办理过程中多次往返',
        }),
      [/^complainant\.phone: phone number: /],
    );
  });

  it('valid numbers are accepted: a resident ID with a lowercase x is recorded with X; a company with a landline', async () => {
    const answer = await submit({
      ...person,
      idNumber: '11010519491231002x',
      agent: { name: '李四', idType: 'passport', idNumber: 'E12345678', phone: '+852 9123 4567' },
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    const { caseNo } = answer.body as { caseNo: string };
    const [submitted] = await ledger.readStream(`application-${caseNo}`);
    expect(submitted?.data).toMatchObject({
      applicant: {
        idNumber: '11010519491231002X',
        phone: '13912345670',
        agent: { idNumber: 'E12345678', phone: '+852 9123 4567' },
      },
    });

    const landline = await submit({ ...company, idNumber: '91350100m000100y43', phone: '021-63211234转801' });
    expect(landline.status, JSON.stringify(landline.body)).toBe(201);
    const [recorded] = await ledger.readStream(`application-${(landline.body as { caseNo: string }).caseNo}`);
    expect(recorded?.data).toMatchObject({
      applicant: { idNumber: '91350100M000100Y43', phone: '021-63211234转801' },
    });

    const complained = await client.send(
      'POST',
      '/api/supervision/complaints',
      await client.token(demoUsers.monitor.id),
      {
        channel: 'phone',
        type: 'delay',
        subject: { caseNo },
        complainant: { name: '刘洋', phone: '021-63211234' },
        content: '办理过程中多次往返',
      },
    );
    expect(complained.status, JSON.stringify(complained.body)).toBe(201);
  });
});
