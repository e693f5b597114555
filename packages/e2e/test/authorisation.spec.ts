import { join } from 'node:path';
import { demoCatalogue, type Embedded, startEmbedded } from '@docket/embedded';
import { type EventStore, openSqliteLedger } from '@docket/event-store';
import { type Directory, demoDirectory } from '@docket/identity';
import { silentLogger } from '@docket/service-kit';
import { tempDir } from '@docket/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Answer,
  BUILDING_PERMIT,
  BUILDING_PERMIT_MATERIALS,
  certificateFor,
  clockStarted,
  company,
  DocketClient,
  desks,
  expectStatus,
  FOOD_LICENCE,
  person,
  reviewOpened,
  submit,
  until,
} from '../src';

/**
 * The demo centre has one administrator, at the district root, so no administrator can be outside a
 * department's subtree. This test's centre adds one for a street (南京东路街道), to test the scope.
 */
const streetAdmin: Directory['users'][number] = {
  id: 'u-admin-nanjingdong',
  name: '南京东路街道管理员',
  roles: ['admin'],
  department: 'huangpu-nanjingdong',
};

function directoryWithStreetAdmin(): Directory {
  const demo = demoDirectory();
  const users = [...demo.users, streetAdmin];
  return { tree: demo.tree, users, findUser: (id) => users.find((user) => user.id === id) };
}

const [foodItem] = demoCatalogue;
const itemFor = (code: string, department: string) => ({ item: { ...foodItem, code, department } });

/**
 * Issue 3, authorisation: whoever may not do something is answered 403 (naming what is missing) and the
 * ledger is unchanged; reads are limited to the case's departments, its applicant and auditors, and
 * personal data is masked for everyone who does not handle the case.
 */
