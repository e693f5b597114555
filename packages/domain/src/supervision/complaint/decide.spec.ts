import { deciderSpec } from '@docket/testkit';
import { describe, expect, it } from 'vitest';
import { InvalidCommand, ReasonRequired } from '../../shared/errors';
import { NotASupervisor, OverdueFlaggedBySystemOnly } from '../errors';
import {
  applicant,
  at,
  calendar2026,
  clerk,
  monitor,
  monitoring,
  officer,
  plusDays,
  recorded,
  supervisor,
  T0,
} from '../fixtures';
import type { ComplaintCommand } from './commands';
import {
  AcceptanceDeadlineNotPassed,
  ComplaintAlreadyDecided,
  ComplaintAlreadySubmitted,
  ComplaintNotFound,
  ComplaintOverdueAlreadyFlagged,
  NotAComplainantOrSupervisionStaff,
  NotTheComplainant,
  OfflineComplaintNeedsStaff,
} from './errors';
import { complaintStreamName } from './events';
import { command, complaintDecider, given, submitOnline, submitted } from './fixtures';

const spec = deciderSpec(complaintDecider());

const accept = (now = at(2), reason: string | undefined = '属于效能投诉受理范围', actor = supervisor) =>
  command('AcceptComplaint', { reason }, actor, now);
const decline = (now = at(2), reason: string | undefined = '不属于行政效能投诉范围', actor = supervisor) =>
  command('DeclineComplaint', { reason }, actor, now);
const flagOverdue = (now: string, actor = monitoring) => command('FlagComplaintOverdue', {}, actor, now);

