import { CommandMetadata } from '../shared/command';
import type { Decider } from '../shared/decider';
import { InvalidCommand } from '../shared/errors';
import {
  type ReviewCommand,
  type ReviewCommandType,
  reviewCommandSchemas,
  type ValidReviewCommand,
} from './commands';
import { assignTask } from './decide-assignment';
import { answerJointOpinion, consolidateJointOpinions, deemCoHandlerConsent } from './decide-joint';
import { closeOnWithdrawal, completeStep, decideCase, forwardUp, openReview } from './decide-steps';
import { approveExtension, deemApproval, endSpecialProcedure, startSpecialProcedure } from './decide-time';
import type { ReviewEvent } from './events';
import { evolveReview } from './evolve';
import { parseWith, requireOpenReview as requireOpen } from './guards';
import { type ReviewDeciderContext, type ReviewRules, reviewRules } from './rules';
import { initialReviewState, type ReviewState } from './state';

export type ReviewDecider = Decider<ReviewCommand, ReviewState, ReviewEvent>;

/**
 * The department review (办件审查, stream `review-<caseNo>`): 承办 → 审核 → 批准, joint handling, special
 * procedures, extension, decision and deemed approval. The calendar is needed only to compute deadlines,
 * which are then recorded in the events; `evolve` never uses it.
 */
export function createReviewDecider(context: ReviewDeciderContext): ReviewDecider {
  const rules = reviewRules(context);
  return {
    decide: (command, state) => decideReview(command, state, rules),
    evolve: evolveReview,
    initialState: initialReviewState,
  };
}

/** Validates the command, then hands it to the one small function that decides it. */
export function decideReview(command: ReviewCommand, state: ReviewState, rules: ReviewRules): ReviewEvent[] {
  const metadata = parseWith(CommandMetadata, command.metadata);
  const valid = <T extends ReviewCommandType>(type: T): ValidReviewCommand<T> => ({
    type,
    // The schema picked by the same tag: TypeScript cannot follow the correlation through the index.
    data: parseWith(reviewCommandSchemas[type], command.data) as ValidReviewCommand<T>['data'],
    metadata,
  });
  switch (command.type) {
    case 'OpenReview':
      return openReview(valid('OpenReview'), state, rules);
    case 'CompleteStep':
      return completeStep(valid('CompleteStep'), requireOpen(state, command.type));
    case 'AnswerJointOpinion':
      return answerJointOpinion(valid('AnswerJointOpinion'), requireOpen(state, command.type));
    case 'DeemCoHandlerConsent':
      return deemCoHandlerConsent(valid('DeemCoHandlerConsent'), requireOpen(state, command.type));
    case 'ConsolidateJointOpinions':
      return consolidateJointOpinions(valid('ConsolidateJointOpinions'), requireOpen(state, command.type));
    case 'StartSpecialProcedure':
      return startSpecialProcedure(valid('StartSpecialProcedure'), requireOpen(state, command.type));
    case 'EndSpecialProcedure':
      return endSpecialProcedure(valid('EndSpecialProcedure'), requireOpen(state, command.type), rules);
    case 'ApproveExtension':
      return approveExtension(valid('ApproveExtension'), requireOpen(state, command.type), rules);
    case 'Decide':
      return decideCase(valid('Decide'), requireOpen(state, command.type));
    case 'DeemApproval':
      return deemApproval(valid('DeemApproval'), requireOpen(state, command.type), rules);
    case 'ForwardUp':
      return forwardUp(valid('ForwardUp'), requireOpen(state, command.type));
    case 'CloseOnWithdrawal':
      return closeOnWithdrawal(valid('CloseOnWithdrawal'), requireOpen(state, command.type));
    case 'AssignTask':
      return assignTask(valid('AssignTask'), requireOpen(state, command.type), rules);
    default: {
      // Commands arrive over the wire: an unknown type is a malformed command, not a crash.
      const unknownType = (command as { type?: unknown }).type;
      throw new InvalidCommand([`type: unknown review command ${String(unknownType)}`]);
    }
  }
}
