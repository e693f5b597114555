import { parseCommand } from '../catalogue/parse-command';
import { InvalidCommand, ReasonRequired } from '../shared/errors';
import { recordedBy } from '../shared/recorded-by';
import type { ApplicationCommand } from './commands';
import {
  ExpireCorrectionData,
  futureBirthDateIssues,
  RemindCorrectionWindowData,
  RequestCorrectionData,
  SubmitApplicationData,
  SupplementMaterialsData,
} from './commands';
import {
  ApplicationAlreadyAccepted,
  ApplicationAlreadySubmitted,
  ApplicationClosed,
  CorrectionAlreadyRequested,
  CorrectionNotYetDue,
  CorrectionWindowAlreadyReminded,
  CorrectionWindowClosed,
  CorrectionWindowReminderNotDue,
  MaterialsStillMissing,
  NoCorrectionPending,
  NotApplicantOrClerk,
  NothingToCorrect,
  SupplementDeadlinePassed,
  UnknownMaterial,
} from './errors';
import type { ApplicationEvent, CorrectionItem } from './events';
import {
  type ApplicationContext,
  firstHandlerEvents,
  isAfter,
  isClerk,
  requireApplicantOrClerk,
  requireClerk,
  requireInOrder,
  requireStatus,
  requireSystem,
  windowUnitOf,
  written,
} from './guards';
import { missingMandatory, requireListedMaterials, uncoveredByNotice } from './materials';
import { type ApplicationState, terminalStatuses } from './state';

export function submitApplication(
  command: ApplicationCommand,
  state: ApplicationState,
  context: ApplicationContext,
): ApplicationEvent[] {
  const { data, metadata } = parseCommand(SubmitApplicationData, command);
  const { actor, now } = metadata;
  // GB 11643: a date of birth after the day of the submission (the schema checked the rest of the number).
  const bornLater = futureBirthDateIssues(data.applicant, context.calendar.localDate(now));
  if (bornLater.length > 0) throw new InvalidCommand(bornLater);
  // At the window and by post a clerk keys the application in; online the applicant submits it.
  if (data.channel === 'window' || data.channel === 'post')
    requireClerk(actor, `submit a ${data.channel} application`);
  else if (!isClerk(actor) && !actor.roles.includes('applicant'))
    throw new NotApplicantOrClerk(actor.id, 'submit an application');
  if (terminalStatuses.includes(state.status)) throw new ApplicationClosed(state.status);
  if (state.status !== 'not_submitted') throw new ApplicationAlreadySubmitted(state.caseNo ?? data.caseNo);
  requireListedMaterials(data.item, data.materials);
  // 行政许可法 Art. 32: 五日内一次告知; 逾期不告知的，自收到申请材料之日起即为受理.
  const correctionWindowClosesAt = context.calendar.deadline(now, {
    value: context.correctionNoticeWorkingDays,
    unit: 'working_days',
  });
  // The reminder: at the close of the working day `correctionWindowReminderWorkingDays` before the window's
  // last one (none when the window is not longer than the lead).
  const reminderDays = context.correctionNoticeWorkingDays - context.correctionWindowReminderWorkingDays;
  const correctionWindowReminderAt =
    reminderDays >= 1
      ? context.calendar.deadline(now, { value: reminderDays, unit: 'working_days' })
      : undefined;
  return [
    {
      type: 'ApplicationSubmitted',
      data: {
        ...data,
        correctionWindowClosesAt,
        ...(correctionWindowReminderAt === undefined ? {} : { correctionWindowReminderAt }),
        submitterRole: isClerk(actor) ? 'clerk' : 'applicant',
        at: now,
        by: recordedBy(actor),
      },
    },
    ...firstHandlerEvents(state, actor, now),
  ];
}

