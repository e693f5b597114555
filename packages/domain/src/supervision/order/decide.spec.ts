import { deciderSpec } from '@docket/testkit';
import { describe, expect, it } from 'vitest';
import { InvalidCommand, ReasonRequired } from '../../shared/errors';
import {
  NotAMonitorOrSupervisor,
  NotDepartmentStaff,
  NotTheDepartment,
  OverdueFlaggedBySystemOnly,
} from '../errors';
import {
  allWorkingTimeCalendar,
  at,
  calendar2026,
  commandsFor,
  eventsFor,
  head,
  marketClerk,
  monitor,
  monitoring,
  officer,
  planOfficer,
  plusDays,
  recorded,
  reviewer,
  supervisor,
  T0,
} from '../fixtures';
import { type SupervisionOrderCommand, supervisionOrderCommandSchemas } from './commands';
import { createSupervisionOrderDecider } from './decide';
import {
  NotTheIssuingRole,
  ReplyDeadlineNotPassed,
  SupervisionOrderAlreadyAnswered,
  SupervisionOrderAlreadyClosed,
  SupervisionOrderAlreadyIssued,
  SupervisionOrderNotAnswered,
  SupervisionOrderNotFound,
  SupervisionOrderOverdueAlreadyFlagged,
} from './errors';
import { SupervisionOrderEvent, supervisionOrderStreamName } from './events';
import type { IssuedSupervisionOrderState } from './state';

const orderDecider = (replyWorkingDays?: number, calendar = allWorkingTimeCalendar) =>
  createSupervisionOrderDecider({ calendar, ...(replyWorkingDays ? { replyWorkingDays } : {}) });
const spec = deciderSpec(orderDecider());
const command = commandsFor(supervisionOrderCommandSchemas);
const event = eventsFor<SupervisionOrderEvent>();
const issued = (state: unknown) => state as IssuedSupervisionOrderState;

const issue = (actor = monitor, now = T0, data: Partial<SupervisionOrderCommand['data']> = {}) =>
  command(
    'IssueSupervisionOrder',
    {
      id: 'DB-2026-0001',
      subject: { caseNo: 'C-2026-0001', department: 'D-MARKET' },
      requirement: '该件已亮红牌，请说明超期原因并于期限内办结',
      ...data,
    },
    actor,
    now,
  );
const answer = (actor = officer, now = at(24), text = '已于当日办结，超期系系统故障所致') =>
  command('AnswerSupervisionOrder', { answer: text }, actor, now);
const flagOverdue = (now: string, actor = monitoring) =>
  command('FlagSupervisionOrderOverdue', {}, actor, now);
const close = (actor = monitor, now = at(48), conclusion = '反馈属实，予以办结') =>
  command('CloseSupervisionOrder', { conclusion }, actor, now);

const given = {
  issued: (issuerRole: 'monitor' | 'supervisor' = 'monitor'): SupervisionOrderEvent =>
    event('SupervisionOrderIssued', {
      id: 'DB-2026-0001',
      subject: { caseNo: 'C-2026-0001', department: 'D-MARKET' },
      requirement: '该件已亮红牌，请说明超期原因并于期限内办结',
      replyWorkingDays: 5,
      replyBy: plusDays(T0, 5),
      issuerRole,
      at: T0,
      by: recorded(issuerRole === 'monitor' ? monitor : supervisor),
    }),
  answered: (when = at(24), late = false): SupervisionOrderEvent =>
    event('SupervisionOrderAnswered', {
      answer: '已于当日办结，超期系系统故障所致',
      replyBy: plusDays(T0, 5),
      late,
      at: when,
      by: recorded(officer),
    }),
  overdue: (when = plusDays(T0, 6)): SupervisionOrderEvent =>
    event('SupervisionOrderReplyOverdue', { replyBy: plusDays(T0, 5), at: when, by: recorded(monitoring) }),
  closed: (when = at(48)): SupervisionOrderEvent =>
    event('SupervisionOrderClosed', { conclusion: '反馈属实，予以办结', at: when, by: recorded(monitor) }),
};

