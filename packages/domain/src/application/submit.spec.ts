import { deciderSpec } from '@docket/testkit';
import { describe, expect, it } from 'vitest';
import { InvalidCommand } from '../shared/errors';
import { recordedBy } from '../shared/recorded-by';
import type { ApplicationCommand } from './commands';
import {
  ApplicationAlreadySubmitted,
  ApplicationClosed,
  ApplicationNotSubmitted,
  NotAClerk,
  NotApplicantOrClerk,
  TimeBeforeLastEvent,
  UnknownMaterial,
} from './errors';
import { createApplicationDecider } from './index';
import {
  acceptedAt,
  applicant,
  applicantDetails,
  clerk,
  closedHistories,
  command,
  complete,
  decidedAt,
  decider,
  firstHandler,
  item,
  monitoring,
  officer,
  otherClerk,
  queryCodeHash,
  reviewService,
  submit,
  submitted,
  submittedAt,
  windowClosesAt,
  windowReminderAt,
} from './spec-support/fixtures';
import { weekdayCalendar } from './spec-support/weekday-calendar';

const spec = deciderSpec(decider);

describe('SubmitApplication', () => {
  it('records a window application with the item version, and the clerk as first handler (首问负责制)', () => {
    spec.given([]).when(submit()).then([submitted(), firstHandler()]);
  });

  it('takes an online application from the applicant, leaving the first handler to the first clerk', () => {
    spec
      .given([])
      .when(submit({ channel: 'web', actor: applicant }))
      .then([
        {
          type: 'ApplicationSubmitted',
          data: {
            caseNo: 'D2026-000123',
            item,
            applicant: applicantDetails,
            channel: 'web',
            materials: complete,
            queryCodeHash,
            correctionWindowClosesAt: windowClosesAt,
            correctionWindowReminderAt: windowReminderAt,
            submitterRole: 'applicant',
            at: submittedAt,
            by: recordedBy(applicant),
          },
        },
      ]);
  });

  it('counts the correction window from the next working day when submitted at the weekend', () => {
    // Saturday 7 March: the clock starts Monday 9, five working days later is Monday 16 March.
    spec
      .given([])
      .when(submit({ channel: 'web', actor: applicant, at: '2026-03-07T10:00:00+08:00' }))
      .thenState((state) => expect(state.correctionWindowClosesAt).toBe('2026-03-16T17:00:00+08:00'));
  });

  it('honours a configured correction window', () => {
    const threeDays = createApplicationDecider({ calendar: weekdayCalendar, correctionNoticeWorkingDays: 3 });
    // Three working days after Monday 2 March: Thursday 5 March.
    deciderSpec(threeDays)
      .given([])
      .when(submit())
      .thenState((state) => expect(state.correctionWindowClosesAt).toBe('2026-03-05T17:00:00+08:00'));
  });

  it('needs a clerk at the window and by post, the applicant or a clerk online', () => {
    spec
      .given([])
      .when(submit({ actor: applicant }))
      .thenThrows(NotAClerk, (e) => e.kind === 'forbidden');
    spec
      .given([])
      .when(submit({ channel: 'post', actor: applicant }))
      .thenThrows(NotAClerk);
    spec
      .given([])
      .when(submit({ channel: 'mobile', actor: officer }))
      .thenThrows(NotApplicantOrClerk);
  });

  it('refuses a case number already submitted, and a closed one', () => {
    spec
      .given([submitted(), firstHandler()])
      .when(submit())
      .thenThrows(ApplicationAlreadySubmitted, (e) => e.details.caseNo === 'D2026-000123');
    for (const [status, history] of closedHistories)
      spec
        .given(history)
        .when(submit())
        .thenThrows(ApplicationClosed, (e) => e.details.status === status);
  });

  it('refuses a malformed submission, listing what is wrong', () => {
    const bad = submit();
    const malformed = {
      ...bad,
      data: { ...(bad.data as object), queryCodeHash: 'not-a-hash', channel: 'fax' },
    };
    spec
      .given([])
      .when(malformed as ApplicationCommand)
      .thenThrows(InvalidCommand, (e) => {
        const issues = e.details.issues as string[];
        return (
          issues.some((i) => i.startsWith('data.queryCodeHash')) &&
          issues.some((i) => i.startsWith('data.channel'))
        );
      });
  });
});

describe('the materials handed in (defect 12)', () => {
  it('may name a conditional material the item lists', () => {
    const withLease = [...complete, { code: 'lease', count: 1, form: 'copy' as const }];
    spec
      .given([])
      .when(submit({ materials: withLease }))
      .then([submitted(withLease), firstHandler()]);
  });

  it('names each material once: a repeated code is refused, naming it and where it is', () => {
    spec
      .given([])
      .when(submit({ materials: [...complete, { code: 'form', count: 1, form: 'copy' }] }))
      .thenThrows(InvalidCommand, (e) => {
        expect(e.kind).toBe('invalid');
        expect(e.details.issues).toEqual(['data.materials.2.code: material form is listed twice']);
        return true;
      });
  });

  it('names only materials the item lists: another code is refused, naming it', () => {
    spec
      .given([])
      .when(submit({ materials: [...complete, { code: 'tax-receipt', count: 1, form: 'copy' }] }))
      .thenThrows(UnknownMaterial, (e) => e.kind === 'invalid' && e.details.code === 'tax-receipt');
  });
});

