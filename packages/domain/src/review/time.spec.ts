import { deciderSpec } from '@docket/testkit';
import { describe, expect, it } from 'vitest';
import { ReasonRequired } from '../shared/errors';
import {
  AlreadyDecided,
  DeadlineNotPassed,
  DeemedApprovalNotAllowed,
  ExtensionAfterDeadline,
  ExtensionAlreadyGranted,
  ExtensionTooLong,
  NoSpecialProcedure,
  NotADepartmentHead,
  NotTheGovernmentHead,
  RoleNotAllowed,
  SpecialProcedureInProgress,
  SystemActorRequired,
  WrongDepartment,
} from './errors';
import type { ReviewEvent } from './events';
import {
  at,
  clerk,
  command,
  fireOfficer,
  fixtureGovernmentOf,
  given,
  governmentHead,
  head,
  monitoring,
  officer,
  opened,
  planHead,
  planReviewer,
  plusDays,
  promisedAtFinalStep,
  promisedItem,
  recorded,
  reviewDecider,
  reviewer,
  T0,
} from './fixtures';

const spec = deciderSpec(reviewDecider());

const startHearing = (actor = officer, reason: string | undefined = '申请人要求听证', now = at(2)) =>
  command('StartSpecialProcedure', { kind: 'hearing', reason, expectedEnd: plusDays(T0, 5) }, actor, now);
const endProcedure = (now: string, actor = officer) =>
  command('EndSpecialProcedure', { result: '听证结束，意见已记录' }, actor, now);
const extend = (workingDays: number, actor = head, reason: string | undefined = '情况复杂', now = at(4)) =>
  command('ApproveExtension', { workingDays, reason }, actor, now);
const deem = (now: string, actor = monitoring) =>
  command('DeemApproval', { causationEventId: 'evt-deadline-passed' }, actor, now);

describe('special procedures (特别程序: the clock is paused)', () => {
  it('starts with a reason, recording when and by whom so the clock can pause', () => {
    spec
      .given([given.promisedOpened()])
      .when(startHearing())
      .thenState((state, events) => {
        expect(events).toEqual([
          {
            type: 'SpecialProcedureStarted',
            data: {
              kind: 'hearing',
              reason: '申请人要求听证',
              expectedEnd: plusDays(T0, 5),
              at: at(2),
              by: recorded(officer),
            },
          },
        ]);
        const review = opened(state);
        expect(review.specialProcedures).toHaveLength(1);
        // the active step's time stops with the clock
        expect(review.main.steps[0]?.intervals).toEqual([{ from: T0, to: at(2) }]);
      });
  });

  it('needs a reason, and staff of the department', () => {
    spec.given([given.promisedOpened()]).when(startHearing(officer, ' ')).thenThrows(ReasonRequired);
    spec.given([given.promisedOpened()]).when(startHearing(clerk)).thenThrows(RoleNotAllowed);
    spec.given([given.promisedOpened()]).when(startHearing(fireOfficer)).thenThrows(WrongDepartment);
  });

  it('runs one at a time', () => {
    spec
      .given([given.promisedOpened(), given.specialStarted(officer, at(2))])
      .when(startHearing(officer, '再次听证', at(3)))
      .thenThrows(SpecialProcedureInProgress, (e) => e.details.kind === 'hearing');
  });

  it('blocks steps, answers and the decision while it runs', () => {
    spec
      .given([...promisedAtFinalStep(), given.specialStarted(head, at(3))])
      .when(command('Decide', { outcome: 'approved', opinion: '准予许可' }, head, at(4)))
      .thenThrows(SpecialProcedureInProgress);
    spec
      .given([given.promisedOpened(), given.specialStarted(officer, at(1))])
      .when(command('CompleteStep', { stepIndex: 0, outcome: 'pass' }, officer, at(2)))
      .thenThrows(SpecialProcedureInProgress);
    spec
      .given([given.jointOpened(), given.specialStarted({ ...officer, department: 'D-PLAN' }, at(1))])
      .when(command('AnswerJointOpinion', { department: 'D-FIRE', answer: 'agree' }, fireOfficer, at(2)))
      .thenThrows(SpecialProcedureInProgress);
  });

  it('ends only when one runs', () => {
    spec
      .given([given.promisedOpened()])
      .when(endProcedure(at(3)))
      .thenThrows(NoSpecialProcedure);
  });

  it('ends by moving every deadline later by the working time it lasted', () => {
    spec
      .given([
        given.jointOpened(),
        given.specialStarted({ ...officer, department: 'D-PLAN' }, plusDays(T0, 1)),
      ])
      .when(endProcedure(plusDays(T0, 3), { ...officer, department: 'D-PLAN' }))
      .thenState((state, events) => {
        expect(events[0]).toMatchObject({
          type: 'SpecialProcedureEnded',
          data: {
            kind: 'hearing',
            result: '听证结束，意见已记录',
            pausedWorkingMinutes: 2 * 1440,
            deadlines: { promised: plusDays(T0, 32), statutory: plusDays(T0, 47) },
            coHandlerDeadlines: { 'D-FIRE': plusDays(T0, 7), 'D-ENV': plusDays(T0, 9) },
          },
        });
        const review = opened(state);
        expect(review.deadlines.statutory).toBe(plusDays(T0, 47));
        expect(review.coHandlers.map((t) => t.deadline)).toEqual([plusDays(T0, 7), plusDays(T0, 9)]);
        expect(review.specialProcedures[0]?.interval).toEqual({ from: plusDays(T0, 1), to: plusDays(T0, 3) });
        expect(review.main.steps[0]?.intervals).toEqual([
          { from: T0, to: plusDays(T0, 1) },
          { from: plusDays(T0, 3) },
        ]);
      });
  });

  it('moves no deadline that had already passed when the procedure began', () => {
    spec
      .given([given.promisedOpened(), given.specialStarted(officer, plusDays(T0, 12))])
      .when(endProcedure(plusDays(T0, 14)))
      .thenState((state) => {
        expect(opened(state).deadlines).toEqual({ promised: plusDays(T0, 10), statutory: plusDays(T0, 22) });
      });
  });
});

