import { deciderSpec } from '@docket/testkit';
import { describe, expect, it } from 'vitest';
import { ReasonRequired } from '../shared/errors';
import {
  CoHandlerLimitNotPassed,
  DeemedConsentNotAllowed,
  JointAlreadyConsolidated,
  JointAnswerAlreadyGiven,
  JointAnswersOutstanding,
  JointNotConsolidated,
  NotACoHandler,
  NotAJointCase,
  RoleNotAllowed,
  SystemActorRequired,
  WrongDepartment,
} from './errors';
import type { ReviewEvent } from './events';
import {
  at,
  command,
  envReviewer,
  fireOfficer,
  given,
  jointItem,
  monitoring,
  opened,
  planHead,
  planOfficer,
  planReviewer,
  plusDays,
  recorded,
  reviewDecider,
  T0,
} from './fixtures';

const spec = deciderSpec(reviewDecider());

type Answer = 'agree' | 'disagree' | 'agree_forward_up';
const answer = (
  actor: typeof fireOfficer,
  value: Answer,
  reason?: string,
  department = actor.department ?? '',
) => command('AnswerJointOpinion', { department, answer: value, reason }, actor, at(3));
const deemConsent = (department: string, now: string) =>
  command(
    'DeemCoHandlerConsent',
    { department, causationEventId: `evt-limit-${department}` },
    monitoring,
    now,
  );
const consolidate = (actor = planReviewer, reason?: string) =>
  command(
    'ConsolidateJointOpinions',
    { summary: '消防同意，环保不同意', opinion: '拟不予许可', reason },
    actor,
    at(30),
  );

describe('co-handlers answer (协办意见)', () => {
  it('records an agreement of a co-handling department', () => {
    spec
      .given([given.jointOpened()])
      .when(answer(fireOfficer, 'agree'))
      .thenState((state, events) => {
        expect(events).toEqual([
          {
            type: 'JointOpinionAnswered',
            data: { department: 'D-FIRE', answer: 'agree', at: at(3), by: recorded(fireOfficer) },
          },
        ]);
        expect(opened(state).coHandlers.find((t) => t.department === 'D-FIRE')?.status).toBe('answered');
      });
  });

  it('needs a reason to disagree or to suggest forwarding up', () => {
    spec.given([given.jointOpened()]).when(answer(envReviewer, 'disagree')).thenThrows(ReasonRequired);
    spec
      .given([given.jointOpened()])
      .when(answer(envReviewer, 'agree_forward_up', ' '))
      .thenThrows(ReasonRequired);
    spec
      .given([given.jointOpened()])
      .when(answer(envReviewer, 'disagree', '选址位于水源保护区'))
      .then([given.answered(envReviewer, 'disagree', at(3), '选址位于水源保护区')]);
  });

  it('takes one answer per department', () => {
    spec
      .given([given.jointOpened(), given.answered(fireOfficer, 'agree', at(2))])
      .when(answer(fireOfficer, 'disagree', '改变主意'))
      .thenThrows(JointAnswerAlreadyGiven, (e) => e.details.status === 'answered');
  });

  it('takes answers only from co-handling departments, by their own staff', () => {
    spec
      .given([given.jointOpened()])
      .when(answer({ ...fireOfficer, department: 'D-TAX' }, 'agree'))
      .thenThrows(NotACoHandler, (e) => e.details.department === 'D-TAX');
    spec
      .given([given.jointOpened()])
      .when(answer(envReviewer, 'agree', undefined, 'D-FIRE'))
      .thenThrows(WrongDepartment);
    spec
      .given([given.jointOpened()])
      .when(answer({ ...fireOfficer, roles: ['clerk'] }, 'agree'))
      .thenThrows(RoleNotAllowed);
    spec.given([given.promisedOpened()]).when(answer(fireOfficer, 'agree')).thenThrows(NotACoHandler);
  });
});

describe('deemed consent of a silent co-handler (超时默许)', () => {
  it('is recorded by the system once the co-handler’s limit has passed', () => {
    spec
      .given([given.jointOpened()])
      .when(deemConsent('D-FIRE', plusDays(T0, 6)))
      .thenState((state, events) => {
        expect(events).toEqual([
          {
            type: 'CoHandlerConsentDeemed',
            data: {
              department: 'D-FIRE',
              deadline: plusDays(T0, 5),
              causationEventId: 'evt-limit-D-FIRE',
              at: plusDays(T0, 6),
              by: recorded(monitoring),
            },
          },
        ]);
        expect(opened(state).coHandlers[0]).toMatchObject({ status: 'deemed_consent' });
      });
  });

  it('waits for the co-handler’s limit', () => {
    spec
      .given([given.jointOpened()])
      .when(deemConsent('D-FIRE', plusDays(T0, 5)))
      .thenThrows(CoHandlerLimitNotPassed, (e) => e.details.deadline === plusDays(T0, 5));
  });

  it('applies only where the item says silence is consent', () => {
    const opening = given.jointOpened();
    if (opening.type !== 'ReviewOpened') throw new Error('fixture');
    opening.data.item = { ...jointItem, coHandlerSilenceIsConsent: false };
    spec
      .given([opening])
      .when(deemConsent('D-FIRE', plusDays(T0, 6)))
      .thenThrows(DeemedConsentNotAllowed);
  });

  it('never overrides an answer, and is the system’s to record', () => {
    spec
      .given([given.jointOpened(), given.answered(fireOfficer, 'agree', at(2))])
      .when(deemConsent('D-FIRE', plusDays(T0, 6)))
      .thenThrows(JointAnswerAlreadyGiven);
    spec
      .given([given.jointOpened()])
      .when({
        ...deemConsent('D-FIRE', plusDays(T0, 6)),
        metadata: { now: plusDays(T0, 6), actor: planHead },
      })
      .thenThrows(SystemActorRequired);
    spec
      .given([given.jointOpened()])
      .when(deemConsent('D-TAX', plusDays(T0, 9)))
      .thenThrows(NotACoHandler);
  });
});

