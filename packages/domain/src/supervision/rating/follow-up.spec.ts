import { deciderSpec } from '@docket/testkit';
import { describe, expect, it } from 'vitest';
import { ReasonRequired } from '../../shared/errors';
import { NotASupervisor, NotDepartmentStaff, NotTheDepartment, OverdueFlaggedBySystemOnly } from '../errors';
import {
  applicant,
  at,
  head,
  marketClerk,
  monitoring,
  officer,
  planHead,
  planOfficer,
  plusDays,
  recorded,
  reviewer,
  supervisor,
} from '../fixtures';
import type { RatingCommand } from './commands';
import {
  AppealAlreadyDecided,
  AppealAlreadyMade,
  NoAppealMade,
  NotASupervisorOrHead,
  RectificationAlreadyRecorded,
  RectificationDeadlineNotPassed,
  RectificationNotDue,
  RectificationOverdueAlreadyFlagged,
} from './errors';
import { RatingEvent } from './events';
import { command, given, RECTIFY_BY, rate, rated, ratingDecider } from './fixtures';

const spec = deciderSpec(ratingDecider());

const callBack = (actor = head, now = at(4), notes = '电话回访，申请人反映补正告知不清') =>
  command('RecordCallBack', { notes }, actor, now);
const rectify = (actor = officer, now = at(30), measures = '修订一次性告知单，组织窗口培训') =>
  command('RecordRectification', { measures }, actor, now);
const flagOverdue = (now: string, actor = monitoring) => command('FlagRectificationOverdue', {}, actor, now);
const appeal = (actor = officer, now = at(6), reason = '三次补正均因申请人提交材料错误，已一次性告知') =>
  command('AppealRating', { reason }, actor, now);
const decideAppeal = (upheld: boolean, actor = supervisor, now = at(8), reason?: string) =>
  command(
    'DecideRatingAppeal',
    {
      upheld,
      reason: reason ?? (upheld ? '经核查一次性告知单完整，差评不予采信' : '告知单未列明材料规格，差评成立'),
    },
    actor,
    now,
  );

describe('call-back after a bad rating (回访)', () => {
  it('is recorded by the department’s head or a supervisor, as often as needed', () => {
    spec.given([given.badRating()]).when(callBack()).then([given.calledBack()]);
    spec
      .given([given.badRating(), given.calledBack()])
      .when(callBack(supervisor, at(5), '二次回访，申请人认可整改'))
      .thenState((state) => {
        expect(rated(state).callBacks.map((c) => c.by)).toEqual([recorded(head), recorded(supervisor)]);
      });
  });

  it('is not made by the department’s officers, nor by another department’s head', () => {
    spec.given([given.badRating()]).when(callBack(officer)).thenThrows(NotASupervisorOrHead);
    spec.given([given.badRating()]).when(callBack(planHead)).thenThrows(NotTheDepartment);
  });

  it('needs written notes', () => {
    spec
      .given([given.badRating()])
      .when(callBack(head, at(4), ' '))
      .thenThrows(ReasonRequired);
  });
});

describe('rectification (整改)', () => {
  it('is recorded by the department’s staff, in time', () => {
    spec
      .given([given.badRating(), given.calledBack()])
      .when(rectify())
      .thenState((state, events) => {
        expect(events).toEqual([given.rectified()]);
        expect(rated(state).rectification).toMatchObject({ late: false });
      });
  });

  it('is recorded as late after the rectification deadline', () => {
    spec
      .given([given.badRating()])
      .when(rectify(reviewer, plusDays(RECTIFY_BY, 1)))
      .thenMatches(([e]) => expect(e?.data).toMatchObject({ late: true, rectifyBy: RECTIFY_BY }));
    spec
      .given([given.badRating()])
      .when(rectify(reviewer, RECTIFY_BY))
      .thenMatches(([e]) => expect(e?.data).toMatchObject({ late: false }));
  });

  it('comes from the rated department’s staff, written, once', () => {
    spec.given([given.badRating()]).when(rectify(planOfficer)).thenThrows(NotTheDepartment);
    spec.given([given.badRating()]).when(rectify(marketClerk)).thenThrows(NotDepartmentStaff);
    spec
      .given([given.badRating()])
      .when(rectify(officer, at(30), ''))
      .thenThrows(ReasonRequired);
    spec
      .given([given.badRating(), given.rectified()])
      .when(rectify(head, at(40)))
      .thenThrows(RectificationAlreadyRecorded, (e) => e.details.rectifiedAt === at(30));
  });
});

