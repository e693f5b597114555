import { caseNoOfStream, type ReviewEvent, type ReviewEventOf } from '@docket/domain';
import type { Projection, ReadModelTransaction } from '@docket/projections';
import { asCaseEvent } from '../events';
import { toUtc } from '../instants';
import { type InboxItem, rolesKeyOf } from './inbox-item';

export const INBOX = 'inbox';

/** Listed most urgent first within the viewer's departments, by role, assignee or item; found by case. */
export const inboxCollections = [
  {
    name: INBOX,
    indexes: [
      { fields: ['department', 'state', 'deadline'] },
      { fields: ['department', 'state', 'rolesKey', 'deadline'] },
      { fields: ['department', 'state', 'assignee', 'deadline'] },
      { fields: ['department', 'state', 'itemCode', 'deadline'] },
      { fields: ['caseNo'] },
    ],
  },
];

const JOINT_ANSWER_ROLES = ['officer', 'reviewer', 'head'];
const CONSOLIDATION_ROLES = ['reviewer', 'head'];

const idOf = (caseNo: string, task: string) => `${caseNo}:${task}`;

function opened(caseNo: string, event: ReviewEventOf<'ReviewOpened'>, tx: ReadModelTransaction): void {
  const { item, deadlines, tasks, at } = event.data;
  const promisedDeadline = toUtc(deadlines.promised);
  const steps = item.steps.map((s) => ({ name: s.name, role: s.role }));
  const base = {
    caseNo,
    itemCode: item.code,
    itemName: item.name,
    activeSince: toUtc(at),
    promisedDeadline,
    onHold: false,
    assignee: null,
    assignedAt: null,
  };
  const coTasks: { department: string; taskId: string }[] = [];
  for (const task of tasks) {
    if (task.kind === 'main') {
      const first = steps[0];
      tx.put(INBOX, {
        ...base,
        id: idOf(caseNo, 'main'),
        task: 'main',
        kind: 'step',
        department: task.department,
        role: first?.role ?? 'officer',
        roles: [first?.role ?? 'officer'],
        rolesKey: first?.role ?? 'officer',
        stepIndex: 0,
        stepName: first?.name ?? null,
        deadline: promisedDeadline,
        state: 'open',
        steps,
      } satisfies InboxItem);
    } else {
      coTasks.push({ department: task.department, taskId: task.taskId });
      tx.put(INBOX, {
        ...base,
        id: idOf(caseNo, task.taskId),
        task: task.taskId,
        kind: 'joint_answer',
        department: task.department,
        role: 'officer',
        roles: JOINT_ANSWER_ROLES,
        rolesKey: rolesKeyOf(JOINT_ANSWER_ROLES),
        stepIndex: null,
        stepName: null,
        deadline: toUtc(task.deadline),
        state: 'open',
      } satisfies InboxItem);
    }
  }
  const lead = tasks.find((t) => t.kind === 'main')?.department ?? item.department;
  if (coTasks.length > 0)
    tx.put(INBOX, {
      ...base,
      id: idOf(caseNo, 'consolidation'),
      task: 'consolidation',
      kind: 'consolidation',
      department: lead,
      role: 'reviewer',
      roles: CONSOLIDATION_ROLES,
      rolesKey: rolesKeyOf(CONSOLIDATION_ROLES),
      stepIndex: null,
      stepName: null,
      deadline: promisedDeadline,
      state: 'waiting',
      awaiting: coTasks,
    } satisfies InboxItem);
}

async function moveMain(caseNo: string, toStep: number, at: string, tx: ReadModelTransaction): Promise<void> {
  const main = await tx.get<InboxItem>(INBOX, idOf(caseNo, 'main'));
  if (!main) return;
  const step = main.steps?.[toStep];
  tx.put(INBOX, {
    ...main,
    stepIndex: toStep,
    stepName: step?.name ?? null,
    role: step?.role ?? main.role,
    roles: [step?.role ?? main.role],
    rolesKey: step?.role ?? main.role,
    activeSince: toUtc(at),
  });
}

/**
 * A co-handler answered (or was deemed to agree): its work is done, and the consolidation, which keeps
 * the list of co-handlers it waits for, falls due when the last one is in.
 */
async function coHandlerDone(caseNo: string, department: string, at: string, tx: ReadModelTransaction) {
  const consolidation = await tx.get<InboxItem>(INBOX, idOf(caseNo, 'consolidation'));
  if (!consolidation) return;
  const awaiting = consolidation.awaiting ?? [];
  const done = awaiting.find((a) => a.department === department);
  if (done) tx.delete(INBOX, idOf(caseNo, done.taskId));
  const rest = awaiting.filter((a) => a.department !== department);
  tx.put(INBOX, {
    ...consolidation,
    awaiting: rest,
    ...(rest.length === 0 ? { state: 'open', activeSince: toUtc(at) } : {}),
  });
}

