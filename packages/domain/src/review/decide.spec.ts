import { deciderSpec } from '@docket/testkit';
import { describe, expect, it } from 'vitest';
import { InvalidCommand, ReasonRequired } from '../shared/errors';
import type { ReviewCommand } from './commands';
import {
  AlreadyDecided,
  NotADepartmentHead,
  ReviewAlreadyOpened,
  ReviewClosed,
  ReviewNotOpened,
  SystemActorRequired,
  WrongDepartment,
} from './errors';
import { ReviewEvent } from './events';
import {
  approve,
  at,
  command,
  fireOfficer,
  given,
  governmentHead,
  head,
  intake,
  jointItem,
  officer,
  opened,
  pass,
  planOfficer,
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

const open = (data: Partial<Extract<ReviewCommand, { type: 'OpenReview' }>['data']> = {}) =>
  command(
    'OpenReview',
    {
      caseNo: 'C-2026-0001',
      item: promisedItem,
      category: 'promised',
      acceptingUnit: 'W-WINDOW',
      promisedDeadline: plusDays(T0, 10),
      statutoryDeadline: plusDays(T0, 20),
      acceptedAt: T0,
      causationEventId: 'evt-accepted-1',
      ...data,
    },
    intake,
    T0,
  );

describe('opening the review (reaction to acceptance)', () => {
  it('creates the main task for the item department with its steps, the first one active', () => {
    spec.given([]).when(open()).then([given.promisedOpened()]);
    spec
      .given([])
      .when(open())
      .thenState((state) => {
        const review = opened(state);
        expect(review.main.department).toBe('D-MARKET');
        expect(review.main.activeStep).toBe(0);
        expect(review.main.steps.map((s) => [s.name, s.role])).toEqual([
          ['承办', 'officer'],
          ['审核', 'reviewer'],
          ['批准', 'head'],
        ]);
        expect(review.main.steps[0]?.intervals).toEqual([{ from: T0 }]);
        expect(review.deadlines).toEqual({ promised: plusDays(T0, 10), statutory: plusDays(T0, 20) });
      });
  });

  it('gives a joint case to the lead department and one task per co-handler with its own deadline', () => {
    spec
      .given([])
      .when(
        open({
          caseNo: 'C-2026-0002',
          item: jointItem,
          category: 'joint',
          promisedDeadline: plusDays(T0, 30),
          statutoryDeadline: plusDays(T0, 45),
          causationEventId: 'evt-accepted-2',
        }),
      )
      .then([given.jointOpened()]);
  });

  it('refuses to open twice, naming the acceptance that opened it', () => {
    spec
      .given([given.promisedOpened()])
      .when(open({ causationEventId: 'evt-accepted-again' }))
      .thenThrows(ReviewAlreadyOpened, (e) => e.details.causationEventId === 'evt-accepted-1');
  });

  it('is opened by the system only', () => {
    spec
      .given([])
      .when({ ...open(), metadata: { now: T0, actor: head } })
      .thenThrows(SystemActorRequired);
  });

  it('rejects a joint category for an item without joint handling', () => {
    spec
      .given([])
      .when(open({ category: 'joint' }))
      .thenThrows(InvalidCommand, (e) => String(e.details.issues).includes('item.joint'));
  });

  it('rejects any other command before the review is opened', () => {
    spec.given([]).when(pass(0)).thenThrows(ReviewNotOpened);
  });

  it('rejects malformed commands and unknown command types as invalid', () => {
    spec
      .given([given.promisedOpened()])
      .when(command('CompleteStep', { stepIndex: -1, outcome: 'pass' }, officer, at(1)))
      .thenThrows(InvalidCommand, (e) => String(e.details.issues).includes('stepIndex'));
    const unknown = {
      type: 'Approve',
      data: {},
      metadata: { now: at(1), actor: head },
    } as unknown as ReviewCommand;
    spec.given([given.promisedOpened()]).when(unknown).thenThrows(InvalidCommand);
    spec
      .given([given.promisedOpened()])
      .when({ ...pass(0), metadata: { now: 'yesterday', actor: officer } })
      .thenThrows(InvalidCommand);
  });
});

describe('forwarding up (上报)', () => {
  const forward = (actor = head, reason: string | undefined = '涉及跨区域事项，需上级机关决定') =>
    command('ForwardUp', { authority: '市市场监督管理局', reason }, actor, at(2));

  it('ends the review with the result forwarded_up', () => {
    spec
      .given([given.promisedOpened()])
      .when(forward())
      .thenState((state, events) => {
        expect(events).toEqual([
          {
            type: 'ReviewForwardedUp',
            data: {
              authority: '市市场监督管理局',
              reason: '涉及跨区域事项，需上级机关决定',
              at: at(2),
              by: recorded(head),
            },
          },
        ]);
        expect(opened(state).outcome).toMatchObject({
          result: 'forwarded_up',
          authority: '市市场监督管理局',
        });
        expect(opened(state).main.steps[0]?.intervals).toEqual([{ from: T0, to: at(2) }]);
      });
  });

  it('is done by a head of the department, with a reason', () => {
    spec.given([given.promisedOpened()]).when(forward(reviewer)).thenThrows(NotADepartmentHead);
    spec
      .given([given.promisedOpened()])
      .when(forward({ ...head, department: 'D-PLAN' }))
      .thenThrows(WrongDepartment);
    spec.given([given.promisedOpened()]).when(forward(head, '')).thenThrows(ReasonRequired);
  });

  it('leaves nothing to decide afterwards', () => {
    const forwarded = {
      type: 'ReviewForwardedUp' as const,
      data: { authority: '市市场监督管理局', reason: '需上级机关决定', at: at(3), by: recorded(head) },
    };
    spec
      .given([...promisedAtFinalStep(), forwarded])
      .when(approve(head, at(4)))
      .thenThrows(ReviewClosed, (e) => e.details.outcome === 'forwarded_up');
  });
});

describe('closing on withdrawal', () => {
  const withdrawn = (now = at(2)) =>
    command('CloseOnWithdrawal', { causationEventId: 'evt-withdrawn-1' }, intake, now);

  it('closes every task of the case', () => {
    spec
      .given([given.jointOpened(), given.answered({ ...officer, department: 'D-FIRE' }, 'agree', at(1))])
      .when(withdrawn())
      .thenState((state, events) => {
        expect(events).toEqual([
          {
            type: 'ReviewClosedOnWithdrawal',
            data: { causationEventId: 'evt-withdrawn-1', at: at(2), by: recorded(intake) },
          },
        ]);
        const review = opened(state);
        expect(review.outcome?.result).toBe('withdrawn');
        expect(review.main).toMatchObject({ status: 'closed', activeStep: null });
        expect(review.coHandlers.map((t) => [t.department, t.status])).toEqual([
          ['D-FIRE', 'answered'],
          ['D-ENV', 'closed'],
        ]);
      });
  });

  it('is the system’s reaction to the withdrawal only', () => {
    spec
      .given([given.promisedOpened()])
      .when({ ...withdrawn(), metadata: { now: at(2), actor: head } })
      .thenThrows(SystemActorRequired);
  });

  it('comes too late after a decision', () => {
    spec
      .given([...promisedAtFinalStep(), given.decided(head, 2, at(3))])
      .when(withdrawn(at(4)))
      .thenThrows(AlreadyDecided);
  });

  it('leaves a withdrawn review closed to every command', () => {
    const history = [
      given.promisedOpened(),
      {
        type: 'ReviewClosedOnWithdrawal' as const,
        data: { causationEventId: 'e', at: at(1), by: recorded(intake) },
      },
    ];
    spec
      .given(history)
      .when(pass(0, officer, at(2)))
      .thenThrows(ReviewClosed, (e) => e.details.outcome === 'withdrawn');
    spec
      .given(history)
      .when(withdrawn(at(3)))
      .thenThrows(ReviewClosed);
  });
});

describe('the published event schemas', () => {
  it('accept every event the decider records along a whole joint case', () => {
    const decider = reviewDecider();
    const commands: ReviewCommand[] = [
      open({
        caseNo: 'C-2026-0002',
        item: jointItem,
        category: 'joint',
        promisedDeadline: plusDays(T0, 30),
        statutoryDeadline: plusDays(T0, 45),
      }),
      command('AnswerJointOpinion', { department: 'D-FIRE', answer: 'agree' }, fireOfficer, at(1)),
      command('StartSpecialProcedure', { kind: 'site_survey', reason: '现场勘查' }, planOfficer, at(2)),
      command('EndSpecialProcedure', { result: '勘查完毕' }, planOfficer, at(26)),
      command(
        'DeemCoHandlerConsent',
        { department: 'D-ENV', causationEventId: 'evt-limit' },
        intake,
        plusDays(T0, 9),
      ),
      command('ApproveExtension', { workingDays: 15, reason: '情况复杂' }, governmentHead, plusDays(T0, 9)),
      command('CompleteStep', { stepIndex: 0, outcome: 'pass' }, planOfficer, plusDays(T0, 10)),
      command(
        'ConsolidateJointOpinions',
        { summary: '均同意', opinion: '拟同意' },
        planReviewer,
        plusDays(T0, 11),
      ),
      command(
        'Decide',
        {
          outcome: 'approved',
          opinion: '准予',
          certificate: { name: '规划许可证', number: 'G-1', validUntil: '2028-03-01' },
        },
        planReviewer,
        plusDays(T0, 12),
      ),
    ];
    let state = decider.initialState();
    const recordedTypes: string[] = [];
    for (const next of commands) {
      for (const event of decider.decide(next, state)) {
        expect(ReviewEvent.parse(event)).toEqual(event);
        recordedTypes.push(event.type);
        state = decider.evolve(state, event);
      }
    }
    expect(recordedTypes).toHaveLength(commands.length);
    expect(opened(state)).toMatchObject({
      status: 'closed',
      deadlines: { statutory: plusDays(T0, 45 + 1 + 15) },
      outcome: { result: 'approved', certificate: { number: 'G-1' } },
    });
  });
});
