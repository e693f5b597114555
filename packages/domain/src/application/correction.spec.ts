import { deciderSpec } from '@docket/testkit';
import { describe, expect, it } from 'vitest';
import { InvalidCommand, ReasonRequired } from '../shared/errors';
import { recordedBy } from '../shared/recorded-by';
import type { ProvidedMaterial, RequestCorrectionData } from './commands';
import type { OutstandingMaterial } from './errors';
import {
  ApplicationAlreadyAccepted,
  CorrectionAlreadyRequested,
  CorrectionNotYetDue,
  CorrectionWindowClosed,
  MaterialsStillMissing,
  NoCorrectionPending,
  NotAClerk,
  NotApplicantOrClerk,
  NotASystemActor,
  NothingToCorrect,
  NotTheApplicant,
  UnknownMaterial,
} from './errors';
import {
  accepted,
  applicant,
  clerk,
  command,
  complete,
  correctionExpired,
  correctionRequested,
  decider,
  firstHandler,
  formOnly,
  idMissing,
  monitoring,
  noticeAt,
  officer,
  otherApplicant,
  submitted,
  supplementDeadline,
  supplemented,
  suppliedAt,
} from './spec-support/fixtures';

const spec = deciderSpec(decider);
const window = [submitted(formOnly), firstHandler()];
const requestCorrection = (data: RequestCorrectionData, at = noticeAt, actor = clerk) =>
  command('RequestCorrection', data, actor, at);
const supplement = (materials: ProvidedMaterial[], actor = applicant, at = suppliedAt) =>
  command('SupplementMaterials', { materials }, actor, at);
const expire = (at: string, actor = monitoring) => command('ExpireCorrection', {}, actor, at);
const codes = (missing: unknown) => (missing as OutstandingMaterial[]).map((m) => m.code);

describe('RequestCorrection (一次性告知)', () => {
  it('lists every missing mandatory material in one notice, with the supplement deadline', () => {
    spec
      .given(window)
      .when(requestCorrection({ deficient: [] }))
      .then([correctionRequested()]);
  });

  it('adds the materials the clerk marks deficient, and conditional ones the case needs', () => {
    spec
      .given(window)
      .when(
        requestCorrection({
          deficient: [
            { code: 'form', reason: 'not signed' },
            { code: 'lease', reason: 'the premises are rented' },
          ],
          note: 'bring the originals',
        }),
      )
      .then([
        {
          type: 'CorrectionRequested',
          data: {
            items: [
              idMissing,
              {
                code: 'form',
                name: 'Application form',
                kind: 'deficient',
                reason: 'not signed',
                requiredCount: 1,
                form: 'original',
              },
              {
                code: 'lease',
                name: 'Lease contract',
                kind: 'deficient',
                reason: 'the premises are rented',
                requiredCount: 1,
                form: 'copy',
              },
            ],
            note: 'bring the originals',
            supplementDeadline,
            at: noticeAt,
            by: recordedBy(clerk),
          },
        },
      ]);
  });

  it('counts copies: one ID copy of two is a missing line, and a deficient mark joins it', () => {
    const short = [submitted([...formOnly, { code: 'id', count: 1, form: 'copy' }]), firstHandler()];
    spec
      .given(short)
      .when(requestCorrection({ deficient: [{ code: 'id', reason: 'blurred' }] }))
      .thenMatches(([event]) =>
        expect(event?.type === 'CorrectionRequested' && event.data.items).toEqual([
          { ...idMissing, reason: '2 required, 1 provided; blurred' },
        ]),
      );
  });

  it('refuses an empty notice', () => {
    spec
      .given([submitted(complete), firstHandler()])
      .when(requestCorrection({ deficient: [] }))
      .thenThrows(NothingToCorrect);
  });

  it('is issued once per application, even after the supplement', () => {
    spec
      .given([...window, correctionRequested()])
      .when(requestCorrection({ deficient: [{ code: 'form', reason: 'x' }] }, suppliedAt))
      .thenThrows(CorrectionAlreadyRequested, (e) => e.details.noticedAt === noticeAt);
    spec
      .given([...window, correctionRequested(), supplemented()])
      .when(requestCorrection({ deficient: [{ code: 'form', reason: 'x' }] }, suppliedAt))
      .thenThrows(CorrectionAlreadyRequested);
  });

  it('comes too late after five working days: the application counts as accepted on receipt', () => {
    spec
      .given(window)
      .when(requestCorrection({ deficient: [] }, '2026-03-09T16:59:00+08:00'))
      .thenMatches((events) => {
        expect(events).toHaveLength(1);
      });
    spec
      .given(window)
      .when(requestCorrection({ deficient: [] }, '2026-03-09T17:01:00+08:00'))
      .thenThrows(CorrectionWindowClosed, (e) => e.details.closedAt === '2026-03-09T17:00:00+08:00');
  });

  it('is refused after acceptance (a correction after acceptance is an anomaly)', () => {
    spec
      .given([submitted(), firstHandler(), accepted()])
      .when(requestCorrection({ deficient: [{ code: 'form', reason: 'x' }] }, '2026-03-05T10:00:00+08:00'))
      .thenThrows(ApplicationAlreadyAccepted);
  });

  it('needs a clerk, known materials and a reason for every deficient one', () => {
    spec
      .given(window)
      .when(requestCorrection({ deficient: [] }, noticeAt, officer))
      .thenThrows(NotAClerk);
    spec
      .given(window)
      .when(requestCorrection({ deficient: [{ code: 'tax', reason: 'x' }] }))
      .thenThrows(UnknownMaterial, (e) => e.details.code === 'tax');
    spec
      .given(window)
      .when(requestCorrection({ deficient: [{ code: 'form', reason: ' ' }] }))
      .thenThrows(ReasonRequired);
  });
});

