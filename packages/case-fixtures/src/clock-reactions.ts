import type { ReviewEvent, ReviewEventOf, ReviewState, WorkingCalendar } from '@docket/domain';
import type { RecordedEvent } from '@docket/event-store';

/**
 * What monitoring's case watch does with a review event (services/monitoring, clockReactionTo), for the
 * events these tests produce: the clock command it calls for. Played by hand because a package does not
 * import a service; the clock decider checks the commands as it would from the service.
 */
export function clockReactionTo(
  event: RecordedEvent,
  review: ReviewState,
  calendar: WorkingCalendar,
): { type: string; data: unknown } | undefined {
  const causationEventId = event.id;
  const of = <T extends ReviewEvent['type']>(_type: T) => event.data as ReviewEventOf<T>['data'];
  switch (event.type) {
    case 'ReviewOpened': {
      const d = of('ReviewOpened');
      const item = d.item;
      return {
        type: 'StartClock',
        data: {
          caseNo: d.caseNo,
          itemCode: item.code,
          itemName: item.name,
          department: item.department,
          acceptingUnit: d.acceptingUnit,
          category: d.category,
          startedAt: d.acceptedAt,
          promisedDeadline: d.deadlines.promised,
          statutoryDeadline: d.deadlines.statutory,
          deemedApprovalOnTimeout: item.deemedApprovalOnTimeout,
          deemedApprovalDeadline: 'statutory',
          coHandlers: [],
          steps: item.steps.map((step, index) => ({ index, name: step.name, limit: step.limit })),
          causationEventId,
        },
      };
    }
    case 'ReviewStepPassed':
    case 'ReviewStepReturned': {
      const stepIndex =
        event.type === 'ReviewStepPassed'
          ? of('ReviewStepPassed').nextStep
          : of('ReviewStepReturned').returnToStep;
      return {
        type: 'StartStep',
        data: { stepIndex, spentWorkingMinutes: spentOnStep(review, stepIndex, calendar), causationEventId },
      };
    }
    case 'SpecialProcedureStarted':
      return { type: 'PauseClock', data: { kind: of('SpecialProcedureStarted').kind, causationEventId } };
    case 'SpecialProcedureEnded': {
      const d = of('SpecialProcedureEnded');
      return {
        type: 'ResumeClock',
        data: { deadlines: d.deadlines, coHandlerDeadlines: d.coHandlerDeadlines, causationEventId },
      };
    }
    case 'ReviewDecided':
      return { type: 'StopClock', data: { outcome: 'decided', causationEventId } };
    default:
      return undefined;
  }
}

/** Working minutes the step spent in its closed turns (time on a step accumulates across returns). */
function spentOnStep(review: ReviewState, stepIndex: number, calendar: WorkingCalendar): number {
  if (review.status === 'not_opened') return 0;
  const step = review.main.steps[stepIndex];
  const closed = (step?.intervals ?? []).filter((i) => i.to !== undefined);
  const days = closed.reduce((sum, i) => sum + calendar.workingDaysBetween(i.from, i.to!), 0);
  return Math.max(0, Math.round(days * calendar.minutesPerWorkingDay));
}