describe('authorisation over HTTP', () => {
  let dir: ReturnType<typeof tempDir>;
  let docket: Embedded;
  let ledger: EventStore;
  let client: DocketClient;
  /** A food licence case (huangpu-market) of a person, accepted: its review is open at step 0. */
  let market: string;
  /** A food licence case, submitted and not yet accepted. */
  let waiting: string;
  /** A joint building permit case (lead huangpu-planning; co-handlers fire and market), in review. */
  let joint: string;

  beforeAll(async () => {
    dir = tempDir('docket-e2e-authorisation-');
    docket = await startEmbedded({
      dataDir: dir.path,
      port: 0,
      logger: silentLogger,
      directory: directoryWithStreetAdmin(),
    });
    ledger = openSqliteLedger({ path: join(dir.path, 'ledger.db') });
    client = new DocketClient(docket.url);
    const d = desks(client);
    market = (await submit(d.clerk, { applicant: person })).caseNo;
    expectStatus('accept', await d.clerk.post(`/api/applications/${market}/acceptance`, {}), 200);
    waiting = (await submit(d.clerk, { applicant: person })).caseNo;
    joint = (
      await submit(d.clerk, {
        itemCode: BUILDING_PERMIT,
        applicant: person,
        materials: BUILDING_PERMIT_MATERIALS,
      })
    ).caseNo;
    expectStatus('accept joint', await d.clerk.post(`/api/applications/${joint}/acceptance`, {}), 200);
    // The reviews are opened by a reaction: once they are, nothing more is written unless a test asks.
    await reviewOpened(d.officer, market);
    await reviewOpened(d.planningOfficer, joint);
    // And monitoring has started their clocks: the last writes the acceptances cause.
    await clockStarted(ledger, market);
    await clockStarted(ledger, joint);
    // The case list is a read model: wait until it holds all three.
    for (const caseNo of [market, waiting, joint])
      await until(`${caseNo} in the case list`, async () =>
        (await d.clerk.get(`/api/cases/${caseNo}`)).status === 200 ? true : undefined,
      );
  }, 60_000);

  afterAll(async () => {
    await ledger?.close();
    await docket?.close();
    dir?.cleanup();
  });

  const head = () => ledger.head();

  interface Refusal {
    who: string;
    does: string;
    method?: 'POST' | 'PUT';
    path: () => string;
    body: () => unknown;
    /** What the refusal names: the missing role, the scope, the read-only role. */
    because: RegExp;
  }

  const step0 = { stepIndex: 0, outcome: 'pass', opinion: '材料齐全' };
  const approval = () => ({ outcome: 'approved', opinion: '准予许可', certificate: certificateFor(market) });

  const refusals: Refusal[] = [
    {
      who: 'u-officer-he',
      does: 'a planning officer completes a step of a market case',
      path: () => `/api/reviews/${market}/step-completions`,
      body: () => step0,
      because: /huangpu-market is outside huangpu-planning/,
    },
    {
      who: 'u-officer-tang',
      does: 'a street officer completes a step of a district case',
      path: () => `/api/reviews/${market}/step-completions`,
      body: () => step0,
      because: /huangpu-market is outside huangpu-nanjingdong/,
    },
    {
      who: 'u-auditor-wu',
      does: 'the auditor submits an application',
      path: () => '/api/applications',
      body: () => ({ itemCode: FOOD_LICENCE, applicant: company, channel: 'window', materials: [] }),
      because: /read-only role auditor/,
    },
    {
      who: 'u-auditor-wu',
      does: 'the auditor accepts',
      path: () => `/api/applications/${waiting}/acceptance`,
      body: () => ({}),
      because: /read-only role auditor/,
    },
    {
      who: 'u-auditor-wu',
      does: 'the auditor completes a step',
      path: () => `/api/reviews/${market}/step-completions`,
      body: () => step0,
      because: /read-only role auditor/,
    },
    {
      who: 'u-auditor-wu',
      does: 'the auditor decides',
      path: () => `/api/reviews/${market}/decision`,
      body: approval,
      because: /read-only role auditor/,
    },
    {
      who: 'u-auditor-wu',
      does: 'the auditor defines a catalogue item',
      path: () => '/api/catalogue/items',
      body: () => itemFor('310101-AUDIT-1', 'huangpu-market'),
      because: /read-only role auditor/,
    },
    {
      who: 'u-monitor-sun',
      does: 'the monitor decides',
      path: () => `/api/reviews/${market}/decision`,
      body: approval,
      because: /read-only role monitor/,
    },
    {
      who: 'u-supervisor-qian',
      does: 'the supervisor withdraws an application',
      path: () => `/api/applications/${waiting}/withdrawal`,
      body: () => ({ reason: '督办' }),
      because: /read-only role supervisor/,
    },
    {
      who: 'u-clerk-wang',
      does: 'the clerk decides',
      path: () => `/api/reviews/${market}/decision`,
      body: approval,
      because: /needs role reviewer or head/,
    },
    {
      who: 'u-officer-li',
      does: 'the officer of the case’s own department decides',
      path: () => `/api/reviews/${market}/decision`,
      body: approval,
      because: /needs role reviewer or head/,
    },
    {
      who: 'u-reviewer-chen',
      does: 'a reviewer approves an extension (heads only)',
      path: () => `/api/reviews/${market}/extensions`,
      body: () => ({ workingDays: 5, reason: '需现场核查' }),
      because: /needs role head/,
    },
    {
      who: 'u-reviewer-chen',
      does: 'a reviewer forwards the case up (heads only)',
      path: () => `/api/reviews/${market}/forward-up`,
      body: () => ({ authority: '上海市市场监督管理局', reason: '跨区经营' }),
      because: /needs role head/,
    },
    {
      who: 'u-applicant-liu',
      does: 'an applicant accepts',
      path: () => `/api/applications/${waiting}/acceptance`,
      body: () => ({}),
      because: /needs role clerk/,
    },
    {
      who: 'u-applicant-liu',
      does: 'an applicant withdraws a case that is not theirs',
      path: () => `/api/applications/${waiting}/withdrawal`,
      body: () => ({ reason: '不想办了' }),
      because: /only on the actor's own case/,
    },
    {
      who: 'u-clerk-sun',
      does: 'the street clerk accepts a district case',
      path: () => `/api/applications/${waiting}/acceptance`,
      body: () => ({}),
      because: /huangpu-market is outside huangpu-nanjingdong/,
    },
    {
      who: 'u-admin',
      does: 'the administrator accepts (administrators keep the catalogue)',
      path: () => `/api/applications/${waiting}/acceptance`,
      body: () => ({}),
      because: /needs role clerk/,
    },
    {
      who: 'u-officer-li',
      does: 'an officer defines a catalogue item',
      path: () => '/api/catalogue/items',
      body: () => itemFor('310101-OFFICER-1', 'huangpu-market'),
      because: /needs role admin/,
    },
    {
      who: streetAdmin.id,
      does: 'a street administrator defines an item for a district department',
      path: () => '/api/catalogue/items',
      body: () => itemFor('310101-STREET-1', 'huangpu-market'),
      because: /huangpu-market is outside huangpu-nanjingdong/,
    },
    {
      who: streetAdmin.id,
      does: 'a street administrator revises a district item',
      method: 'PUT',
      path: () => `/api/catalogue/items/${FOOD_LICENCE}`,
      body: () => ({ item: foodItem, note: '调整' }),
      because: /huangpu-market is outside huangpu-nanjingdong/,
    },
    {
      who: 'u-officer-xu',
      does: 'a co-handler (fire) answers for another co-handler (market)',
      path: () => `/api/reviews/${joint}/joint-answers`,
      body: () => ({ department: 'huangpu-market', answer: 'agree' }),
      because: /huangpu-market is outside huangpu-fire/,
    },
    {
      who: 'u-officer-li',
      does: 'a co-handler (market) answers for another co-handler (fire)',
      path: () => `/api/reviews/${joint}/joint-answers`,
      body: () => ({ department: 'huangpu-fire', answer: 'disagree', reason: '代答' }),
      because: /huangpu-fire is outside huangpu-market/,
    },
    {
      who: 'u-officer-xu',
      does: 'a co-handler completes a step of the lead department',
      path: () => `/api/reviews/${joint}/step-completions`,
      body: () => step0,
      because: /huangpu-planning is outside huangpu-fire/,
    },
  ];

  it.each(refusals)('403 when $does ($who), and nothing is written', async (refusal) => {
    const before = await head();
    const desk = client.as(refusal.who);
    const answer: Answer<{ code?: string; detail?: string; status?: number }> =
      refusal.method === 'PUT'
        ? await desk.put(refusal.path(), refusal.body())
        : await desk.post(refusal.path(), refusal.body());
    expect(answer.status, JSON.stringify(answer.body)).toBe(403);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(answer.body).toMatchObject({
      type: 'urn:docket:problem:Forbidden',
      code: 'Forbidden',
      status: 403,
    });
    expect(answer.body.detail).toMatch(refusal.because);
    expect(await head()).toEqual(before);
  });

  it('the same kinds of request succeed for those allowed (so the refusals above are about who asks)', async () => {
    const ok = async (who: string, path: string, body: unknown, status = 200) =>
      expectStatus(`${who} ${path}`, await client.as(who).post(path, body), status);
    await ok('u-officer-li', `/api/reviews/${market}/step-completions`, step0);
    await ok('u-officer-xu', `/api/reviews/${joint}/joint-answers`, {
      department: 'huangpu-fire',
      answer: 'agree',
    });
    // Within the street administrator's own subtree (贵州路社区).
    await ok(
      streetAdmin.id,
      '/api/catalogue/items',
      itemFor('310101-GZ-1', 'huangpu-nanjingdong-guizhou'),
      201,
    );
    await ok('u-clerk-wang', `/api/applications/${waiting}/acceptance`, {});
    await reviewOpened(client.as('u-officer-li'), waiting);
  });

  describe('reading a case', () => {
    it.each([
      ['u-officer-li', 'an officer of the case’s department', 200],
      ['u-clerk-wang', 'the district clerk who accepted it', 200],
      ['u-auditor-wu', 'the auditor', 200],
      ['u-monitor-sun', 'the district monitor', 200],
      ['u-officer-he', 'an officer of another department', 403],
      ['u-monitor-jiang', 'a street monitor (the case is outside the street)', 403],
      ['u-clerk-sun', 'the street clerk', 403],
      ['u-applicant-liu', 'an applicant whose case it is not', 403],
    ])('%s (%s): GET /api/cases/{caseNo} and /api/reviews/{caseNo} answer %i', async (who, _, status) => {
      const desk = client.as(who);
      const asCase = await desk.get<{ code?: string }>(`/api/cases/${market}`);
      const asReview = await desk.get<{ code?: string }>(`/api/reviews/${market}`);
      expect([asCase.status, asReview.status]).toEqual([status, status]);
      if (status === 403) {
        expect(asCase.body.code).toBe('Forbidden');
        expect(JSON.stringify(asCase.body)).not.toContain(person.name);
      }
    });

    it('a co-handling department reads the joint case, though not another department’s case', async () => {
      const fire = client.as('u-officer-xu');
      expect((await fire.get(`/api/cases/${joint}`)).status).toBe(200);
      expect((await fire.get(`/api/cases/${market}`)).status).toBe(403);
    });

    it('the auditor reads everything: every case, in the list and one by one', async () => {
      const auditor = client.as('u-auditor-wu');
      const list = await auditor.get<{ total: number; items: { caseNo: string }[] }>('/api/cases?limit=200');
      expect(list.status).toBe(200);
      expect(list.body.items.map((c) => c.caseNo)).toEqual(expect.arrayContaining([market, waiting, joint]));
      for (const caseNo of [market, waiting, joint]) {
        expect((await auditor.get(`/api/cases/${caseNo}`)).status).toBe(200);
        expect((await auditor.get(`/api/reviews/${caseNo}`)).status).toBe(200);
      }
    });

    it('a planning officer’s case list holds only what planning may see', async () => {
      const list = await client
        .as('u-officer-he')
        .get<{ items: { caseNo: string }[] }>('/api/cases?limit=200');
      const seen = list.body.items.map((c) => c.caseNo);
      expect(seen).toContain(joint);
      expect(seen).not.toContain(market);
      expect(seen).not.toContain(waiting);
    });
  });

  describe('personal data (PIPL): masked for those who watch, not for those who handle the case', () => {
    const full = { idNumber: person.idNumber, phone: person.phone, address: person.address };
    const masked = { idNumber: '310101********1234', phone: '139****5678' };

    it.each([
      ['u-clerk-wang', 'the accepting clerk', 'full'],
      ['u-officer-li', 'an officer of the case’s department', 'full'],
      ['u-monitor-sun', 'the monitor', 'masked'],
      ['u-auditor-wu', 'the auditor', 'masked'],
      ['u-supervisor-qian', 'the supervisor', 'masked'],
      ['u-admin', 'the administrator', 'masked'],
    ] as const)('%s (%s) sees the applicant %s, in the case and in the list', async (who, _, sees) => {
      const desk = client.as(who);
      const one = await desk.get<{ applicant: Record<string, unknown> }>(`/api/cases/${market}`);
      expect(one.status).toBe(200);
      const list = await desk.get<{ items: { caseNo: string; applicant: Record<string, unknown> }[] }>(
        '/api/cases?limit=200',
      );
      const listed = list.body.items.find((c) => c.caseNo === market)?.applicant;
      for (const applicant of [one.body.applicant, listed]) {
        expect(applicant).toMatchObject({ name: person.name, ...(sees === 'full' ? full : masked) });
        if (sees === 'masked') {
          const text = JSON.stringify(applicant);
          expect(text).not.toContain(person.idNumber);
          expect(text).not.toContain(person.phone);
          expect(text).not.toContain(person.address);
        }
      }
    });
  });
});
