/** Test data for the complaint specs (not exported, not built). */
import type { Actor } from '../../shared/actor';
import type { Instant } from '../../shared/time';
import {
  allWorkingTimeCalendar,
  applicant,
  at,
  commandsFor,
  eventsFor,
  plusDays,
  recorded,
  supervisor,
  T0,
} from '../fixtures';
import { complaintCommandSchemas } from './commands';
import { type ComplaintDeciderOptions, createComplaintDecider } from './decide';
import type { ComplaintEvent } from './events';
import type { SubmittedComplaintState } from './state';

export const complaintDecider = (options: Partial<ComplaintDeciderOptions> = {}) =>
  createComplaintDecider({ calendar: allWorkingTimeCalendar, ...options });

export const command = commandsFor(complaintCommandSchemas);
export const event = eventsFor<ComplaintEvent>();

/** The state after submission, for assertions on its fields. */
export const submitted = (state: unknown) => state as SubmittedComplaintState;

/** An applicant's online complaint about slow handling of one case. */
export const submitOnline = (now: Instant = T0, actor: Actor = applicant) =>
  command(
    'SubmitComplaint',
    {
      id: 'CP-2026-0001',
      channel: 'online',
      type: 'delay',
      subject: { caseNo: 'C-2026-0001', department: 'D-MARKET' },
      complainant: { name: '张三', phone: '13800000000' },
      content: '承诺10个工作日办结，已超期无人答复',
    },
    actor,
    now,
  );

export const given = {
  submitted: (when: Instant = T0, acceptBy: Instant = plusDays(T0, 5)): ComplaintEvent =>
    event('ComplaintSubmitted', {
      id: 'CP-2026-0001',
      channel: 'online',
      type: 'delay',
      subject: { caseNo: 'C-2026-0001', department: 'D-MARKET' },
      complainant: { name: '张三', phone: '13800000000', userId: applicant.id },
      content: '承诺10个工作日办结，已超期无人答复',
      takenDown: false,
      acceptWorkingDays: 5,
      acceptBy,
      at: when,
      by: recorded(applicant),
    }),
  accepted: (when: Instant = at(2), late = false): ComplaintEvent =>
    event('ComplaintAccepted', {
      reason: '属于效能投诉受理范围',
      acceptBy: plusDays(T0, 5),
      late,
      at: when,
      by: recorded(supervisor),
    }),
  declined: (when: Instant = at(2)): ComplaintEvent =>
    event('ComplaintDeclined', {
      reason: '不属于行政效能投诉范围，已告知向法院起诉',
      acceptBy: plusDays(T0, 5),
      late: false,
      at: when,
      by: recorded(supervisor),
    }),
  investigated: (when: Instant = at(3), notes = '调取办件记录，约谈承办人'): ComplaintEvent =>
    event('ComplaintInvestigationRecorded', { notes, at: when, by: recorded(supervisor) }),
  found: (substantiated: boolean, when: Instant = at(4)): ComplaintEvent =>
    event('ComplaintFindingRecorded', {
      substantiated,
      finding: substantiated ? '承办人超期未办，投诉属实' : '办件因申请人补正暂停，未超期，投诉不属实',
      at: when,
      by: recorded(supervisor),
    }),
  heldAccountable: (when: Instant = at(5)): ComplaintEvent =>
    event('ComplaintAccountabilityDecided', {
      against: { department: 'D-MARKET', officerId: 'u-officer', officerName: 'name of u-officer' },
      measure: 'criticism',
      reason: '超期办理，首次发生',
      at: when,
      by: recorded(supervisor),
    }),
  replied: (when: Instant = at(6)): ComplaintEvent =>
    event('ComplaintReplied', {
      reply: '经核查投诉属实，已对承办人批评教育',
      at: when,
      by: recorded(supervisor),
    }),
};

/** Submitted and accepted: ready to be investigated. */
export const acceptedComplaint = (): ComplaintEvent[] => [given.submitted(), given.accepted()];
