import type { ServiceItemDefinition, ServiceItemVersion } from '../../catalogue/service-item';
import { asVersion, promisedItem } from '../../catalogue/spec-support/items';
import { type Actor, systemActor } from '../../shared/actor';
import { recordedBy } from '../../shared/recorded-by';
import type { Instant } from '../../shared/time';
import type { ApplicationCommand, ProvidedMaterial } from '../commands';
import type { ApplicationEvent, CorrectionItem } from '../events';
import { createApplicationDecider } from '../index';
import { weekdayCalendar } from './weekday-calendar';

/**
 * The story every intake spec starts from, on the weekday calendar (Mon–Fri, 09:00–17:00, UTC+8):
 * submitted Monday 2 March 2026 10:00 at the window, so the correction window closes at the end of the
 * fifth working day after it, Monday 9 March 17:00.
 */
export const decider = createApplicationDecider({ calendar: weekdayCalendar });

export const clerk: Actor = { id: 'u-clerk-1', name: 'Li Clerk', roles: ['clerk'], department: 'window-3' };
export const otherClerk: Actor = {
  id: 'u-clerk-2',
  name: 'Zhou Clerk',
  roles: ['clerk'],
  department: 'window-3',
};
export const applicant: Actor = { id: 'u-citizen-1', name: 'Wang Wei', roles: ['applicant'] };
export const otherApplicant: Actor = { id: 'u-citizen-2', name: 'Chen Jing', roles: ['applicant'] };
export const officer: Actor = {
  id: 'u-officer-1',
  name: 'Sun Officer',
  roles: ['officer'],
  department: 'market-regulation',
};
export const reviewService: Actor = systemActor('review');
export const monitoring: Actor = systemActor('monitoring');

export const submittedAt = '2026-03-02T10:00:00+08:00';
export const windowClosesAt = '2026-03-09T17:00:00+08:00';
/** A working day before the window closes: the close of Friday 6 March (行政许可法 Art. 32 reminder). */
export const windowReminderAt = '2026-03-06T17:00:00+08:00';

export const item: ServiceItemVersion = asVersion(promisedItem(), 3);
export const queryCodeHash = 'a'.repeat(64);
export const applicantDetails = {
  type: 'person' as const,
  name: 'Wang Wei',
  idType: 'resident_id' as const,
  idNumber: '110101199003091234',
  phone: '13800000000',
};

/** Everything mandatory: the form, and both ID copies. */
export const complete: ProvidedMaterial[] = [
  { code: 'form', count: 1, form: 'original' },
  { code: 'id', count: 2, form: 'copy' },
];
/** The form only: the ID copies are missing. */
export const formOnly: ProvidedMaterial[] = [{ code: 'form', count: 1, form: 'original' }];

export const command = <C extends ApplicationCommand>(
  type: C['type'],
  data: C['data'],
  actor: Actor,
  now: Instant,
): ApplicationCommand => ({ type, data, metadata: { now, actor } }) as ApplicationCommand;

export const submit = (
  options: {
    materials?: ProvidedMaterial[];
    actor?: Actor;
    channel?: 'window' | 'web' | 'mobile' | 'post';
    at?: Instant;
    item?: ServiceItemDefinition | ServiceItemVersion;
  } = {},
): ApplicationCommand =>
  command(
    'SubmitApplication',
    {
      caseNo: 'D2026-000123',
      item: { version: 3, ...(options.item ?? item) },
      applicant: applicantDetails,
      channel: options.channel ?? 'window',
      materials: options.materials ?? complete,
      queryCodeHash,
    },
    options.actor ?? clerk,
    options.at ?? submittedAt,
  );

export const submitted = (
  materials: ProvidedMaterial[] = complete,
  options: { item?: ServiceItemVersion; channel?: 'window' | 'web'; by?: Actor } = {},
): ApplicationEvent => ({
  type: 'ApplicationSubmitted',
  data: {
    caseNo: 'D2026-000123',
    item: options.item ?? item,
    applicant: applicantDetails,
    channel: options.channel ?? 'window',
    materials,
    queryCodeHash,
    correctionWindowClosesAt: windowClosesAt,
    correctionWindowReminderAt: windowReminderAt,
    submitterRole: (options.by ?? clerk).roles.includes('clerk') ? 'clerk' : 'applicant',
    at: submittedAt,
    by: recordedBy(options.by ?? clerk),
  },
});