/**
 * Patches every open item of the case. The co-handler items still open are exactly those the
 * consolidation item awaits (a co-handler item is deleted when its department leaves that list), so
 * they are found through it; in a MongoDB replay that list may already be shorter, and the items
 * missing from it are then deleted by the replayed later events anyway.
 */
async function eachItem(
  caseNo: string,
  tx: ReadModelTransaction,
  write: (id: string, item: InboxItem) => void,
): Promise<void> {
  const consolidation = await tx.get<InboxItem>(INBOX, idOf(caseNo, 'consolidation'));
  const ids = [
    idOf(caseNo, 'main'),
    ...(consolidation
      ? [consolidation.id, ...(consolidation.awaiting ?? []).map((a) => idOf(caseNo, a.taskId))]
      : []),
  ];
  for (const id of ids) {
    const item = await tx.get<InboxItem>(INBOX, id);
    if (item) write(id, item);
  }
}

/**
 * 分派: the task's item takes the assignee (null: released to the department). The main task's
 * assignment also marks the consolidation, which is the lead department's work on the same task.
 */
async function assigned(caseNo: string, event: ReviewEventOf<'TaskAssigned'>, tx: ReadModelTransaction) {
  const { taskId, assignee, at } = event.data;
  const assignment = { assignee: assignee?.id ?? null, assignedAt: assignee === null ? null : toUtc(at) };
  const ids =
    taskId === 'main' ? [idOf(caseNo, 'main'), idOf(caseNo, 'consolidation')] : [idOf(caseNo, taskId)];
  for (const id of ids) {
    const item = await tx.get<InboxItem>(INBOX, id);
    if (item) tx.put(INBOX, { ...item, ...assignment });
  }
}

async function applyReview(caseNo: string, event: ReviewEvent, tx: ReadModelTransaction): Promise<void> {
  switch (event.type) {
    case 'ReviewOpened':
      return opened(caseNo, event, tx);
    case 'ReviewStepPassed':
      return moveMain(caseNo, event.data.nextStep, event.data.at, tx);
    case 'ReviewStepReturned':
      return moveMain(caseNo, event.data.returnToStep, event.data.at, tx);
    case 'JointOpinionAnswered':
    case 'CoHandlerConsentDeemed':
      return coHandlerDone(caseNo, event.data.department, event.data.at, tx);
    case 'JointOpinionsConsolidated':
      tx.delete(INBOX, idOf(caseNo, 'consolidation'));
      return;
    case 'SpecialProcedureStarted':
      return eachItem(caseNo, tx, (_, item) => tx.put(INBOX, { ...item, onHold: true }));
    case 'SpecialProcedureEnded': {
      const { deadlines, coHandlerDeadlines } = event.data;
      const promisedDeadline = toUtc(deadlines.promised);
      return eachItem(caseNo, tx, (_, item) => {
        const own = item.kind === 'joint_answer' ? coHandlerDeadlines[item.department] : undefined;
        const deadline = item.kind === 'joint_answer' ? (own ? toUtc(own) : item.deadline) : promisedDeadline;
        tx.put(INBOX, { ...item, onHold: false, promisedDeadline, deadline });
      });
    }
    case 'ExtensionApproved': {
      const promisedDeadline = toUtc(event.data.deadlines.promised);
      return eachItem(caseNo, tx, (_, item) =>
        tx.put(INBOX, {
          ...item,
          promisedDeadline,
          deadline: item.kind === 'joint_answer' ? item.deadline : promisedDeadline,
        }),
      );
    }
    case 'ReviewDecided':
    case 'ApprovalDeemed':
    case 'ReviewForwardedUp':
    case 'ReviewClosedOnWithdrawal':
      return eachItem(caseNo, tx, (id) => tx.delete(INBOX, id));
    case 'TaskAssigned':
      return assigned(caseNo, event, tx);
  }
}

/** 部门待办: the open work of each department, from the review streams (intake's work is not listed). */
export const inboxProjection: Projection = {
  // v2: itemCode and rolesKey (paged queries filter on them); a new name replays into an empty inbox.
  name: 'department-inbox.v2',
  collections: inboxCollections,
  filter: { streamPrefixes: ['review-'] },
  async apply(recorded, tx) {
    const caseNo = caseNoOfStream(recorded.stream, 'review');
    if (caseNo === undefined) return;
    await applyReview(caseNo, asCaseEvent(recorded) as ReviewEvent, tx);
  },
};
