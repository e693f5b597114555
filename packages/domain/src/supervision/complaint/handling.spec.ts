import { deciderSpec } from '@docket/testkit';
import { describe, expect, it } from 'vitest';
import { InvalidCommand, ReasonRequired } from '../../shared/errors';
import { NotASupervisor } from '../errors';
import { applicant, at, monitor, monitoring, recorded, supervisor, T0 } from '../fixtures';
import type { ComplaintCommand } from './commands';
import {
  AccountabilityAlreadyDecided,
  AccountabilityRequired,
  ComplaintAlreadyDecided,
  ComplaintClosed,
  ComplaintNotAccepted,
  FindingAlreadyRecorded,
  FindingNotSubstantiated,
  FindingRequired,
  InvestigationRequired,
} from './errors';
import { ComplaintEvent } from './events';
import { acceptedComplaint, command, complaintDecider, given, submitOnline, submitted } from './fixtures';

const spec = deciderSpec(complaintDecider());

const investigate = (now = at(3), notes = '调取办件记录，约谈承办人', actor = supervisor) =>
  command('RecordInvestigation', { notes }, actor, now);
const find = (substantiated: boolean, finding = '承办人超期未办，投诉属实', now = at(4)) =>
  command('RecordFinding', { substantiated, finding }, supervisor, now);
const holdOfficer = (reason = '超期办理，首次发生', now = at(5)) =>
  command(
    'DecideAccountability',
    {
      against: { department: 'D-MARKET', officerId: 'u-officer', officerName: 'name of u-officer' },
      measure: 'criticism',
      reason,
    },
    supervisor,
    now,
  );
const reply = (text = '经核查投诉属实，已对承办人批评教育', now = at(6), actor = supervisor) =>
  command('ReplyToComplainant', { reply: text }, actor, now);

describe('investigation (调查核实)', () => {
  it('records several investigation steps, in order', () => {
    spec
      .given([...acceptedComplaint(), given.investigated(at(3))])
      .when(investigate(at(4), '  现场查看窗口记录  '))
      .thenState((state, events) => {
        expect(events).toEqual([
          {
            type: 'ComplaintInvestigationRecorded',
            data: { notes: '现场查看窗口记录', at: at(4), by: recorded(supervisor) },
          },
        ]);
        expect(submitted(state).investigations.map((i) => i.notes)).toEqual([
          '调取办件记录，约谈承办人',
          '现场查看窗口记录',
        ]);
      });
  });

  it('starts only after acceptance, and never on a declined complaint', () => {
    spec.given([given.submitted()]).when(investigate()).thenThrows(ComplaintNotAccepted);
    spec
      .given([given.submitted(), given.declined()])
      .when(investigate())
      .thenThrows(ComplaintClosed, (e) => e.details.status === 'declined');
  });

  it('needs written notes, by a supervisor', () => {
    spec
      .given(acceptedComplaint())
      .when(command('RecordInvestigation', {}, supervisor, at(3)))
      .thenThrows(ReasonRequired, (e) => e.details.action === 'investigation');
    spec
      .given(acceptedComplaint())
      .when(investigate(at(3), '记录', monitor))
      .thenThrows(NotASupervisor);
  });

  it('ends with the finding', () => {
    spec
      .given([...acceptedComplaint(), given.investigated(), given.found(true)])
      .when(investigate(at(5)))
      .thenThrows(FindingAlreadyRecorded);
  });
});

describe('the finding (调查结论)', () => {
  it('records whether the complaint is substantiated, with the finding written out', () => {
    spec
      .given([...acceptedComplaint(), given.investigated()])
      .when(find(true))
      .then([given.found(true)]);
  });

  it('rests on a recorded investigation', () => {
    spec.given(acceptedComplaint()).when(find(true)).thenThrows(InvestigationRequired);
  });

  it('is written out, and recorded once', () => {
    spec
      .given([...acceptedComplaint(), given.investigated()])
      .when(find(false, ' '))
      .thenThrows(ReasonRequired, (e) => e.details.action === 'finding');
    spec
      .given([...acceptedComplaint(), given.investigated(), given.found(false)])
      .when(find(true, '重新认定', at(5)))
      .thenThrows(FindingAlreadyRecorded, (e) => e.details.substantiated === false);
  });
});