describe('issuing a supervision order (督办)', () => {
  it('records the order with its reply deadline, 5 working days by default', () => {
    spec.given([]).when(issue()).then([given.issued()]);
    expect(supervisionOrderStreamName('DB-2026-0001')).toBe('order-DB-2026-0001');
  });

  it('takes the order’s own reply limit, or the decider’s configured default', () => {
    spec
      .given([])
      .when(issue(supervisor, T0, { replyWorkingDays: 3, subject: { department: 'D-MARKET' } }))
      .thenMatches(([e]) =>
        expect(e?.data).toMatchObject({
          subject: { department: 'D-MARKET' },
          replyWorkingDays: 3,
          replyBy: plusDays(T0, 3),
          issuerRole: 'supervisor',
        }),
      );
    deciderSpec(orderDecider(10))
      .given([])
      .when(issue())
      .thenMatches(([e]) =>
        expect(e?.data).toMatchObject({ replyWorkingDays: 10, replyBy: plusDays(T0, 10) }),
      );
  });

  it('counts the limit over Spring Festival with the real 2026 calendar, make-up Saturday included', () => {
    // Thu 12 Feb: Fri 13, Sat 14 (make-up), 15–23 off, Tue 24, Wed 25, Thu 26.
    deciderSpec(orderDecider(undefined, calendar2026))
      .given([])
      .when(issue(monitor, '2026-02-12T10:00:00+08:00'))
      .thenMatches(([e]) => expect(e?.data).toMatchObject({ replyBy: '2026-02-26T17:30:00+08:00' }));
  });

  it('is issued by a monitor or supervisor, with a written requirement, on a department', () => {
    spec.given([]).when(issue(head)).thenThrows(NotAMonitorOrSupervisor);
    spec
      .given([])
      .when(issue(monitor, T0, { requirement: ' ' }))
      .thenThrows(ReasonRequired);
    spec
      .given([])
      .when(issue(monitor, T0, { subject: { caseNo: 'C-2026-0001' } } as never))
      .thenThrows(InvalidCommand, (e) => String(e.details.issues).includes('subject.department'));
    spec
      .given([])
      .when(issue(monitor, T0, { replyWorkingDays: 0 }))
      .thenThrows(InvalidCommand);
  });

  it('is issued once under an id, and nothing else happens before', () => {
    spec.given([given.issued()]).when(issue()).thenThrows(SupervisionOrderAlreadyIssued);
    spec.given([]).when(answer()).thenThrows(SupervisionOrderNotFound);
    const unknown = { type: 'EscalateOrder', data: {}, metadata: { now: T0, actor: monitor } };
    spec
      .given([given.issued()])
      .when(unknown as unknown as SupervisionOrderCommand)
      .thenThrows(InvalidCommand);
  });
});

describe('the department’s answer', () => {
  it('is given by an officer, reviewer or head of that department, in time', () => {
    spec
      .given([given.issued()])
      .when(answer())
      .thenState((state, events) => {
        expect(events).toEqual([given.answered()]);
        expect(issued(state)).toMatchObject({ status: 'answered', answer: { late: false } });
      });
    for (const staff of [reviewer, head]) {
      spec
        .given([given.issued()])
        .when(answer(staff))
        .thenMatches(([e]) => expect(e?.data).toMatchObject({ by: recorded(staff) }));
    }
  });

  it('is recorded as late after the reply deadline', () => {
    spec
      .given([given.issued()])
      .when(answer(officer, plusDays(T0, 6)))
      .then([given.answered(plusDays(T0, 6), true)]);
  });

  it('comes from that department only (exact match), from its staff', () => {
    spec
      .given([given.issued()])
      .when(answer(planOfficer))
      .thenThrows(
        NotTheDepartment,
        (e) => e.details.required === 'D-MARKET' && e.details.actual === 'D-PLAN',
      );
    spec.given([given.issued()]).when(answer(marketClerk)).thenThrows(NotDepartmentStaff);
    spec.given([given.issued()]).when(answer(monitor)).thenThrows(NotDepartmentStaff);
  });

  it('is written, and given once', () => {
    spec
      .given([given.issued()])
      .when(answer(officer, at(24), ''))
      .thenThrows(ReasonRequired);
    spec
      .given([given.issued(), given.answered()])
      .when(answer(head, at(30)))
      .thenThrows(SupervisionOrderAlreadyAnswered, (e) => e.details.answeredAt === at(24));
  });
});

