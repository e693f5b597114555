import type { WorkingCalendar } from '../calendar/working-calendar';
import type { ServiceItemVersion } from '../catalogue/service-item';
import type { ReviewEvent, ReviewEventOf } from '../review/events';
import type { ReviewState } from '../review/state';
import type { ClockCommandType } from './commands';

/** The clock command a review event calls for: what 电子监察 follows of the review. */
export interface ClockReaction {
  type: ClockCommandType;
  data: unknown;
}

type Of<T extends ReviewEvent['type']> = ReviewEventOf<T>['data'];

/** Review events whose clock command needs the review's state (a step's earlier turns). */
export const needsReviewState = (eventType: string): boolean =>
  eventType === 'ReviewStepPassed' || eventType === 'ReviewStepReturned';

/**
 * The review's event as a clock command, or undefined when the clock has nothing to do with it. `review`
 * is the review's state with the event applied; it is needed only where `needsReviewState` says so
 * (a step's working time accumulates across returns, and only the review's stream holds its turns).
 */
export function clockReactionTo(
  event: { id: string; type: string; data: unknown },
  options: {
    calendar: WorkingCalendar;
    deemedApprovalDeadline: 'statutory' | 'promised';
    review?: ReviewState;
  },
): ClockReaction | undefined {
  const causationEventId = event.id;
  switch (event.type) {
    case 'ReviewOpened': {
      const d = event.data as Of<'ReviewOpened'>;
      const item = d.item as ServiceItemVersion;
      const main = d.tasks.find((t) => t.kind === 'main');
      return {
        type: 'StartClock',
        data: {
          caseNo: d.caseNo,
          itemCode: item.code,
          itemName: item.name,
          department: main?.department ?? item.department,
          acceptingUnit: d.acceptingUnit,
          category: d.category,
          startedAt: d.acceptedAt,
          promisedDeadline: d.deadlines.promised,
          statutoryDeadline: d.deadlines.statutory,
          deemedApprovalOnTimeout: item.deemedApprovalOnTimeout,
          deemedApprovalDeadline: options.deemedApprovalDeadline,
          coHandlers: d.tasks.flatMap((t) =>
            t.kind === 'co_handler'
              ? [
                  {
                    department: t.department,
                    deadline: t.deadline,
                    silenceIsConsent: item.coHandlerSilenceIsConsent,
                  },
                ]
              : [],
          ),
          steps: item.steps.map((step, index) => ({ index, name: step.name, limit: step.limit })),
          causationEventId,
        },
      };
    }
    case 'ReviewStepPassed':
    case 'ReviewStepReturned': {
      const d = event.data as Of<'ReviewStepPassed'> & Of<'ReviewStepReturned'>;
      const stepIndex = event.type === 'ReviewStepPassed' ? d.nextStep : d.returnToStep;
      if (options.review === undefined) throw new Error(`${event.type}: the review's state is needed`);
      return {
        type: 'StartStep',
        data: {
          stepIndex,
          spentWorkingMinutes: spentOnStep(options.review, stepIndex, options.calendar),
          causationEventId,
        },
      };
    }
    case 'JointOpinionAnswered':
    case 'CoHandlerConsentDeemed':
      return {
        type: 'AnswerCoHandler',
        data: { department: (event.data as { department: string }).department, causationEventId },
      };
    case 'SpecialProcedureStarted':
      return {
        type: 'PauseClock',
        data: { kind: (event.data as Of<'SpecialProcedureStarted'>).kind, causationEventId },
      };
    case 'SpecialProcedureEnded': {
      const d = event.data as Of<'SpecialProcedureEnded'>;
      return {
        type: 'ResumeClock',
        data: { deadlines: d.deadlines, coHandlerDeadlines: d.coHandlerDeadlines, causationEventId },
      };
    }
    case 'ExtensionApproved':
      return {
        type: 'MoveDeadlines',
        data: { deadlines: (event.data as Of<'ExtensionApproved'>).deadlines, causationEventId },
      };
    case 'ReviewDecided':
      return { type: 'StopClock', data: { outcome: 'decided', causationEventId } };
    case 'ApprovalDeemed':
      return { type: 'StopClock', data: { outcome: 'deemed_approved', causationEventId } };
    case 'ReviewForwardedUp':
      return { type: 'StopClock', data: { outcome: 'forwarded_up', causationEventId } };
    case 'ReviewClosedOnWithdrawal':
      return { type: 'StopClock', data: { outcome: 'withdrawn', causationEventId } };
    default:
      return undefined;
  }
}

/** Working minutes the step was active before this event made it active again (its closed intervals). */
function spentOnStep(review: ReviewState, stepIndex: number, calendar: WorkingCalendar): number {
  if (review.status === 'not_opened') return 0;
  const step = review.main.steps[stepIndex];
  if (step === undefined) return 0;
  const minutes = step.intervals
    .filter((interval) => interval.to !== undefined)
    .reduce(
      (sum, interval) =>
        sum + calendar.workingDaysBetween(interval.from, interval.to!) * calendar.minutesPerWorkingDay,
      0,
    );
  return Math.max(0, Math.round(minutes));
}
