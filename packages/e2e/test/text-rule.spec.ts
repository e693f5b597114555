import { join } from 'node:path';
import { type Embedded, startEmbedded } from '@docket/embedded';
import { type EventStore, openSqliteLedger } from '@docket/event-store';
import { demoUsers } from '@docket/identity';
import { silentLogger } from '@docket/service-kit';
import { tempDir } from '@docket/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Answer, company, DocketClient, FOOD_LICENCE } from '../src';

interface Problem {
  status: number;
  detail: string;
  code: string;
  details?: { issues?: string[]; code?: string };
}

const materials = [
  { code: 'form', count: 1, form: 'original' },
  { code: 'licence', count: 1, form: 'copy' },
  { code: 'layout', count: 1, form: 'original' },
];

/**
 * Issue 14: what a person types enters the legal record only as visible, NFC text (the text rule,
 * packages/domain/src/shared/text.ts), and a submission hands in each of the item's materials at most once.
 * Every refusal is a 400 problem naming the field or the code, and leaves the ledger as it was.
 */
describe('the text rule and the material codes over HTTP', () => {
  let dir: ReturnType<typeof tempDir>;
  let docket: Embedded;
  let ledger: EventStore;
  let client: DocketClient;

  beforeAll(async () => {
    dir = tempDir('docket-e2e-text-rule-');
    docket = await startEmbedded({ dataDir: dir.path, port: 0, logger: silentLogger });
    ledger = openSqliteLedger({ path: join(dir.path, 'ledger.db') });
    client = new DocketClient(docket.url);
  }, 60_000);

  afterAll(async () => {
    await ledger?.close();
    await docket?.close();
    dir?.cleanup();
  });

  const submit = async (body: unknown): Promise<Answer> =>
    client.send('POST', '/api/applications', await client.token(demoUsers.clerk.id), body);

  /** The answer is a 400 problem+json, and the ledger (read through its own handle) did not move. */
  async function refused(body: unknown, code: string): Promise<Problem> {
    const before = { head: await ledger.head(), events: (await ledger.readAll()).length };
    const answer = await submit(body);
    expect(answer.status, JSON.stringify(answer.body)).toBe(400);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(answer.body).toMatchObject({ type: `urn:docket:problem:${code}`, status: 400, code });
    expect({ head: await ledger.head(), events: (await ledger.readAll()).length }).toEqual(before);
    return answer.body as Problem;
  }

  it('a right-to-left override in the applicant’s name (公司A shown as A司公) is a 400 naming applicant.name', async () => {
    const problem = await refused(
      {
        itemCode: FOOD_LICENCE,
        applicant: { ...company, name: '上海\u202E公司A' },
        channel: 'window',
        materials,
      },
      'InvalidCommand',
    );
    expect(problem.details?.issues).toEqual([expect.stringMatching(/^applicant\.name: .*U\+202E/)]);
    expect(problem.detail).toContain('applicant.name');
  });

  it('a name of a zero-width space only, or with a line break, is refused; so is an address with NUL', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...company, name: '\u200B' }, /^applicant\.name: .*U\+200B/],
      [{ ...company, name: '上海小笼包\r\n餐饮有限公司' }, /^applicant\.name: .*line break/],
      [{ ...company, address: '南京东路\u0000100号' }, /^applicant\.address: .*U\+0000/],
    ];
    for (const [applicant, issue] of cases) {
      const problem = await refused(
        { itemCode: FOOD_LICENCE, applicant, channel: 'window', materials },
        'InvalidCommand',
      );
      expect(problem.details?.issues).toEqual([expect.stringMatching(issue)]);
    }
  });

  it('a material handed in twice, or one the item does not list, is a 400 naming the code', async () => {
    const twice = await refused(
      {
        itemCode: FOOD_LICENCE,
        applicant: company,
        channel: 'window',
        materials: [...materials, materials[0]],
      },
      'InvalidCommand',
    );
    expect(twice.details?.issues).toEqual([expect.stringMatching(/^materials\.3\.code: .*\bform\b.*twice/)]);

    const unknown = await refused(
      {
        itemCode: FOOD_LICENCE,
        applicant: company,
        channel: 'window',
        materials: [...materials, { code: 'tax-receipt', count: 1, form: 'copy' }],
      },
      'UnknownMaterial',
    );
    expect(unknown.details?.code).toBe('tax-receipt');
    expect(unknown.detail).toContain('tax-receipt');
  });

  it('a minority name with a middle dot and full-width punctuation is recorded, in NFC', async () => {
    // "e" + combining acute (NFD) is stored as the one character é (NFC).
    const name = '阿卜杜·热合曼（上海）餐饮，Cafe\u0301';
    const answer = await submit({
      itemCode: FOOD_LICENCE,
      applicant: { ...company, name, address: '上海市黄浦区《南京东路》100号、101号。' },
      channel: 'window',
      materials,
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    const { caseNo } = answer.body as { caseNo: string };
    const [submitted] = await ledger.readStream(`application-${caseNo}`);
    expect(submitted?.type).toBe('ApplicationSubmitted');
    const { applicant } = (submitted?.data ?? {}) as { applicant: { name: string; address: string } };
    expect(applicant.name).toBe('阿卜杜·热合曼（上海）餐饮，Caf\u00E9');
    expect(applicant.name).toBe(name.normalize('NFC'));
    expect(applicant.address).toBe('上海市黄浦区《南京东路》100号、101号。');
  });
});