describe('flagging an overdue reply', () => {
  it('is recorded by the system once the deadline passed unanswered', () => {
    spec
      .given([given.issued()])
      .when(flagOverdue(plusDays(T0, 6)))
      .thenState((state, events) => {
        expect(events).toEqual([given.overdue()]);
        expect(issued(state).replyOverdue).toEqual({ at: plusDays(T0, 6), by: recorded(monitoring) });
      });
  });

  it('flags once, and the department may still answer, late', () => {
    spec
      .given([given.issued(), given.overdue()])
      .when(flagOverdue(plusDays(T0, 7)))
      .thenThrows(SupervisionOrderOverdueAlreadyFlagged);
    spec
      .given([given.issued(), given.overdue()])
      .when(answer(officer, plusDays(T0, 7)))
      .thenMatches(([e]) => expect(e?.data).toMatchObject({ late: true }));
  });

  it('waits for the deadline, and is not raised on an answered order or by a person', () => {
    spec
      .given([given.issued()])
      .when(flagOverdue(plusDays(T0, 5)))
      .thenThrows(ReplyDeadlineNotPassed);
    spec
      .given([given.issued(), given.answered()])
      .when(flagOverdue(plusDays(T0, 6)))
      .thenThrows(SupervisionOrderAlreadyAnswered);
    spec
      .given([given.issued()])
      .when(flagOverdue(plusDays(T0, 6), monitor))
      .thenThrows(OverdueFlaggedBySystemOnly);
  });
});

describe('closing the order (办结)', () => {
  it('is concluded by the issuing role after the answer', () => {
    spec
      .given([given.issued(), given.answered()])
      .when(close())
      .thenState((state, events) => {
        expect(events).toEqual([given.closed()]);
        expect(issued(state)).toMatchObject({
          status: 'closed',
          closure: { conclusion: '反馈属实，予以办结' },
        });
      });
    spec
      .given([given.issued('supervisor'), given.answered()])
      .when(close(supervisor))
      .thenMatches(([e]) => expect(e?.type).toBe('SupervisionOrderClosed'));
  });

  it('belongs to the issuer’s role', () => {
    spec
      .given([given.issued('monitor'), given.answered()])
      .when(close(supervisor))
      .thenThrows(NotTheIssuingRole, (e) => e.details.issuerRole === 'monitor');
    spec
      .given([given.issued('supervisor'), given.answered()])
      .when(close(monitor))
      .thenThrows(NotTheIssuingRole);
  });

  it('needs the answer and a written conclusion', () => {
    spec.given([given.issued()]).when(close()).thenThrows(SupervisionOrderNotAnswered);
    spec
      .given([given.issued(), given.answered()])
      .when(close(monitor, at(48), ' '))
      .thenThrows(ReasonRequired);
  });

  it('leaves the order closed to every command', () => {
    const closed = [given.issued(), given.answered(), given.closed()];
    spec
      .given(closed)
      .when(close(monitor, at(50)))
      .thenThrows(SupervisionOrderAlreadyClosed);
    spec
      .given(closed)
      .when(answer(officer, at(50)))
      .thenThrows(SupervisionOrderAlreadyClosed);
    spec
      .given(closed)
      .when(flagOverdue(plusDays(T0, 9)))
      .thenThrows(SupervisionOrderAlreadyClosed);
  });
});

describe('the published event schemas', () => {
  it('accept every event the decider records along a whole order', () => {
    const decider = orderDecider();
    const commands: SupervisionOrderCommand[] = [
      issue(),
      flagOverdue(plusDays(T0, 6)),
      answer(officer, plusDays(T0, 7)),
      close(monitor, plusDays(T0, 8)),
    ];
    let state = decider.initialState();
    const types: string[] = [];
    for (const next of commands) {
      for (const e of decider.decide(next, state)) {
        expect(SupervisionOrderEvent.parse(e)).toEqual(e);
        types.push(e.type);
        state = decider.evolve(state, e);
      }
    }
    expect(types).toEqual([
      'SupervisionOrderIssued',
      'SupervisionOrderReplyOverdue',
      'SupervisionOrderAnswered',
      'SupervisionOrderClosed',
    ]);
    expect(issued(state)).toMatchObject({ status: 'closed', answer: { late: true }, issuedAt: T0 });
  });
});