describe('submitting a complaint (投诉)', () => {
  it('records an online complaint in the applicant’s own name, due for acceptance in 5 working days', () => {
    spec.given([]).when(submitOnline()).then([given.submitted()]);
    spec
      .given([])
      .when(submitOnline())
      .thenState((state) => {
        expect(submitted(state)).toMatchObject({ status: 'submitted', acceptBy: plusDays(T0, 5) });
      });
    expect(complaintStreamName('CP-2026-0001')).toBe('complaint-CP-2026-0001');
  });

  it('lets a supervisor or monitor take down a complaint by phone, visit or letter', () => {
    const takenDown = (actor: typeof supervisor, channel: 'phone' | 'visit' | 'letter') =>
      command(
        'SubmitComplaint',
        {
          id: 'CP-2026-0002',
          channel,
          type: 'misconduct',
          subject: { department: 'D-MARKET' },
          complainant: { name: '李四' },
          content: '  窗口人员态度恶劣，拒收材料  ',
        },
        actor,
        at(1),
      );
    spec
      .given([])
      .when(takenDown(supervisor, 'phone'))
      .then([
        {
          type: 'ComplaintSubmitted',
          data: {
            id: 'CP-2026-0002',
            channel: 'phone',
            type: 'misconduct',
            subject: { department: 'D-MARKET' },
            complainant: { name: '李四' },
            content: '窗口人员态度恶劣，拒收材料',
            takenDown: true,
            acceptWorkingDays: 5,
            acceptBy: plusDays(at(1), 5),
            at: at(1),
            by: recorded(supervisor),
          },
        },
      ]);
    spec
      .given([])
      .when(takenDown(monitor, 'letter'))
      .thenMatches(([event]) => expect(event?.data).toMatchObject({ channel: 'letter', takenDown: true }));
  });

  it('counts the acceptance limit with the configured number of working days', () => {
    deciderSpec(complaintDecider({ acceptWorkingDays: 3 }))
      .given([])
      .when(submitOnline())
      .thenMatches(([event]) =>
        expect(event?.data).toMatchObject({ acceptWorkingDays: 3, acceptBy: plusDays(T0, 3) }),
      );
  });

  it('counts working days over the National Day holiday with the real 2026 calendar', () => {
    // Wed 30 Sep: 1–7 Oct off; Thu 8, Fri 9, Sat 10 (make-up working day), Mon 12, Tue 13.
    deciderSpec(complaintDecider({ calendar: calendar2026 }))
      .given([])
      .when(submitOnline('2026-09-30T10:00:00+08:00'))
      .thenMatches(([event]) => expect(event?.data).toMatchObject({ acceptBy: '2026-10-13T17:30:00+08:00' }));
  });

  it('is filed by an applicant, or taken down by supervision staff, and by no one else', () => {
    spec.given([]).when(submitOnline(T0, clerk)).thenThrows(NotAComplainantOrSupervisionStaff);
    spec.given([]).when(submitOnline(T0, officer)).thenThrows(NotAComplainantOrSupervisionStaff);
    spec.given([]).when(submitOnline(T0, monitoring)).thenThrows(NotAComplainantOrSupervisionStaff);
  });

  it('takes an applicant’s complaint online only, in their own name', () => {
    const byPhone = submitOnline();
    spec
      .given([])
      .when({ ...byPhone, data: { ...byPhone.data, channel: 'phone' } })
      .thenThrows(OfflineComplaintNeedsStaff, (e) => e.details.channel === 'phone');
    spec
      .given([])
      .when({
        ...byPhone,
        data: { ...byPhone.data, complainant: { name: '张三', userId: 'u-someone-else' } },
      })
      .thenThrows(NotTheComplainant);
  });

  it('rejects a complaint that names neither case nor department, or has no content, as invalid', () => {
    const base = submitOnline();
    spec
      .given([])
      .when({ ...base, data: { ...base.data, subject: {} } })
      .thenThrows(InvalidCommand, (e) => String(e.details.issues).includes('subject'));
    spec
      .given([])
      .when({ ...base, data: { ...base.data, content: '   ' } })
      .thenThrows(InvalidCommand, (e) => String(e.details.issues).includes('content'));
    const unknown = { type: 'EscalateComplaint', data: {}, metadata: { now: T0, actor: supervisor } };
    spec
      .given([given.submitted()])
      .when(unknown as unknown as ComplaintCommand)
      .thenThrows(InvalidCommand);
    spec
      .given([given.submitted()])
      .when({ ...accept(), metadata: { now: 'tomorrow', actor: supervisor } })
      .thenThrows(InvalidCommand);
  });

  it('is submitted once under an id', () => {
    spec
      .given([given.submitted()])
      .when(submitOnline(at(1)))
      .thenThrows(ComplaintAlreadySubmitted);
  });

  it('answers any other command before submission with ComplaintNotFound', () => {
    spec.given([]).when(accept()).thenThrows(ComplaintNotFound);
  });
});

