import { deciderSpec } from '@docket/testkit';
import { describe, expect, it } from 'vitest';
import { InvalidCommand, ReasonRequired } from '../shared/errors';
import {
  AlreadyDecided,
  DecisionNotDue,
  InvalidReturnTarget,
  OnlyReviewerOrHeadMayDecide,
  ReviewClosed,
  RoleNotAllowedForStep,
  SameOfficerForTwoSteps,
  StepNotActive,
  UseDecisionForFinalStep,
  WrongDepartment,
} from './errors';
import {
  approve,
  at,
  command,
  given,
  head,
  officer,
  officer2,
  opened,
  pass,
  promisedAtFinalStep,
  promisedItem,
  recorded,
  reviewDecider,
  reviewer,
  T0,
} from './fixtures';

const spec = deciderSpec(reviewDecider());

const giveBack = (stepIndex: number, actor = reviewer, opinion?: string, returnToStep?: number) =>
  command('CompleteStep', { stepIndex, outcome: 'return', opinion, returnToStep }, actor, at(2));

describe('承办 → 审核 → 批准: steps', () => {
  it('passes the active step to the next one', () => {
    spec
      .given([given.promisedOpened()])
      .when(pass(0))
      .then([given.passed(0, officer, at(1))]);
  });

  it('takes a promised case through three steps with one return, keeping each step’s active time', () => {
    const history = [
      given.promisedOpened(),
      given.passed(0, officer, at(1)),
      given.returned(1, 0, reviewer, at(2)),
      given.passed(0, officer, at(5)), // the same officer handles 承办 again after the return
      given.passed(1, reviewer, at(6)),
    ];
    spec
      .given(history)
      .when(approve(head, at(8)))
      .thenState((state, events) => {
        expect(events).toEqual([
          {
            type: 'ReviewDecided',
            data: {
              outcome: 'approved',
              stepIndex: 2,
              opinion: '准予许可',
              certificate: { name: '食品经营许可证', number: 'JY2026-0001' },
              at: at(8),
              by: recorded(head),
            },
          },
        ]);
        const review = opened(state);
        expect(review.main.steps.map((s) => s.intervals)).toEqual([
          [
            { from: T0, to: at(1) },
            { from: at(2), to: at(5) },
          ],
          [
            { from: at(1), to: at(2) },
            { from: at(5), to: at(6) },
          ],
          [{ from: at(6), to: at(8) }],
        ]);
        expect(review.outcome).toMatchObject({ result: 'approved', certificate: { number: 'JY2026-0001' } });
        expect(review.status).toBe('closed');
        expect(review.main).toMatchObject({ status: 'decided', activeStep: null });
        expect(review.opinions.map((o) => [o.context, o.stepIndex])).toEqual([
          ['pass', 0],
          ['return', 1],
          ['pass', 0],
          ['pass', 1],
          ['decision', 2],
        ]);
      });
  });

  it('completes only the active step', () => {
    spec
      .given([given.promisedOpened()])
      .when(pass(1, reviewer))
      .thenThrows(StepNotActive, (e) => e.details.activeStep === 0);
  });

  it('needs the step’s role', () => {
    spec
      .given([given.promisedOpened()])
      .when(pass(0, reviewer))
      .thenThrows(RoleNotAllowedForStep, (e) => e.details.role === 'officer' && e.kind === 'forbidden');
  });

  it('needs an officer of the task’s department', () => {
    const elsewhere = { ...officer, department: 'D-PLAN' };
    spec
      .given([given.promisedOpened()])
      .when(pass(0, elsewhere))
      .thenThrows(WrongDepartment, (e) => e.kind === 'forbidden' && e.details.required === 'D-MARKET');
  });

  it('lets no officer complete two different steps of a case', () => {
    const actor = { ...officer, roles: ['officer' as const, 'reviewer' as const] };
    spec
      .given([given.promisedOpened(), given.passed(0, actor, at(1))])
      .when(pass(1, actor, at(2)))
      .thenThrows(SameOfficerForTwoSteps, (e) => e.details.completedStep === 0 && e.details.stepIndex === 1);
  });

  it('returns to the previous step by default, with the opinion that says why', () => {
    spec
      .given([given.promisedOpened(), given.passed(0, officer, at(1))])
      .when(giveBack(1, reviewer, '材料不全'))
      .then([given.returned(1, 0, reviewer, at(2))]);
  });

  it('returns to any earlier step', () => {
    spec
      .given(promisedAtFinalStep())
      .when(giveBack(2, head, '需重新核查', 0))
      .thenState((state) => expect(opened(state).main.activeStep).toBe(0));
  });

  it('refuses a return without an opinion', () => {
    const history = [given.promisedOpened(), given.passed(0, officer, at(1))];
    spec.given(history).when(giveBack(1, reviewer)).thenThrows(ReasonRequired);
    spec
      .given(history)
      .when(giveBack(1, reviewer, '   '))
      .thenThrows(ReasonRequired);
  });

  it('returns only to an earlier step', () => {
    const history = [given.promisedOpened(), given.passed(0, officer, at(1))];
    spec
      .given(history)
      .when(giveBack(1, reviewer, '退回', 1))
      .thenThrows(InvalidReturnTarget, (e) => e.details.returnToStep === 1);
    spec
      .given([given.promisedOpened()])
      .when(giveBack(0, officer, '退回'))
      .thenThrows(InvalidReturnTarget);
  });

  it('does not pass the final step: it ends with a decision', () => {
    spec
      .given(promisedAtFinalStep())
      .when(pass(2, head, at(3)))
      .thenThrows(UseDecisionForFinalStep);
  });
});

