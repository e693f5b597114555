import type { ServiceItemEvent, ServiceItemVersion } from '@docket/domain';
import { describe, expect, it } from 'vitest';
import { versionsOf } from './catalogue-versions';

const item = (version: number, name: string): ServiceItemVersion => ({
  code: 'ITEM-A',
  version,
  name,
  department: 'huangpu-market',
  legalBasis: '《食品安全法》第三十五条',
  category: 'promised',
  statutoryLimit: { value: 20, unit: 'working_days' },
  promisedLimit: { value: 10, unit: 'working_days' },
  correctionLimit: { value: 5, unit: 'working_days' },
  materials: [],
  fee: { kind: 'free' },
  steps: [{ kind: 'handle', name: '承办', role: 'officer', limit: { value: 5, unit: 'working_days' } }],
  deemedApprovalOnTimeout: false,
  coHandlerSilenceIsConsent: false,
});
const admin = { id: 'u-admin', name: '管理员', department: 'huangpu' };

describe('the versions of a service item, from its stream', () => {
  const events: ServiceItemEvent[] = [
    {
      type: 'ServiceItemDefined',
      data: { item: item(1, '食品经营许可'), at: '2026-03-02T10:00:00+08:00', by: admin },
    },
    {
      type: 'ServiceItemRevised',
      data: {
        item: item(2, '食品经营许可（新）'),
        note: '承诺时限缩短',
        at: '2026-04-01T09:00:00+08:00',
        by: admin,
      },
    },
    {
      type: 'ServiceItemWithdrawn',
      data: { code: 'ITEM-A', reason: '并入新事项', at: '2026-05-01T09:00:00+08:00', by: admin },
    },
  ];

  it('keeps every version, oldest first, with its note and when it was published (UTC)', () => {
    expect(versionsOf(events)).toEqual([
      { item: item(1, '食品经营许可'), note: null, at: '2026-03-02T02:00:00.000Z', by: admin },
      {
        item: item(2, '食品经营许可（新）'),
        note: '承诺时限缩短',
        at: '2026-04-01T01:00:00.000Z',
        by: admin,
      },
    ]);
  });

  it('answers nothing for a stream without a definition', () => {
    expect(versionsOf([])).toEqual([]);
  });
});