describe('accountability (责任追究)', () => {
  const substantiated = () => [...acceptedComplaint(), given.investigated(), given.found(true)];

  it('holds an officer of the department accountable, with a measure and a reason', () => {
    spec.given(substantiated()).when(holdOfficer()).then([given.heldAccountable()]);
  });

  it('may be decided against a department as a whole', () => {
    spec
      .given(substantiated())
      .when(
        command(
          'DecideAccountability',
          { against: { department: 'D-MARKET' }, measure: 'rectification_order', reason: '窗口管理混乱' },
          supervisor,
          at(5),
        ),
      )
      .thenMatches(([event]) =>
        expect(event?.data).toMatchObject({
          against: { department: 'D-MARKET' },
          measure: 'rectification_order',
        }),
      );
  });

  it('rejects an officer without a name, or an unknown measure, as invalid', () => {
    const base = holdOfficer();
    spec
      .given(substantiated())
      .when({ ...base, data: { ...base.data, against: { department: 'D-MARKET', officerId: 'u-officer' } } })
      .thenThrows(InvalidCommand);
    spec
      .given(substantiated())
      .when({ ...base, data: { ...base.data, measure: 'dismissal' } } as unknown as ComplaintCommand)
      .thenThrows(InvalidCommand, (e) => String(e.details.issues).includes('measure'));
  });

  it('comes only after a substantiated finding', () => {
    spec
      .given([...acceptedComplaint(), given.investigated()])
      .when(holdOfficer())
      .thenThrows(FindingRequired);
    spec
      .given([...acceptedComplaint(), given.investigated(), given.found(false)])
      .when(holdOfficer())
      .thenThrows(FindingNotSubstantiated);
  });

  it('needs a reason, and is decided once', () => {
    spec.given(substantiated()).when(holdOfficer('')).thenThrows(ReasonRequired);
    spec
      .given([...substantiated(), given.heldAccountable()])
      .when(holdOfficer('再次追究', at(6)))
      .thenThrows(AccountabilityAlreadyDecided, (e) => e.details.measure === 'criticism');
  });
});

describe('the reply to the complainant (答复)', () => {
  it('closes a substantiated complaint once accountability is decided', () => {
    spec
      .given([...acceptedComplaint(), given.investigated(), given.found(true), given.heldAccountable()])
      .when(reply())
      .thenState((state, events) => {
        expect(events).toEqual([given.replied()]);
        expect(submitted(state)).toMatchObject({
          status: 'closed',
          reply: { reply: '经核查投诉属实，已对承办人批评教育' },
        });
      });
  });

  it('answers an unsubstantiated complaint after the finding alone', () => {
    spec
      .given([...acceptedComplaint(), given.investigated(), given.found(false)])
      .when(reply('经核查，办件因补正暂停，未超期'))
      .thenMatches((events) => expect(events.map((e) => e.type)).toEqual(['ComplaintReplied']));
  });

  it('waits for the finding, and for accountability when the complaint is substantiated', () => {
    spec
      .given([...acceptedComplaint(), given.investigated()])
      .when(reply())
      .thenThrows(FindingRequired);
    spec
      .given([...acceptedComplaint(), given.investigated(), given.found(true)])
      .when(reply())
      .thenThrows(AccountabilityRequired);
  });

  it('is written by a supervisor', () => {
    const found = [...acceptedComplaint(), given.investigated(), given.found(false)];
    spec.given(found).when(reply('  ')).thenThrows(ReasonRequired);
    spec
      .given(found)
      .when(reply('已核实', at(6), applicant))
      .thenThrows(NotASupervisor);
  });

  it('leaves the complaint closed to every command', () => {
    const closed = [
      ...acceptedComplaint(),
      given.investigated(),
      given.found(true),
      given.heldAccountable(),
      given.replied(),
    ];
    spec
      .given(closed)
      .when(investigate(at(7)))
      .thenThrows(ComplaintClosed, (e) => e.details.status === 'closed');
    spec
      .given(closed)
      .when(reply('再次答复', at(7)))
      .thenThrows(ComplaintClosed);
    spec
      .given(closed)
      .when(command('AcceptComplaint', { reason: '受理' }, supervisor, at(7)))
      .thenThrows(ComplaintAlreadyDecided);
  });
});

describe('the published event schemas', () => {
  it('accept every event the decider records along a whole complaint', () => {
    const decider = complaintDecider();
    const commands: ComplaintCommand[] = [
      submitOnline(),
      command('FlagComplaintOverdue', {}, monitoring, at(24 * 6)),
      command('AcceptComplaint', { reason: '属于受理范围' }, supervisor, at(24 * 6 + 1)),
      investigate(at(24 * 7)),
      investigate(at(24 * 8), '约谈科长'),
      find(true, '属实', at(24 * 9)),
      holdOfficer('超期', at(24 * 10)),
      reply('已处理', at(24 * 11)),
    ];
    let state = decider.initialState();
    const types: string[] = [];
    for (const next of commands) {
      for (const event of decider.decide(next, state)) {
        expect(ComplaintEvent.parse(event)).toEqual(event);
        types.push(event.type);
        state = decider.evolve(state, event);
      }
    }
    expect(types).toEqual([
      'ComplaintSubmitted',
      'ComplaintAcceptanceOverdue',
      'ComplaintAccepted',
      'ComplaintInvestigationRecorded',
      'ComplaintInvestigationRecorded',
      'ComplaintFindingRecorded',
      'ComplaintAccountabilityDecided',
      'ComplaintReplied',
    ]);
    expect(submitted(state)).toMatchObject({
      status: 'closed',
      submittedAt: T0,
      decision: { outcome: 'accepted', late: true },
      finding: { substantiated: true },
    });
  });
});
