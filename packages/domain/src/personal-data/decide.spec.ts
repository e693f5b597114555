import { deciderSpec } from '@docket/testkit';
import { describe, expect, it } from 'vitest';
import { type Actor, systemActor } from '../shared/actor';
import { InvalidCommand, ReasonRequired } from '../shared/errors';
import type { PersonalDataCommand } from './commands';
import { personalDataDecider } from './decide';
import { NoErasureOrdered, NotAnAdministrator, NotThisSubject } from './errors';
import type { PersonalDataEvent } from './events';

const spec = deciderSpec(personalDataDecider);
const SUBJECT = `person-${'a'.repeat(32)}`;
const OTHER = `contact-${'b'.repeat(32)}`;
const NOW = '2026-03-02T01:00:00.000Z';
const admin: Actor = { id: 'u-admin', name: '管理员', roles: ['admin'] };
const auditor: Actor = { id: 'u-auditor', name: '审计员', roles: ['auditor'] };
const by = { id: admin.id, name: admin.name };

const order = (subject = SUBJECT, actor = admin, reason = '申请人书面请求删除'): PersonalDataCommand => ({
  type: 'OrderErasure',
  data: { subject, legalBasis: 'subject_request', reason },
  metadata: { now: NOW, actor },
});
const done = (keysDestroyed = 1, subject = SUBJECT): PersonalDataCommand => ({
  type: 'RecordErasure',
  data: { subject, keysDestroyed },
  metadata: { now: NOW, actor: admin },
});
const ordered: PersonalDataEvent = {
  type: 'PersonalDataErasureOrdered',
  data: { subject: SUBJECT, legalBasis: 'subject_request', reason: '申请人书面请求删除', at: NOW, by },
};
const erased: PersonalDataEvent = {
  type: 'PersonalDataErased',
  data: { subject: SUBJECT, keysDestroyed: 1, at: NOW, by },
};

describe('erasing personal data (PIPL Art. 47)', () => {
  it('records the order first, with its legal basis and reason, then that the keys were destroyed', () => {
    spec.given([]).when(order()).then([ordered]);
    spec.given([ordered]).when(done()).then([erased]);
  });

  it('an order while one is pending decides nothing: the erasure under way is finished instead', () => {
    spec.given([ordered]).when(order()).then([]);
  });

  it('a subject who came back after an erasure can be erased again', () => {
    spec.given([ordered, erased]).when(order()).then([ordered]);
  });

  it('is done on an order only', () => {
    spec.given([]).when(done()).thenThrows(NoErasureOrdered);
    spec.given([ordered, erased]).when(done()).thenThrows(NoErasureOrdered);
  });

  it('only an administrator orders it, with a reason, for the subject of the stream', () => {
    spec.given([]).when(order(SUBJECT, auditor)).thenThrows(NotAnAdministrator);
    spec
      .given([])
      .when(order(SUBJECT, admin, '  '))
      .thenThrows(ReasonRequired);
    spec.given([ordered]).when(order(OTHER)).thenThrows(NotThisSubject);
  });

  it('the system orders one only when a retention period has ended', () => {
    const system = systemActor('audit');
    const retention: PersonalDataCommand = {
      type: 'OrderErasure',
      data: { subject: SUBJECT, legalBasis: 'retention_ended', reason: '保存期限已届满' },
      metadata: { now: NOW, actor: system },
    };
    spec
      .given([])
      .when(retention)
      .then([
        {
          type: 'PersonalDataErasureOrdered',
          data: { ...retention.data, at: NOW, by: { id: system.id, name: system.name } } as never,
        },
      ]);
    spec.given([]).when(order(SUBJECT, system)).thenThrows(NotAnAdministrator);
  });

  it('names a subject by its reference only, never by an ID number', () => {
    const error = spec.given([]).when(order('110101199003076517')).thenThrows(InvalidCommand);
    expect(error.message).toContain('subject');
  });
});