describe('extension (延长)', () => {
  it('is granted by a head and moves both deadlines by the working days granted', () => {
    spec
      .given([given.promisedOpened()])
      .when(extend(10))
      .thenState((state, events) => {
        expect(events).toEqual([
          given.extended(head, 10, at(4), { promised: plusDays(T0, 20), statutory: plusDays(T0, 30) }),
        ]);
        expect(opened(state).extension?.workingDays).toBe(10);
      });
  });

  it('is at most 10 working days for one department and 15 for a joint case', () => {
    spec
      .given([given.promisedOpened()])
      .when(extend(11))
      .thenThrows(ExtensionTooLong, (e) => e.details.maximum === 10);
    spec
      .given([given.jointOpened()])
      .when(extend(16, governmentHead))
      .thenThrows(ExtensionTooLong, (e) => e.details.maximum === 15);
    spec
      .given([given.jointOpened()])
      .when(extend(15, governmentHead))
      .thenMatches((events) => expect(events[0]?.type).toBe('ExtensionApproved'));
  });

  it('takes its maxima from the decider’s context', () => {
    deciderSpec(reviewDecider({ maxExtensionWorkingDays: { single: 5 } }))
      .given([given.promisedOpened()])
      .when(extend(6))
      .thenThrows(ExtensionTooLong, (e) => e.details.maximum === 5);
  });

  it('is granted once', () => {
    const extended = given.extended(head, 5, at(3), {
      promised: plusDays(T0, 15),
      statutory: plusDays(T0, 25),
    });
    spec
      .given([given.promisedOpened(), extended])
      .when(extend(5))
      .thenThrows(ExtensionAlreadyGranted, (e) => e.details.workingDays === 5);
  });

  it('needs a head of the case’s department and a reason', () => {
    spec
      .given([given.promisedOpened()])
      .when(extend(5, reviewer))
      .thenThrows(NotADepartmentHead, (e) => e.kind === 'forbidden');
    spec.given([given.promisedOpened()]).when(extend(5, planHead)).thenThrows(WrongDepartment);
    spec
      .given([given.promisedOpened()])
      .when(extend(5, head, ''))
      .thenThrows(ReasonRequired);
  });

  describe('only within the limit (行政许可法 Art. 42)', () => {
    // promisedOpened: promised deadline T0 + 10 days, statutory T0 + 20 days.
    const statutory = plusDays(T0, 20);
    const justAfter = new Date(Date.parse(statutory) + 60_000).toISOString();

    it('is refused once the statutory deadline has passed, and records nothing', () => {
      spec
        .given([given.promisedOpened()])
        .when(extend(10, head, '情况复杂', justAfter))
        .thenThrows(
          ExtensionAfterDeadline,
          (e) =>
            e.kind === 'rule_broken' &&
            e.details.deadline === statutory &&
            e.details.now === justAfter &&
            e.details.article === '行政许可法第四十二条',
        );
      spec
        .given([given.promisedOpened()])
        .when(extend(3, head, '情况复杂', plusDays(T0, 25)))
        .thenThrows(ExtensionAfterDeadline);
    });

    it('is granted up to the statutory deadline itself, and after the promised one', () => {
      spec
        .given([given.promisedOpened()])
        .when(extend(10, head, '情况复杂', statutory))
        .thenMatches((events) =>
          expect(events[0]?.data).toMatchObject({ deadlines: { statutory: plusDays(T0, 30) } }),
        );
      // The promised limit is the centre's own commitment: past it, the statutory limit still runs.
      spec
        .given([given.promisedOpened()])
        .when(extend(10, head, '情况复杂', plusDays(T0, 15)))
        .thenMatches((events) => expect(events[0]?.type).toBe('ExtensionApproved'));
    });

    it('compares instants, not their spelling in another offset', () => {
      // The statutory deadline is 2026-03-22T01:00:00Z, 09:00 in Beijing.
      spec
        .given([given.promisedOpened()])
        .when(extend(10, head, '情况复杂', '2026-03-22T09:00:00+08:00'))
        .thenMatches((events) => expect(events[0]?.type).toBe('ExtensionApproved'));
      spec
        .given([given.promisedOpened()])
        .when(extend(10, head, '情况复杂', '2026-03-22T09:00:01+08:00'))
        .thenThrows(ExtensionAfterDeadline);
    });

    it('judges a deadline moved by an ended special procedure by its new value', () => {
      const ended: ReviewEvent = {
        type: 'SpecialProcedureEnded',
        data: {
          kind: 'hearing',
          result: '听证结束',
          pausedWorkingMinutes: 3 * 1440,
          deadlines: { promised: plusDays(T0, 13), statutory: plusDays(T0, 23) },
          coHandlerDeadlines: {},
          at: plusDays(T0, 5),
          by: recorded(officer),
        },
      };
      spec
        .given([given.promisedOpened(), given.specialStarted(officer, plusDays(T0, 2)), ended])
        .when(extend(5, head, '情况复杂', plusDays(T0, 22)))
        .thenMatches((events) => expect(events[0]?.type).toBe('ExtensionApproved'));
      spec
        .given([given.promisedOpened(), given.specialStarted(officer, plusDays(T0, 2)), ended])
        .when(extend(5, head, '情况复杂', plusDays(T0, 24)))
        .thenThrows(ExtensionAfterDeadline, (e) => e.details.deadline === plusDays(T0, 23));
    });

    it('counts the time left as frozen while a special procedure pauses the clock (Art. 45)', () => {
      // Paused with time left: past the unshifted deadline, the limit has not run out.
      spec
        .given([given.promisedOpened(), given.specialStarted(officer, plusDays(T0, 18))])
        .when(extend(5, head, '情况复杂', plusDays(T0, 25)))
        .thenMatches((events) => expect(events[0]?.type).toBe('ExtensionApproved'));
      // Paused when the limit had already run out: still too late.
      spec
        .given([given.promisedOpened(), given.specialStarted(officer, plusDays(T0, 21))])
        .when(extend(5, head, '情况复杂', plusDays(T0, 22)))
        .thenThrows(ExtensionAfterDeadline);
    });

    it('holds for a joint case against its own statutory deadline (45 working days)', () => {
      spec
        .given([given.jointOpened()])
        .when(extend(15, governmentHead, '情况复杂', plusDays(T0, 44)))
        .thenMatches((events) =>
          expect(events[0]?.data).toMatchObject({
            deadlines: { promised: plusDays(T0, 45), statutory: plusDays(T0, 60) },
          }),
        );
      spec
        .given([given.jointOpened()])
        .when(extend(15, governmentHead, '情况复杂', plusDays(T0, 46)))
        .thenThrows(ExtensionAfterDeadline, (e) => e.details.deadline === plusDays(T0, 45));
    });
  });

  describe('who approves (行政许可法 Art. 42)', () => {
    it('a joint case: the head of the people’s government at that level, not the lead department’s head', () => {
      spec
        .given([given.jointOpened()])
        .when(extend(15, planHead))
        .thenThrows(
          NotTheGovernmentHead,
          (e) => e.kind === 'forbidden' && e.details.role === 'government_head',
        );
      spec.given([given.jointOpened()]).when(extend(10, planReviewer)).thenThrows(NotTheGovernmentHead);
      spec
        .given([given.jointOpened()])
        .when(extend(15, governmentHead))
        .thenState((state, events) => {
          expect(events).toEqual([
            given.extended(governmentHead, 15, at(4), {
              promised: plusDays(T0, 45),
              statutory: plusDays(T0, 60),
            }),
          ]);
          expect(opened(state).extension?.by).toEqual(recorded(governmentHead));
        });
    });

    it('a case of one department: its own head, not the government’s', () => {
      spec
        .given([given.promisedOpened()])
        .when(extend(10, governmentHead))
        .thenThrows(NotADepartmentHead, (e) => e.kind === 'forbidden');
    });

    it('a joint case: the government of the lead department’s level, where the decider knows it', () => {
      const governed = deciderSpec(reviewDecider({ governmentOf: fixtureGovernmentOf }));
      governed
        .given([given.jointOpened()])
        .when(extend(15, governmentHead))
        .thenMatches((events) => expect(events[0]?.type).toBe('ExtensionApproved'));
      const otherGovernment = { ...governmentHead, id: 'u-gov-other', department: 'D-OTHER-GOV' };
      governed
        .given([given.jointOpened()])
        .when(extend(15, otherGovernment))
        .thenThrows(
          WrongDepartment,
          (e) => e.details.required === 'D-GOV' && e.details.actual === 'D-OTHER-GOV',
        );
      deciderSpec(reviewDecider({ governmentOf: () => undefined }))
        .given([given.jointOpened()])
        .when(extend(15, governmentHead))
        .thenThrows(WrongDepartment);
    });
  });
});

