import { deciderSpec } from '@docket/testkit';
import { describe, expect, it } from 'vitest';
import { fold } from '../shared/decider';
import { InvalidCommand, ReasonRequired } from '../shared/errors';
import type { ServiceItemCommand } from './commands';
import {
  CodeMismatch,
  NotAnAdministrator,
  ServiceItemAlreadyDefined,
  ServiceItemNotDefined,
  ServiceItemWithdrawn,
} from './errors';
import type { ServiceItemEvent } from './events';
import { catalogueItemDecider, serviceItemForIntake, serviceItemVersion } from './index';
import { PromisedExceedsStatutory } from './rules';
import type { ServiceItemDefinition } from './service-item';
import { administrator, asVersion, promisedItem } from './spec-support/items';

const spec = deciderSpec(catalogueItemDecider);
const now = '2026-03-02T10:00:00+08:00';
const later = '2026-04-01T10:00:00+08:00';
const by = { id: 'u-admin', name: 'Zhao Admin', department: 'district' };
const clerk = { id: 'u-clerk', name: 'Qian Clerk', roles: ['clerk' as const], department: 'window-1' };

const define = (item: ServiceItemDefinition = promisedItem(), actor = administrator): ServiceItemCommand => ({
  type: 'DefineServiceItem',
  data: { item },
  metadata: { now, actor },
});
const revise = (item: ServiceItemDefinition, note?: string, actor = administrator): ServiceItemCommand => ({
  type: 'ReviseServiceItem',
  data: note === undefined ? { item } : { item, note },
  metadata: { now: later, actor },
});
const withdraw = (
  reason?: string,
  code = promisedItem().code,
  actor = administrator,
): ServiceItemCommand => ({
  type: 'WithdrawServiceItem',
  data: reason === undefined ? { code } : { code, reason },
  metadata: { now: later, actor },
});

const defined: ServiceItemEvent = {
  type: 'ServiceItemDefined',
  data: { item: asVersion(promisedItem()), at: now, by },
};
const revisedItem = { ...promisedItem(), promisedLimit: { value: 12, unit: 'working_days' as const } };
const revised: ServiceItemEvent = {
  type: 'ServiceItemRevised',
  data: { item: asVersion(revisedItem, 2), note: 'promise set to 12 days', at: later, by },
};
const withdrawn: ServiceItemEvent = {
  type: 'ServiceItemWithdrawn',
  data: { code: promisedItem().code, reason: 'delegated to streets', at: later, by },
};

describe('DefineServiceItem', () => {
  it('publishes the item as version 1, recording who and when', () => {
    spec.given([]).when(define()).then([defined]);
  });

  it('is for administrators only', () => {
    spec
      .given([])
      .when(define(promisedItem(), clerk))
      .thenThrows(NotAnAdministrator, (e) => e.kind === 'forbidden');
  });

  it('refuses a code that is already defined, even once withdrawn', () => {
    spec.given([defined]).when(define()).thenThrows(ServiceItemAlreadyDefined);
    spec.given([defined, withdrawn]).when(define()).thenThrows(ServiceItemAlreadyDefined);
  });

  it('refuses a malformed definition with InvalidCommand listing where', () => {
    const item = { ...promisedItem(), code: '' };
    spec
      .given([])
      .when(define(item))
      .thenThrows(InvalidCommand, (e) =>
        (e.details.issues as string[]).some((issue) => issue.startsWith('data.item.code')),
      );
  });

  it('applies the catalogue rules before publishing', () => {
    const item = { ...promisedItem(), promisedLimit: { value: 25, unit: 'working_days' as const } };
    spec
      .given([])
      .when(define(item))
      .thenThrows(PromisedExceedsStatutory, (e) => e.kind === 'rule_broken');
  });
});

describe('ReviseServiceItem', () => {
  it('publishes the next version with its change note', () => {
    spec.given([defined]).when(revise(revisedItem, 'promise set to 12 days')).then([revised]);
    spec
      .given([defined, revised])
      .when(revise(promisedItem(), 'back to 10 days'))
      .thenMatches(([event]) =>
        expect(event?.type === 'ServiceItemRevised' && event.data.item.version).toBe(3),
      );
  });

  it('needs a change note', () => {
    spec.given([defined]).when(revise(revisedItem)).thenThrows(ReasonRequired);
    spec.given([defined]).when(revise(revisedItem, '   ')).thenThrows(ReasonRequired);
  });

  it('needs an administrator, a defined item, the same code and an item not withdrawn', () => {
    spec
      .given([defined])
      .when(revise(revisedItem, 'x', clerk))
      .thenThrows(NotAnAdministrator);
    spec
      .given([])
      .when(revise(revisedItem, 'x'))
      .thenThrows(ServiceItemNotDefined, (e) => e.kind === 'not_found');
    spec
      .given([defined])
      .when(revise({ ...revisedItem, code: 'OTHER' }, 'x'))
      .thenThrows(
        CodeMismatch,
        (e) => e.details.expected === promisedItem().code && e.details.actual === 'OTHER',
      );
    spec.given([defined, withdrawn]).when(revise(revisedItem, 'x')).thenThrows(ServiceItemWithdrawn);
  });

  it('applies the catalogue rules to the new version', () => {
    const broken = { ...promisedItem(), promisedLimit: { value: 21, unit: 'working_days' as const } };
    spec.given([defined]).when(revise(broken, 'longer')).thenThrows(PromisedExceedsStatutory);
  });
});

describe('WithdrawServiceItem', () => {
  it('withdraws the item with the reason', () => {
    spec.given([defined]).when(withdraw('delegated to streets')).then([withdrawn]);
  });

  it('needs a reason, an administrator, a live item and the same code', () => {
    spec.given([defined]).when(withdraw()).thenThrows(ReasonRequired);
    spec
      .given([defined])
      .when(withdraw('x', promisedItem().code, clerk))
      .thenThrows(NotAnAdministrator);
    spec.given([]).when(withdraw('x')).thenThrows(ServiceItemNotDefined);
    spec.given([defined]).when(withdraw('x', 'OTHER')).thenThrows(CodeMismatch);
    spec.given([defined, withdrawn]).when(withdraw('again')).thenThrows(ServiceItemWithdrawn);
  });
});

describe('the catalogue item state', () => {
  it('keeps every version, so a case finds the one it was accepted under', () => {
    const state = fold(catalogueItemDecider, [defined, revised]);
    expect(state.status).toBe('active');
    expect(state.current?.version).toBe(2);
    expect(serviceItemVersion(state, 1)?.promisedLimit.value).toBe(10);
    expect(serviceItemVersion(state, 2)?.promisedLimit.value).toBe(12);
    expect(serviceItemVersion(state, 3)).toBeUndefined();
  });

  it('gives intake the current version, and no version once withdrawn', () => {
    expect(serviceItemForIntake(fold(catalogueItemDecider, [defined, revised])).version).toBe(2);
    expect(() => serviceItemForIntake(fold(catalogueItemDecider, [defined, withdrawn]))).toThrow(
      ServiceItemWithdrawn,
    );
    expect(() => serviceItemForIntake(fold(catalogueItemDecider, []))).toThrow(ServiceItemNotDefined);
    expect(fold(catalogueItemDecider, [defined, withdrawn]).withdrawal?.reason).toBe('delegated to streets');
  });
});