/** 一次性告知: one notice listing every missing mandatory material and every deficient one. */
export function requestCorrection(
  command: ApplicationCommand,
  state: ApplicationState,
  context: ApplicationContext,
): ApplicationEvent[] {
  const { data, metadata } = parseCommand(RequestCorrectionData, command);
  const { actor, now } = metadata;
  requireClerk(actor, 'request a correction');
  const application = requireStatus(state, ['submitted'], (current) =>
    current.status === 'accepted' || current.status === 'result_ready'
      ? new ApplicationAlreadyAccepted(current.status)
      : new CorrectionAlreadyRequested(current.correction?.noticedAt ?? current.submittedAt),
  );
  requireInOrder(state, now);
  if (isAfter(now, application.correctionWindowClosesAt))
    throw new CorrectionWindowClosed(application.correctionWindowClosesAt);

  const lines: CorrectionItem[] = missingMandatory(application.item, application.materials);
  for (const { code, reason } of data.deficient) {
    const material = application.item.materials.find((candidate) => candidate.code === code);
    if (material === undefined) throw new UnknownMaterial(code);
    const why = written(reason);
    if (why === undefined) throw new ReasonRequired(`marking material ${code} deficient`);
    const missing = lines.find((line) => line.code === code);
    // A material both short and deficient is one line of the notice, with the clerk's reason.
    if (missing) missing.reason = `${missing.reason}; ${why}`;
    else
      lines.push({
        code,
        name: material.name,
        kind: 'deficient',
        reason: why,
        requiredCount: material.count,
        form: material.form,
      });
  }
  if (lines.length === 0) throw new NothingToCorrect();
  const note = written(data.note);
  return [
    {
      type: 'CorrectionRequested',
      data: {
        items: lines,
        ...(note === undefined ? {} : { note }),
        supplementDeadline: context.calendar.deadline(now, application.item.correctionLimit),
        at: now,
        by: recordedBy(actor),
      },
    },
    ...firstHandlerEvents(state, actor, now),
  ];
}

/** The supplement must answer the whole notice: a partial one is refused and nothing is recorded. */
export function supplementMaterials(
  command: ApplicationCommand,
  state: ApplicationState,
): ApplicationEvent[] {
  const { data, metadata } = parseCommand(SupplementMaterialsData, command);
  const { actor, now } = metadata;
  requireApplicantOrClerk(state, actor, 'supplement materials');
  // 补正期限: after the deadline (recorded as expired or not yet) the supplement is refused by name.
  if (state.status === 'correction_expired' && state.correction)
    throw new SupplementDeadlinePassed(state.correction.supplementDeadline, state.correction.expiredAt);
  if (
    state.status === 'correction_requested' &&
    state.correction &&
    isAfter(now, state.correction.supplementDeadline)
  )
    throw new SupplementDeadlinePassed(state.correction.supplementDeadline, undefined);
  const application = requireStatus(
    state,
    ['correction_requested'],
    (current) => new NoCorrectionPending(current.status),
  );
  requireInOrder(state, now);
  requireListedMaterials(application.item, data.materials);
  const stillMissing = uncoveredByNotice(
    application.correction?.items ?? [],
    application.materials,
    data.materials,
  );
  if (stillMissing.length > 0) throw new MaterialsStillMissing(stillMissing);
  return [
    { type: 'MaterialsSupplemented', data: { materials: data.materials, at: now, by: recordedBy(actor) } },
    ...firstHandlerEvents(state, actor, now),
  ];
}

/** No supplement by the deadline: the application ends (rejected after correction expired). */
export function expireCorrection(command: ApplicationCommand, state: ApplicationState): ApplicationEvent[] {
  const { metadata } = parseCommand(ExpireCorrectionData, command);
  const { actor, now } = metadata;
  requireSystem(actor, 'expire a correction');
  const application = requireStatus(
    state,
    ['correction_requested'],
    (current) => new NoCorrectionPending(current.status),
  );
  requireInOrder(state, now);
  const deadline = application.correction?.supplementDeadline ?? now;
  if (isAfter(deadline, now)) throw new CorrectionNotYetDue(deadline);
  return [
    {
      type: 'CorrectionExpired',
      data: {
        supplementDeadline: deadline,
        resultCode: 'rejected_after_correction_expired',
        at: now,
        by: recordedBy(actor),
      },
    },
  ];
}

/**
 * 行政许可法 Art. 32: the window unit is reminded, once, that the correction window closes soon, while the
 * application still waits for acceptance, decline or a correction notice.
 */
export function remindCorrectionWindow(
  command: ApplicationCommand,
  state: ApplicationState,
): ApplicationEvent[] {
  const { metadata } = parseCommand(RemindCorrectionWindowData, command);
  const { actor, now } = metadata;
  requireSystem(actor, 'remind the window of its correction window');
  const application = requireStatus(
    state,
    ['submitted'],
    (current) => new ApplicationAlreadyAccepted(current.status),
  );
  requireInOrder(state, now);
  if (application.correctionWindowRemindedAt !== undefined)
    throw new CorrectionWindowAlreadyReminded(application.correctionWindowRemindedAt);
  const dueAt = application.correctionWindowReminderAt;
  if (dueAt === undefined || isAfter(dueAt, now)) throw new CorrectionWindowReminderNotDue(dueAt);
  if (isAfter(now, application.correctionWindowClosesAt))
    throw new CorrectionWindowClosed(application.correctionWindowClosesAt);
  return [
    {
      type: 'CorrectionWindowReminderIssued',
      data: {
        closesAt: application.correctionWindowClosesAt,
        windowUnit: windowUnitOf(application),
        at: now,
        by: recordedBy(actor),
      },
    },
  ];
}