describe('deemed approval on timeout (超时默认)', () => {
  it('is refused before and at the statutory deadline', () => {
    spec
      .given([given.promisedOpened()])
      .when(deem(plusDays(T0, 15)))
      .thenThrows(DeadlineNotPassed, (e) => e.details.deadline === plusDays(T0, 20));
    spec
      .given([given.promisedOpened()])
      .when(deem(plusDays(T0, 20)))
      .thenThrows(DeadlineNotPassed);
  });

  it('compares instants, not their spelling in another offset', () => {
    // 09:00:01 in Beijing is one second after the deadline 01:00:00Z
    spec
      .given([given.promisedOpened()])
      .when(deem('2026-03-22T09:00:01+08:00'))
      .thenMatches((events) => expect(events[0]?.type).toBe('ApprovalDeemed'));
    spec
      .given([given.promisedOpened()])
      .when(deem('2026-03-22T08:59:59+08:00'))
      .thenThrows(DeadlineNotPassed);
  });

  it('is recorded past the deadline, with the accepting window answerable', () => {
    spec
      .given([given.promisedOpened(), given.passed(0, officer, at(1))])
      .when(deem(plusDays(T0, 21)))
      .thenState((state, events) => {
        expect(events).toEqual([
          {
            type: 'ApprovalDeemed',
            data: {
              outcome: 'deemed_approved',
              deadline: plusDays(T0, 20),
              responsibleUnit: 'W-WINDOW',
              causationEventId: 'evt-deadline-passed',
              at: plusDays(T0, 21),
              by: recorded(monitoring),
            },
          },
        ]);
        const review = opened(state);
        expect(review.outcome).toMatchObject({ result: 'deemed_approved', responsibleUnit: 'W-WINDOW' });
        expect(review.main.steps[1]?.intervals).toEqual([{ from: at(1), to: plusDays(T0, 21) }]);
      });
  });

  it('waits for the extended deadline', () => {
    const extended = given.extended(head, 10, at(3), {
      promised: plusDays(T0, 20),
      statutory: plusDays(T0, 30),
    });
    spec
      .given([given.promisedOpened(), extended])
      .when(deem(plusDays(T0, 25)))
      .thenThrows(DeadlineNotPassed, (e) => e.details.deadline === plusDays(T0, 30));
  });

  it('can be configured to follow the promised deadline', () => {
    deciderSpec(reviewDecider({ deemedApprovalDeadline: 'promised' }))
      .given([given.promisedOpened()])
      .when(deem(plusDays(T0, 11)))
      .thenMatches((events) => expect(events[0]?.data).toMatchObject({ deadline: plusDays(T0, 10) }));
  });

  it('applies only where the item allows it', () => {
    const opening = given.promisedOpened();
    if (opening.type !== 'ReviewOpened') throw new Error('fixture');
    opening.data.item = { ...promisedItem, deemedApprovalOnTimeout: false };
    spec
      .given([opening])
      .when(deem(plusDays(T0, 21)))
      .thenThrows(DeemedApprovalNotAllowed);
  });

  it('is not recorded while a special procedure pauses the clock', () => {
    spec
      .given([given.promisedOpened(), given.specialStarted(officer, plusDays(T0, 3))])
      .when(deem(plusDays(T0, 21)))
      .thenThrows(SpecialProcedureInProgress);
  });

  it('is not recorded for a decided case, and only by the system', () => {
    const decided: ReviewEvent[] = [...promisedAtFinalStep(), given.decided(head, 2, at(3))];
    spec
      .given(decided)
      .when(deem(plusDays(T0, 21)))
      .thenThrows(AlreadyDecided);
    spec
      .given([given.promisedOpened()])
      .when(deem(plusDays(T0, 21), head))
      .thenThrows(SystemActorRequired);
  });
});