describe('flagging an overdue rectification', () => {
  const afterDeadline = plusDays(RECTIFY_BY, 1);

  it('is recorded by the system once the deadline passed without a rectification', () => {
    spec
      .given([given.badRating()])
      .when(flagOverdue(afterDeadline))
      .thenState((state, events) => {
        expect(events).toEqual([
          {
            type: 'RatingRectificationOverdue',
            data: { rectifyBy: RECTIFY_BY, at: afterDeadline, by: recorded(monitoring) },
          },
        ]);
        expect(rated(state).rectificationOverdue?.at).toBe(afterDeadline);
      });
  });

  it('flags once', () => {
    spec
      .given([given.badRating(), given.overdue()])
      .when(flagOverdue(plusDays(RECTIFY_BY, 2)))
      .thenThrows(RectificationOverdueAlreadyFlagged);
  });

  it('waits for the deadline, and not for a pending appeal', () => {
    spec.given([given.badRating()]).when(flagOverdue(RECTIFY_BY)).thenThrows(RectificationDeadlineNotPassed);
    spec
      .given([given.badRating(), given.appealed()])
      .when(flagOverdue(afterDeadline))
      .thenMatches((events) => expect(events.map((e) => e.type)).toEqual(['RatingRectificationOverdue']));
  });

  it('is not raised after a rectification, after an upheld appeal, or by a person', () => {
    spec
      .given([given.badRating(), given.rectified()])
      .when(flagOverdue(afterDeadline))
      .thenThrows(RectificationAlreadyRecorded);
    spec
      .given([given.badRating(), given.appealed(), given.appealDecided(true)])
      .when(flagOverdue(afterDeadline))
      .thenThrows(RectificationNotDue);
    spec
      .given([given.badRating()])
      .when(flagOverdue(afterDeadline, head))
      .thenThrows(OverdueFlaggedBySystemOnly);
  });
});

describe('appealing a bad rating (申诉)', () => {
  it('is made by the department’s staff, with a reason', () => {
    spec.given([given.badRating()]).when(appeal()).then([given.appealed()]);
    spec
      .given([given.badRating()])
      .when(appeal(officer, at(6), '  '))
      .thenThrows(ReasonRequired);
    spec.given([given.badRating()]).when(appeal(planOfficer)).thenThrows(NotTheDepartment);
    spec.given([given.badRating()]).when(appeal(applicant)).thenThrows(NotDepartmentStaff);
  });

  it('is made once, even after it was decided', () => {
    spec
      .given([given.badRating(), given.appealed()])
      .when(appeal(head, at(7)))
      .thenThrows(AppealAlreadyMade);
    spec
      .given([given.badRating(), given.appealed(), given.appealDecided(false)])
      .when(appeal(head, at(9)))
      .thenThrows(AppealAlreadyMade, (e) => e.details.appealedAt === at(6));
  });

  it('upheld, takes the rating out of the dissatisfied count', () => {
    spec
      .given([given.badRating(), given.appealed()])
      .when(decideAppeal(true))
      .thenState((state, events) => {
        expect(events).toEqual([given.appealDecided(true)]);
        expect(rated(state)).toMatchObject({
          bad: true,
          countsAsDissatisfied: false,
          appeal: { decision: { upheld: true } },
        });
      });
  });

  it('rejected, leaves the rating counting as dissatisfied', () => {
    spec
      .given([given.badRating(), given.appealed()])
      .when(decideAppeal(false))
      .thenState((state, events) => {
        expect(events[0]?.data).toMatchObject({ upheld: false, countsAsDissatisfied: true });
        expect(rated(state).countsAsDissatisfied).toBe(true);
      });
  });

  it('is decided by a supervisor, with a reason, once, and only when made', () => {
    spec.given([given.badRating()]).when(decideAppeal(true)).thenThrows(NoAppealMade);
    spec
      .given([given.badRating(), given.appealed()])
      .when(decideAppeal(true, head))
      .thenThrows(NotASupervisor);
    spec
      .given([given.badRating(), given.appealed()])
      .when(decideAppeal(true, supervisor, at(8), ' '))
      .thenThrows(ReasonRequired);
    spec
      .given([given.badRating(), given.appealed(), given.appealDecided(false)])
      .when(decideAppeal(true, supervisor, at(9)))
      .thenThrows(AppealAlreadyDecided, (e) => e.details.upheld === false);
  });
});

describe('a bad rating from start to finish', () => {
  it('goes through call-back, rectification and an upheld appeal, every event matching its schema', () => {
    const decider = ratingDecider();
    const commands: RatingCommand[] = [
      rate(5),
      callBack(head, at(4)),
      appeal(officer, at(6)),
      rectify(officer, at(30)),
      decideAppeal(true, supervisor, at(50)),
      callBack(supervisor, at(60), '告知申诉结果'),
    ];
    let state = decider.initialState();
    const types: string[] = [];
    for (const next of commands) {
      for (const e of decider.decide(next, state)) {
        expect(RatingEvent.parse(e)).toEqual(e);
        types.push(e.type);
        state = decider.evolve(state, e);
      }
    }
    expect(types).toEqual([
      'RatingSubmitted',
      'RatingCallBackRecorded',
      'RatingAppealed',
      'RatingRectificationRecorded',
      'RatingAppealDecided',
      'RatingCallBackRecorded',
    ]);
    expect(rated(state)).toMatchObject({
      level: 5,
      bad: true,
      countsAsDissatisfied: false,
      rectification: { late: false },
      appeal: { decision: { upheld: true } },
    });
    expect(rated(state).callBacks).toHaveLength(2);
  });
});