export const firstHandler = (actor: Actor = clerk, at: Instant = submittedAt): ApplicationEvent => ({
  type: 'FirstHandlerAssigned',
  data: { handler: recordedBy(actor), at },
});

/** The ID copies missing, as the notice of Tuesday 3 March 09:30 lists them. */
export const idMissing: CorrectionItem = {
  code: 'id',
  name: 'ID card copy',
  kind: 'missing',
  reason: 'not provided',
  requiredCount: 2,
  form: 'copy',
};
export const noticeAt = '2026-03-03T09:30:00+08:00';
/** Ten working days after Tuesday 3 March: Tuesday 17 March, close of office. */
export const supplementDeadline = '2026-03-17T17:00:00+08:00';

export const correctionRequested = (items: CorrectionItem[] = [idMissing]): ApplicationEvent => ({
  type: 'CorrectionRequested',
  data: { items, supplementDeadline, at: noticeAt, by: recordedBy(clerk) },
});

export const suppliedAt = '2026-03-05T14:00:00+08:00';
export const supplemented = (
  materials: ProvidedMaterial[] = [{ code: 'id', count: 2, form: 'copy' }],
  by: Actor = applicant,
): ApplicationEvent => ({
  type: 'MaterialsSupplemented',
  data: { materials, at: suppliedAt, by: recordedBy(by) },
});

/** Accepted Wednesday 4 March 10:00: promised 10 working days → 18 March, statutory 20 → 1 April. */
export const acceptedAt = '2026-03-04T10:00:00+08:00';
export const accepted = (at: Instant = acceptedAt): ApplicationEvent => ({
  type: 'ApplicationAccepted',
  data: {
    acceptanceDocumentNo: 'SL-2026-0456',
    category: 'promised',
    itemCode: item.code,
    itemVersion: 3,
    acceptingUnit: 'window-3',
    acceptedOnReceipt: false,
    materialsMissing: [],
    clockStartsAt: at,
    promisedLimit: item.promisedLimit,
    statutoryLimit: item.statutoryLimit,
    promisedDeadline: '2026-03-18T17:00:00+08:00',
    statutoryDeadline: '2026-04-01T17:00:00+08:00',
    at,
    by: recordedBy(clerk),
  },
});

export const decidedAt = '2026-03-16T10:55:00+08:00';
export const decisionAt = '2026-03-16T11:00:00+08:00';
export const decisionRecorded = (outcome: 'approved' | 'refused' = 'approved'): ApplicationEvent => ({
  type: 'DecisionRecorded',
  data: {
    outcome,
    ...(outcome === 'approved'
      ? { certificate: { name: 'Food business licence', number: 'JY13301000001', validUntil: '2031-03-15' } }
      : { reason: 'premises fail the hygiene inspection' }),
    decidedAt,
    reviewEventId: 'ev-review-77',
    resultCode: outcome,
    at: decisionAt,
    by: recordedBy(reviewService),
  },
});

export const deliveredAt = '2026-03-17T10:00:00+08:00';
export const delivered: ApplicationEvent = {
  type: 'ResultDelivered',
  data: {
    method: 'window_pickup',
    recipient: { name: 'Wang Wei', relation: 'applicant' },
    anomalies: [],
    at: deliveredAt,
    by: recordedBy(clerk),
  },
};

export const declined: ApplicationEvent = {
  type: 'ApplicationDeclined',
  data: {
    reason: 'the premises lie outside this district',
    legalBasis: 'Administrative Licensing Law Art. 32(1)(2)',
    resultCode: 'declined',
    at: acceptedAt,
    by: recordedBy(clerk),
  },
};

export const withdrawn: ApplicationEvent = {
  type: 'ApplicationWithdrawn',
  data: { onBehalfOfApplicant: false, resultCode: 'withdrawn', at: acceptedAt, by: recordedBy(applicant) },
};

export const correctionExpired: ApplicationEvent = {
  type: 'CorrectionExpired',
  data: {
    supplementDeadline,
    resultCode: 'rejected_after_correction_expired',
    at: supplementDeadline,
    by: recordedBy(monitoring),
  },
};

/** The history of each terminal state. */
export const closedHistories: [string, ApplicationEvent[]][] = [
  ['declined', [submitted(), firstHandler(), declined]],
  ['withdrawn', [submitted(), firstHandler(), withdrawn]],
  ['correction_expired', [submitted(formOnly), firstHandler(), correctionRequested(), correctionExpired]],
  ['delivered', [submitted(), firstHandler(), accepted(), decisionRecorded(), delivered]],
];
