import { deciderSpec } from '@docket/testkit';
import { describe, expect, it } from 'vitest';
import { InvalidCommand } from '../../shared/errors';
import {
  applicant,
  at,
  calendar2026,
  clerk,
  officer,
  otherApplicant,
  plusDays,
  recorded,
  T0,
} from '../fixtures';
import type { RatingCommand } from './commands';
import {
  CaseAlreadyRated,
  NotTheCaseApplicant,
  RatingBeforeCaseClosed,
  RatingNotBad,
  RatingNotFound,
} from './errors';
import { ratingStreamName } from './events';
import { command, given, RECTIFY_BY, rate, rated, ratingDecider } from './fixtures';

const spec = deciderSpec(ratingDecider());

describe('rating a case (好差评)', () => {
  it('records a good rating with nothing to follow up', () => {
    spec
      .given([])
      .when(rate(1))
      .thenState((state, events) => {
        expect(events).toEqual([given.goodRating()]);
        expect(rated(state)).toMatchObject({
          status: 'rated',
          level: 1,
          bad: false,
          countsAsDissatisfied: false,
        });
      });
    expect(ratingStreamName('C-2026-0001')).toBe('rating-C-2026-0001');
  });

  it('marks levels 4 and 5 as bad, due for rectification within 5 working days; 3 is not bad', () => {
    const withComment = rate(5);
    spec
      .given([])
      .when({ ...withComment, data: { ...withComment.data, comment: '  材料来回补了三次 ' } })
      .then([given.badRating(5)]);
    spec
      .given([])
      .when(rate(4))
      .thenMatches(([e]) =>
        expect(e?.data).toMatchObject({ bad: true, countsAsDissatisfied: true, rectifyBy: RECTIFY_BY }),
      );
    spec
      .given([])
      .when(rate(3))
      .thenMatches(([e]) => {
        expect(e?.data).toMatchObject({ bad: false, countsAsDissatisfied: false });
        expect(e?.data).not.toHaveProperty('rectifyBy');
      });
  });

  it('counts the rectification limit with the configured working days', () => {
    deciderSpec(ratingDecider({ rectifyWorkingDays: 3 }))
      .given([])
      .when(rate(5))
      .thenMatches(([e]) =>
        expect(e?.data).toMatchObject({ rectifyWorkingDays: 3, rectifyBy: plusDays(at(2), 3) }),
      );
  });

  it('counts the limit over the May Day holiday with the real 2026 calendar', () => {
    // Thu 30 Apr: 1–5 May off; Wed 6, Thu 7, Fri 8, Sat 9 (make-up), Mon 11.
    const real = deciderSpec(ratingDecider({ calendar: calendar2026 }));
    real
      .given([])
      .when(rate(4, applicant, '2026-04-30T10:00:00+08:00'))
      .thenMatches(([e]) => expect(e?.data).toMatchObject({ rectifyBy: '2026-05-11T17:30:00+08:00' }));
  });

  it('lets a window clerk key in a paper rating, recorded as such', () => {
    spec
      .given([])
      .when(
        command(
          'RateService',
          { caseNo: 'C-2026-0001', level: 2, department: 'D-MARKET', closedAt: T0 },
          clerk,
          at(3),
        ),
      )
      .thenMatches(([e]) => expect(e?.data).toMatchObject({ enteredBy: 'clerk', by: recorded(clerk) }));
  });

  it('is given by the case’s own applicant only', () => {
    spec
      .given([])
      .when(rate(5, otherApplicant))
      .thenThrows(NotTheCaseApplicant, (e) => e.details.actorId === otherApplicant.id);
    const noAccount = rate(5);
    spec
      .given([])
      .when({ ...noAccount, data: { ...noAccount.data, applicantUserId: undefined } })
      .thenThrows(NotTheCaseApplicant);
    spec.given([]).when(rate(5, officer)).thenThrows(NotTheCaseApplicant);
  });

  it('comes after the case closed', () => {
    spec
      .given([])
      .when(rate(2, applicant, plusDays(T0, -1)))
      .thenThrows(RatingBeforeCaseClosed, (e) => e.details.closedAt === T0);
  });

  it('has a level from 1 to 5', () => {
    for (const level of [0, 6, 2.5]) {
      spec
        .given([])
        .when(rate(level))
        .thenThrows(InvalidCommand, (e) => String(e.details.issues).includes('level'));
    }
  });

  it('is given once per case', () => {
    spec
      .given([given.goodRating()])
      .when(rate(5, applicant, at(5)))
      .thenThrows(CaseAlreadyRated, (e) => e.details.caseNo === 'C-2026-0001' && e.details.ratedAt === at(2));
  });

  it('has nothing to follow up before it exists, or when it is not bad', () => {
    const callBack = command('RecordCallBack', { notes: '回访' }, officer, at(4));
    spec.given([]).when(callBack).thenThrows(RatingNotFound);
    spec
      .given([given.goodRating()])
      .when(command('AppealRating', { reason: '不服' }, officer, at(4)))
      .thenThrows(RatingNotBad, (e) => e.details.level === 1);
    const unknown = { type: 'DeleteRating', data: {}, metadata: { now: at(4), actor: applicant } };
    spec
      .given([given.goodRating()])
      .when(unknown as unknown as RatingCommand)
      .thenThrows(InvalidCommand);
  });
});