describe('SupplementMaterials', () => {
  const inCorrection = [...window, correctionRequested()];

  it('records the supplement when it answers the whole notice, from the applicant or a clerk', () => {
    spec
      .given(inCorrection)
      .when(supplement([{ code: 'id', count: 2, form: 'copy' }]))
      .then([supplemented()]);
    spec
      .given(inCorrection)
      .when(supplement([{ code: 'id', count: 2, form: 'copy' }], clerk))
      .then([supplemented([{ code: 'id', count: 2, form: 'copy' }], clerk)]);
  });

  it('refuses a partial supplement, listing what is still missing; the notice stays open', () => {
    const notice = correctionRequested([
      idMissing,
      {
        code: 'form',
        name: 'Application form',
        kind: 'deficient',
        reason: 'not signed',
        requiredCount: 1,
        form: 'original',
      },
    ]);
    spec
      .given([...window, notice])
      .when(supplement([{ code: 'id', count: 1, form: 'copy' }]))
      .thenThrows(MaterialsStillMissing, (e) => codes(e.details.missing).join() === 'id,form');
    // A deficient material is only answered by a new one, not by the copy already handed in.
    spec
      .given([...window, notice])
      .when(supplement([{ code: 'id', count: 2, form: 'copy' }]))
      .thenThrows(MaterialsStillMissing, (e) => codes(e.details.missing).join() === 'form');
  });

  it('hands in only materials the item lists, each once', () => {
    spec
      .given(inCorrection)
      .when(
        supplement([
          { code: 'id', count: 2, form: 'copy' },
          { code: 'tax', count: 1, form: 'copy' },
        ]),
      )
      .thenThrows(UnknownMaterial, (e) => e.details.code === 'tax');
    spec
      .given(inCorrection)
      .when(
        supplement([
          { code: 'id', count: 1, form: 'copy' },
          { code: 'id', count: 1, form: 'copy' },
        ]),
      )
      .thenThrows(InvalidCommand, (e) =>
        (e.details.issues as string[]).includes('data.materials.1.code: material id is listed twice'),
      );
  });

  it('adds to copies already handed in for a material that was short', () => {
    const short = submitted([...formOnly, { code: 'id', count: 1, form: 'copy' }]);
    const notice = correctionRequested([{ ...idMissing, reason: '2 required, 1 provided' }]);
    spec
      .given([short, firstHandler(), notice])
      .when(supplement([{ code: 'id', count: 1, form: 'copy' }]))
      .thenState((state) => {
        expect(state.status).toBe('supplemented');
        expect(state.correction?.suppliedAt).toBe(suppliedAt);
      });
  });

  it('is only possible while a notice waits for materials', () => {
    spec
      .given(window)
      .when(supplement(complete))
      .thenThrows(NoCorrectionPending, (e) => e.details.status === 'submitted');
    spec
      .given([...inCorrection, supplemented()])
      .when(supplement(complete))
      .thenThrows(NoCorrectionPending);
  });

  it('is the applicant’s own act: another applicant or an officer may not supplement', () => {
    const online = [
      submitted(formOnly, { channel: 'web', by: applicant }),
      firstHandler(clerk, noticeAt),
      correctionRequested(),
    ];
    spec.given(online).when(supplement(complete, otherApplicant)).thenThrows(NotTheApplicant);
    spec
      .given(online)
      .when(supplement([{ code: 'id', count: 2, form: 'copy' }], applicant))
      .thenMatches((events) => expect(events).toHaveLength(1));
    spec.given(inCorrection).when(supplement(complete, officer)).thenThrows(NotApplicantOrClerk);
  });
});

describe('ExpireCorrection', () => {
  const inCorrection = [...window, correctionRequested()];

  it('ends the application when the supplement deadline has passed', () => {
    spec.given(inCorrection).when(expire(supplementDeadline)).then([correctionExpired]);
    spec
      .given(inCorrection)
      .when(expire(supplementDeadline))
      .thenState((state) => {
        expect(state.status).toBe('correction_expired');
        expect(state.resultCode).toBe('rejected_after_correction_expired');
        expect(state.correction?.expiredAt).toBe(supplementDeadline);
      });
  });

  it('waits for the deadline', () => {
    spec
      .given(inCorrection)
      .when(expire('2026-03-17T16:59:00+08:00'))
      .thenThrows(CorrectionNotYetDue, (e) => e.details.deadline === supplementDeadline);
  });

  it('is the system’s act, and needs a pending notice', () => {
    spec.given(inCorrection).when(expire(supplementDeadline, clerk)).thenThrows(NotASystemActor);
    spec.given(window).when(expire(supplementDeadline)).thenThrows(NoCorrectionPending);
    spec
      .given([...inCorrection, supplemented()])
      .when(expire(supplementDeadline))
      .thenThrows(NoCorrectionPending);
  });
});
