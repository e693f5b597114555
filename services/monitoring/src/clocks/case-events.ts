import {
  type ClockCommandType,
  evolveReview,
  initialReviewState,
  type ReviewEvent,
  type ReviewEventOf,
  reviewStreamName,
  type ServiceItemVersion,
  type WorkingCalendar,
} from '@docket/domain';
import type { EventStore, RecordedEvent } from '@docket/event-store';

/** The clock command a review event calls for, or undefined: what 电子监察 follows of the review. */
export interface ClockReaction {
  type: ClockCommandType;
  data: unknown;
}

type Of<T extends ReviewEvent['type']> = ReviewEventOf<T>['data'];

/**
 * The review's event as a clock command. Steps need the working time the step already spent in earlier
 * turns (time on a step accumulates across returns), which the review's own stream holds.
 */
export async function clockReactionTo(
  event: RecordedEvent,
  context: {
    ledger: EventStore;
    calendar: WorkingCalendar;
    deemedApprovalDeadline: 'statutory' | 'promised';
  },
): Promise<ClockReaction | undefined> {
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
          deemedApprovalDeadline: context.deemedApprovalDeadline,
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
      return {
        type: 'StartStep',
        data: {
          stepIndex,
          spentWorkingMinutes: await spentOnStep(event, stepIndex, context),
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
async function spentOnStep(
  event: RecordedEvent,
  stepIndex: number,
  context: { ledger: EventStore; calendar: WorkingCalendar },
): Promise<number> {
  const caseNo = event.stream.slice('review-'.length);
  const history = await context.ledger.readStream(reviewStreamName(caseNo), {
    maxCount: Number(event.revision) + 1,
  });
  let state = initialReviewState();
  for (const e of history) state = evolveReview(state, { type: e.type, data: e.data } as ReviewEvent);
  if (state.status === 'not_opened') return 0;
  const step = state.main.steps[stepIndex];
  if (step === undefined) return 0;
  const { calendar } = context;
  const minutes = step.intervals
    .filter((interval) => interval.to !== undefined)
    .reduce(
      (sum, interval) =>
        sum + calendar.workingDaysBetween(interval.from, interval.to!) * calendar.minutesPerWorkingDay,
      0,
    );
  return Math.max(0, Math.round(minutes));
}