describe('the applicant as typed (the text rule, shared/text.ts)', () => {
  const withApplicant = (changes: Record<string, unknown>): ApplicationCommand => {
    const base = submit();
    const data = base.data as { applicant: object };
    return { ...base, data: { ...data, applicant: { ...data.applicant, ...changes } } } as ApplicationCommand;
  };

  it('refuses a right-to-left override, a line break, an invisible-only name and a NUL, naming the field', () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ name: '上海\u202E公司A' }, /^data\.applicant\.name: .*U\+202E/],
      [{ name: '王\n伟' }, /^data\.applicant\.name: .*line break/],
      [{ name: '\u200B' }, /^data\.applicant\.name: .*U\+200B/],
      [{ name: '   ' }, /^data\.applicant\.name: is empty/],
      [{ address: '南京东路\u0000100号' }, /^data\.applicant\.address: .*U\+0000/],
      [
        { agent: { name: '李\u2066四', idType: 'resident_id', idNumber: '1', phone: '1' } },
        /^data\.applicant\.agent\.name: /,
      ],
    ];
    for (const [changes, issue] of cases)
      spec
        .given([])
        .when(withApplicant(changes))
        .thenThrows(InvalidCommand, (e) => {
          expect(e.details.issues).toEqual([expect.stringMatching(issue)]);
          return true;
        });
  });

  it('records the name trimmed and in NFC; a middle dot and full-width punctuation are kept', () => {
    spec
      .given([])
      .when(
        withApplicant({
          name: ' 阿卜杜·热合曼（Rene\u0301） ',
          address: '上海市黄浦区《南京东路》100号，2楼。',
        }),
      )
      .thenMatches(([event]) =>
        expect(event?.data).toMatchObject({
          applicant: { name: '阿卜杜·热合曼（Ren\u00E9）', address: '上海市黄浦区《南京东路》100号，2楼。' },
        }),
      );
  });
});

describe('every command after submission', () => {
  const later = '2026-03-04T10:00:00+08:00';
  const commands: [string, ApplicationCommand][] = [
    ['RequestCorrection', command('RequestCorrection', { deficient: [] }, clerk, later)],
    ['SupplementMaterials', command('SupplementMaterials', { materials: complete }, applicant, later)],
    ['ExpireCorrection', command('ExpireCorrection', {}, monitoring, later)],
    ['RemindCorrectionWindow', command('RemindCorrectionWindow', {}, monitoring, later)],
    ['AcceptOnReceipt', command('AcceptOnReceipt', {}, monitoring, later)],
    ['AcceptApplication', command('AcceptApplication', { acceptanceDocumentNo: 'SL-1' }, clerk, later)],
    ['DeclineApplication', command('DeclineApplication', { reason: 'r', legalBasis: 'b' }, clerk, later)],
    ['WithdrawApplication', command('WithdrawApplication', {}, applicant, later)],
    [
      'RecordDecision',
      command(
        'RecordDecision',
        { outcome: 'approved', decidedAt, reviewEventId: 'ev-1' },
        reviewService,
        later,
      ),
    ],
    [
      'DeliverResult',
      command(
        'DeliverResult',
        { method: 'electronic', recipient: { name: 'Wang Wei', relation: 'applicant' } },
        clerk,
        later,
      ),
    ],
  ];

  it.each(commands)('%s needs a submitted application', (_, cmd) => {
    spec
      .given([])
      .when(cmd)
      .thenThrows(ApplicationNotSubmitted, (e) => e.kind === 'not_found');
  });

  it.each(commands)(
    '%s is refused once the application is closed, whatever the closed state',
    (type, cmd) => {
      for (const [status, history] of closedHistories) {
        // A repeated decision or delivery after delivery gets its own, more telling error (result.spec.ts).
        if (status === 'delivered' && (type === 'RecordDecision' || type === 'DeliverResult')) continue;
        // A supplement after the correction expired is refused naming the deadline (correction.spec.ts).
        if (status === 'correction_expired' && type === 'SupplementMaterials') continue;
        spec
          .given(history)
          .when(cmd)
          .thenThrows(ApplicationClosed, (e) => e.details.status === status);
      }
    },
  );

  it('may not be dated before the last recorded event', () => {
    spec
      .given([submitted(), firstHandler()])
      .when(
        command('AcceptApplication', { acceptanceDocumentNo: 'SL-1' }, clerk, '2026-03-02T09:59:59+08:00'),
      )
      .thenThrows(TimeBeforeLastEvent, (e) => e.details.last === submittedAt);
  });

  it('assigns the first handler to the first clerk who acts on an online application, once', () => {
    const online = submitted(complete, { channel: 'web', by: applicant });
    spec
      .given([online])
      .when(command('AcceptApplication', { acceptanceDocumentNo: 'SL-1' }, otherClerk, acceptedAt))
      .thenMatches((events) =>
        expect(events.map((e) => e.type)).toEqual(['ApplicationAccepted', 'FirstHandlerAssigned']),
      );
    spec
      .given([online, firstHandler(otherClerk, acceptedAt)])
      .when(command('DeclineApplication', { reason: 'r', legalBasis: 'b' }, clerk, acceptedAt))
      .thenMatches((events) => expect(events.map((e) => e.type)).toEqual(['ApplicationDeclined']));
  });
});