describe('the decision (批准)', () => {
  it('is due only at the final step', () => {
    spec
      .given([given.promisedOpened(), given.passed(0, officer, at(1))])
      .when(approve())
      .thenThrows(DecisionNotDue, (e) => e.details.activeStep === 1 && e.details.finalStep === 2);
  });

  it('is taken by a reviewer or head only', () => {
    spec
      .given(promisedAtFinalStep())
      .when(approve({ ...officer2 }))
      .thenThrows(OnlyReviewerOrHeadMayDecide, (e) => e.kind === 'forbidden');
  });

  it('is never taken at a final step that belongs to an officer', () => {
    const item = {
      ...promisedItem,
      steps: [{ kind: 'approve', name: '办结', role: 'officer', limit: promisedItem.statutoryLimit }],
    };
    const openedOfficerOnly = given.promisedOpened();
    if (openedOfficerOnly.type !== 'ReviewOpened') throw new Error('fixture');
    openedOfficerOnly.data.item = item as typeof promisedItem;
    const both = { ...officer, roles: ['officer' as const, 'reviewer' as const] };
    spec.given([openedOfficerOnly]).when(approve(both)).thenThrows(OnlyReviewerOrHeadMayDecide);
  });

  it('needs the final step’s role', () => {
    spec
      .given(promisedAtFinalStep())
      .when(approve({ ...reviewer, id: 'u-reviewer-2' }))
      .thenThrows(RoleNotAllowedForStep, (e) => e.details.role === 'head');
  });

  it('is taken by someone who did no earlier step', () => {
    const reviewerAndHead = { ...reviewer, roles: ['reviewer' as const, 'head' as const] };
    spec
      .given([
        given.promisedOpened(),
        given.passed(0, officer, at(1)),
        given.passed(1, reviewerAndHead, at(2)),
      ])
      .when(approve(reviewerAndHead))
      .thenThrows(SameOfficerForTwoSteps, (e) => e.details.completedStep === 1);
  });

  it('rejects a refusal without a written reason (说理式)', () => {
    const refuse = (reason?: string) =>
      command('Decide', { outcome: 'refused', opinion: '不予许可', reason }, head, at(3));
    spec
      .given(promisedAtFinalStep())
      .when(refuse())
      .thenThrows(ReasonRequired, (e) => e.kind === 'rule_broken');
    spec.given(promisedAtFinalStep()).when(refuse(' ')).thenThrows(ReasonRequired);
    spec
      .given(promisedAtFinalStep())
      .when(refuse('经营场所不符合《食品经营许可管理办法》第十一条'))
      .then([
        {
          type: 'ReviewDecided',
          data: {
            outcome: 'refused',
            stepIndex: 2,
            opinion: '不予许可',
            reason: '经营场所不符合《食品经营许可管理办法》第十一条',
            at: at(3),
            by: recorded(head),
          },
        },
      ]);
  });

  it('carries no certificate with a refusal', () => {
    spec
      .given(promisedAtFinalStep())
      .when(
        command(
          'Decide',
          {
            outcome: 'refused',
            opinion: '不予许可',
            reason: '不符合条件',
            certificate: { name: 'x', number: '1' },
          },
          head,
          at(3),
        ),
      )
      .thenThrows(InvalidCommand);
  });

  it('is taken once; after it the review is closed', () => {
    const decided = [...promisedAtFinalStep(), given.decided(head, 2, at(3))];
    spec
      .given(decided)
      .when(approve(head, at(4)))
      .thenThrows(AlreadyDecided, (e) => e.details.outcome === 'approved');
    spec
      .given(decided)
      .when(pass(0, officer, at(4)))
      .thenThrows(ReviewClosed);
  });
});