describe('accepting or declining within the limit (受理)', () => {
  it('accepts in time, with a reason, by a supervisor', () => {
    spec.given([given.submitted()]).when(accept()).then([given.accepted()]);
  });

  it('records an acceptance after 5 working days as late', () => {
    spec
      .given([given.submitted()])
      .when(accept(plusDays(at(2), 5)))
      .then([given.accepted(plusDays(at(2), 5), true)]);
    // exactly at the limit is still in time
    spec
      .given([given.submitted()])
      .when(accept(plusDays(T0, 5)))
      .thenMatches(([event]) => expect(event?.data).toMatchObject({ late: false }));
  });

  it('judges lateness against the real calendar: over National Day, the 6th working day is late', () => {
    const overHoliday = given.submitted('2026-09-30T10:00:00+08:00', '2026-10-13T17:30:00+08:00');
    const real = deciderSpec(complaintDecider({ calendar: calendar2026 }));
    // Mon 12 Oct is 13 calendar days later but only the 4th working day
    real
      .given([overHoliday])
      .when(accept('2026-10-12T16:00:00+08:00'))
      .thenMatches(([event]) => expect(event?.data).toMatchObject({ late: false }));
    real
      .given([overHoliday])
      .when(accept('2026-10-14T09:30:00+08:00'))
      .thenMatches(([event]) => expect(event?.data).toMatchObject({ late: true }));
  });

  it('declines with a written reason, which closes the complaint', () => {
    spec
      .given([given.submitted()])
      .when(decline())
      .thenState((state, events) => {
        expect(events).toEqual([
          {
            type: 'ComplaintDeclined',
            data: {
              reason: '不属于行政效能投诉范围',
              acceptBy: plusDays(T0, 5),
              late: false,
              at: at(2),
              by: recorded(supervisor),
            },
          },
        ]);
        expect(submitted(state)).toMatchObject({ status: 'declined', decision: { outcome: 'declined' } });
      });
  });

  it('needs a reason either way (说理式)', () => {
    spec
      .given([given.submitted()])
      .when(accept(at(2), '  '))
      .thenThrows(ReasonRequired);
    spec
      .given([given.submitted()])
      .when(command('DeclineComplaint', {}, supervisor, at(2)))
      .thenThrows(ReasonRequired, (e) => e.details.action === 'declining a complaint');
  });

  it('is decided by a supervisor only', () => {
    spec
      .given([given.submitted()])
      .when(accept(at(2), '受理', monitor))
      .thenThrows(NotASupervisor);
    spec
      .given([given.submitted()])
      .when(decline(at(2), '不受理', officer))
      .thenThrows(NotASupervisor);
    spec
      .given([given.submitted()])
      .when(accept(at(2), '受理', applicant))
      .thenThrows(NotASupervisor);
  });

  it('is decided once', () => {
    spec
      .given([given.submitted(), given.accepted()])
      .when(decline(at(3)))
      .thenThrows(ComplaintAlreadyDecided, (e) => e.details.outcome === 'accepted');
    spec
      .given([given.submitted(), given.declined()])
      .when(accept(at(3)))
      .thenThrows(ComplaintAlreadyDecided, (e) => e.details.outcome === 'declined');
  });
});

describe('flagging an overdue acceptance', () => {
  it('is recorded by the system once the limit has passed without a decision', () => {
    const after = plusDays(T0, 5.5);
    spec
      .given([given.submitted()])
      .when(flagOverdue(after))
      .thenState((state, events) => {
        expect(events).toEqual([
          {
            type: 'ComplaintAcceptanceOverdue',
            data: { acceptBy: plusDays(T0, 5), at: after, by: recorded(monitoring) },
          },
        ]);
        expect(submitted(state).acceptanceOverdue).toEqual({ at: after, by: recorded(monitoring) });
      });
  });

  it('flags once', () => {
    const flagged = {
      type: 'ComplaintAcceptanceOverdue' as const,
      data: { acceptBy: plusDays(T0, 5), at: plusDays(T0, 6), by: recorded(monitoring) },
    };
    spec
      .given([given.submitted(), flagged])
      .when(flagOverdue(plusDays(T0, 7)))
      .thenThrows(ComplaintOverdueAlreadyFlagged, (e) => e.details.flaggedAt === plusDays(T0, 6));
    // the complaint can still be accepted, late
    spec
      .given([given.submitted(), flagged])
      .when(accept(plusDays(T0, 7)))
      .thenMatches(([event]) =>
        expect(event).toMatchObject({ type: 'ComplaintAccepted', data: { late: true } }),
      );
  });

  it('waits until the limit has passed (strictly)', () => {
    spec
      .given([given.submitted()])
      .when(flagOverdue(plusDays(T0, 5)))
      .thenThrows(AcceptanceDeadlineNotPassed, (e) => e.details.acceptBy === plusDays(T0, 5));
  });

  it('is not raised on a decided complaint, nor by a person', () => {
    spec
      .given([given.submitted(), given.accepted()])
      .when(flagOverdue(plusDays(T0, 6)))
      .thenThrows(ComplaintAlreadyDecided);
    spec
      .given([given.submitted()])
      .when(flagOverdue(plusDays(T0, 6), supervisor))
      .thenThrows(OverdueFlaggedBySystemOnly);
  });
});