describe('consolidation by the lead department (牵头部门汇总)', () => {
  const fireAgreedEnvDisagreed: ReviewEvent[] = [
    given.jointOpened(),
    given.answered(fireOfficer, 'agree', at(2)),
    given.answered(envReviewer, 'disagree', at(3), '选址位于水源保护区'),
  ];

  it('waits for every co-handler, naming those outstanding', () => {
    spec
      .given([given.jointOpened(), given.answered(fireOfficer, 'agree', at(2))])
      .when(consolidate())
      .thenThrows(JointAnswersOutstanding, (e) => JSON.stringify(e.details.departments) === '["D-ENV"]');
  });

  it('needs a reason when a co-handler disagreed, and records who did', () => {
    spec.given(fireAgreedEnvDisagreed).when(consolidate()).thenThrows(ReasonRequired);
    spec
      .given(fireAgreedEnvDisagreed)
      .when(consolidate(planReviewer, '环保部门意见成立'))
      .then([
        {
          type: 'JointOpinionsConsolidated',
          data: {
            summary: '消防同意，环保不同意',
            opinion: '拟不予许可',
            reason: '环保部门意见成立',
            disagreeing: ['D-ENV'],
            forwardUpSuggested: [],
            at: at(30),
            by: recorded(planReviewer),
          },
        },
      ]);
  });

  it('counts a deemed consent as an answer', () => {
    const history: ReviewEvent[] = [
      given.jointOpened(),
      given.answered(fireOfficer, 'agree_forward_up', at(2), '涉及省级审批权限'),
      {
        type: 'CoHandlerConsentDeemed',
        data: {
          department: 'D-ENV',
          deadline: plusDays(T0, 7),
          causationEventId: 'evt-limit',
          at: plusDays(T0, 8),
          by: recorded(monitoring),
        },
      },
    ];
    spec
      .given(history)
      .when(consolidate())
      .thenMatches(([event]) => {
        expect(event?.type).toBe('JointOpinionsConsolidated');
        expect(event?.data).toMatchObject({ disagreeing: [], forwardUpSuggested: ['D-FIRE'] });
      });
  });

  it('is done once, by a reviewer or head of the lead department, on a joint case', () => {
    const allAgreed = [
      given.jointOpened(),
      given.answered(fireOfficer, 'agree', at(2)),
      given.answered(envReviewer, 'agree', at(3)),
    ];
    spec
      .given([...allAgreed, given.consolidated(planReviewer, at(4))])
      .when(consolidate())
      .thenThrows(JointAlreadyConsolidated);
    spec.given(allAgreed).when(consolidate(planOfficer)).thenThrows(RoleNotAllowed);
    spec.given(allAgreed).when(consolidate(envReviewer)).thenThrows(WrongDepartment);
    spec.given([given.promisedOpened()]).when(consolidate()).thenThrows(NotAJointCase);
  });
});

describe('a joint case from opening to decision', () => {
  const decide = (now: string) =>
    command(
      'Decide',
      { outcome: 'refused', opinion: '不予许可', reason: '选址位于水源保护区，环保部门不同意' },
      planReviewer,
      now,
    );
  const reviewed: ReviewEvent[] = [
    given.jointOpened(),
    given.answered(fireOfficer, 'agree', at(2)),
    given.answered(envReviewer, 'disagree', at(3), '选址位于水源保护区'),
    given.passed(0, planOfficer, at(4)),
  ];

  it('is decided only after the lead consolidated the answers', () => {
    spec
      .given(reviewed)
      .when(decide(at(5)))
      .thenThrows(JointNotConsolidated);
  });

  it('is decided by the lead department once consolidated', () => {
    const consolidated: ReviewEvent = {
      type: 'JointOpinionsConsolidated',
      data: {
        summary: '消防同意，环保不同意',
        opinion: '拟不予许可',
        reason: '环保部门意见成立',
        disagreeing: ['D-ENV'],
        forwardUpSuggested: [],
        at: at(5),
        by: recorded(planReviewer),
      },
    };
    spec
      .given([...reviewed, consolidated])
      .when(decide(at(6)))
      .thenState((state, events) => {
        expect(events.map((e) => e.type)).toEqual(['ReviewDecided']);
        const review = opened(state);
        expect(review.outcome).toMatchObject({
          result: 'refused',
          reason: '选址位于水源保护区，环保部门不同意',
        });
        expect(review.consolidation?.disagreeing).toEqual(['D-ENV']);
        expect(review.coHandlers.map((t) => t.answer?.answer)).toEqual(['agree', 'disagree']);
      });
  });
});
