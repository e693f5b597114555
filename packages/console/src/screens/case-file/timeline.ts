import type { audit, intake, ReplyOf } from '@docket/contracts';
import type { OpenReviewState } from '@docket/domain';

/** One line of the case's history as the case file shows it. */
export interface TimelineEntry {
  key: string;
  at: string;
  /** The event's type (for its label), or a composed label already in words. */
  type: string;
  /** Words for what happened, when the type alone does not say it (a step's name, an answer). */
  what?: string;
  who?: string;
  /** Done by docket itself (a reaction, a timer), not by a person. */
  system?: boolean;
  roles?: string[];
  department?: string;
  note?: string;
}

type CaseDocument = ReplyOf<typeof intake.case>;
type History = ReplyOf<typeof audit.history>;

/** Labels the builder needs, in the reader's language. */
export interface TimelineWords {
  stepPassed: (step: string) => string;
  stepReturned: (step: string, to: string) => string;
  decided: (step: string, outcome: string) => string;
  assigned: (name: string) => string;
  released: () => string;
  jointAnswer: (department: string, answer: string) => string;
  answer: (answer: string) => string;
  outcome: (outcome: string) => string;
  procedure: (kind: string) => string;
}

const system = (id: string) => id.startsWith('system:');

/** The history from the audit ledger (for the roles that may read it): every event of every stream. */
export function timelineFromHistory(history: History): TimelineEntry[] {
  return history.entries.map((entry) => ({
    key: entry.eventId,
    at: entry.occurredAt,
    type: entry.type,
    ...(system(entry.actor.id) ? { system: true } : { who: entry.actor.name, roles: entry.actor.roles }),
    ...(entry.actor.department === undefined ? {} : { department: entry.actor.department }),
    ...((entry.reason ?? entry.opinion)
      ? { note: [entry.opinion, entry.reason].filter(Boolean).join('；') }
      : {}),
  }));
}

/**
 * The history as the case and its review record it (for the case's own staff, who do not read the audit
 * trail): submission, acceptance, every step completion with who, role, department, when and opinion,
 * joint answers and consolidation, special procedures, extension, assignment, the outcome, delivery.
 */
export function timelineFromViews(
  caseDoc: CaseDocument,
  review: OpenReviewState | undefined,
  words: TimelineWords,
): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    { key: 'submitted', at: caseDoc.submittedAt, type: 'ApplicationSubmitted' },
  ];
  if (caseDoc.acceptedAt !== null)
    entries.push({
      key: 'accepted',
      at: caseDoc.acceptedAt,
      type: 'ApplicationAccepted',
      roles: ['clerk'],
      ...(caseDoc.acceptingUnit === null ? {} : { department: caseDoc.acceptingUnit }),
    });
  if (review !== undefined) {
    entries.push({
      key: 'opened',
      at: review.openedAt,
      type: 'ReviewOpened',
      system: true,
      department: review.main.department,
    });
    for (const step of review.main.steps) {
      step.completions.forEach((completion, n) => {
        const to =
          completion.returnToStep === undefined ? undefined : review.main.steps[completion.returnToStep];
        entries.push({
          key: `step-${step.index}-${n}`,
          at: completion.at,
          type:
            completion.outcome === 'pass'
              ? 'ReviewStepPassed'
              : completion.outcome === 'return'
                ? 'ReviewStepReturned'
                : 'ReviewDecided',
          what:
            completion.outcome === 'pass'
              ? words.stepPassed(step.name)
              : completion.outcome === 'return'
                ? words.stepReturned(step.name, to?.name ?? '')
                : words.decided(step.name, words.outcome(review.outcome?.result ?? 'approved')),
          who: completion.by.name,
          roles: [step.role],
          ...(completion.by.department === undefined ? {} : { department: completion.by.department }),
          ...(completion.opinion === '' ? {} : { note: completion.opinion }),
        });
      });
    }
    for (const task of review.coHandlers) {
      if (task.answer !== undefined)
        entries.push({
          key: `co-${task.department}`,
          at: task.answer.at,
          type: task.answer.answer === 'deemed_consent' ? 'CoHandlerConsentDeemed' : 'JointOpinionAnswered',
          what: words.jointAnswer(task.department, words.answer(task.answer.answer)),
          ...(system(task.answer.by.id) ? { system: true } : { who: task.answer.by.name }),
          department: task.department,
          ...(task.answer.reason === undefined ? {} : { note: task.answer.reason }),
        });
    }
    if (review.consolidation !== undefined) {
      const c = review.consolidation;
      entries.push({
        key: 'consolidation',
        at: c.at,
        type: 'JointOpinionsConsolidated',
        who: c.by.name,
        ...(c.by.department === undefined ? {} : { department: c.by.department }),
        note: [c.summary, c.opinion, c.reason].filter(Boolean).join('；'),
      });
    }
    review.specialProcedures.forEach((p, n) => {
      entries.push({
        key: `sp-start-${n}`,
        at: p.interval.from,
        type: 'SpecialProcedureStarted',
        what: words.procedure(p.kind),
        who: p.startedBy.name,
        ...(p.startedBy.department === undefined ? {} : { department: p.startedBy.department }),
        note: p.reason,
      });
      if (p.interval.to !== undefined)
        entries.push({
          key: `sp-end-${n}`,
          at: p.interval.to,
          type: 'SpecialProcedureEnded',
          what: words.procedure(p.kind),
          ...(p.endedBy === undefined ? {} : { who: p.endedBy.name }),
          ...(p.endedBy?.department === undefined ? {} : { department: p.endedBy.department }),
          ...(p.result === undefined ? {} : { note: p.result }),
        });
    });
    if (review.extension !== undefined) {
      const e = review.extension;
      entries.push({
        key: 'extension',
        at: e.at,
        type: 'ExtensionApproved',
        who: e.by.name,
        // 行政许可法 Art. 42: a joint case's extension is the people's government head's.
        roles: [review.category === 'joint' ? 'government_head' : 'head'],
        ...(e.by.department === undefined ? {} : { department: e.by.department }),
        note: e.reason,
      });
    }
    for (const task of [review.main, ...review.coHandlers]) {
      const a = task.assignment;
      if (a !== undefined)
        entries.push({
          key: `assign-${task.taskId}`,
          at: a.at,
          type: 'TaskAssigned',
          what: words.assigned(a.assignee.name),
          who: a.by.name,
          department: task.department,
          note: a.reason,
        });
    }
    const outcome = review.outcome;
    if (outcome !== undefined && outcome.result !== 'approved' && outcome.result !== 'refused')
      entries.push({
        key: 'outcome',
        at: outcome.at,
        type:
          outcome.result === 'forwarded_up'
            ? 'ReviewForwardedUp'
            : outcome.result === 'deemed_approved'
              ? 'ApprovalDeemed'
              : 'ApplicationWithdrawn',
        ...(system(outcome.by.id) ? { system: true } : { who: outcome.by.name }),
        ...(outcome.by.department === undefined ? {} : { department: outcome.by.department }),
        ...(outcome.reason === undefined ? {} : { note: outcome.reason }),
      });
  }
  if (caseDoc.deliveredAt !== null)
    entries.push({ key: 'delivered', at: caseDoc.deliveredAt, type: 'ResultDelivered', roles: ['clerk'] });
  return entries.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
