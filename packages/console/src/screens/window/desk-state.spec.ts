import { describe, expect, it } from 'vitest';
import { deskActions, type ItemMaterial, noticeLines, printableDocuments } from './desk-state';

const materials: ItemMaterial[] = [
  { code: 'form', name: '食品经营许可申请书', requirement: 'mandatory', form: 'original', count: 1 },
  { code: 'licence', name: '营业执照', requirement: 'mandatory', form: 'copy', count: 1 },
  { code: 'layout', name: '经营场所布局图', requirement: 'mandatory', form: 'original', count: 2 },
  {
    code: 'lease',
    name: '租赁合同',
    requirement: 'conditional',
    condition: '租用场所',
    form: 'copy',
    count: 1,
  },
];

describe('the correction notice (一次性告知)', () => {
  it('lists every mandatory material short of its count and every deficient one, with why', () => {
    const lines = noticeLines(
      materials,
      [
        { code: 'form', count: 1 },
        { code: 'layout', count: 1 },
      ],
      [
        { code: 'form', reason: '未签字' },
        { code: 'layout', reason: '未标注尺寸' },
      ],
      '未提交',
    );
    expect(lines.map(({ code, kind, reason }) => ({ code, kind, reason }))).toEqual([
      { code: 'licence', kind: 'missing', reason: '未提交' },
      { code: 'layout', kind: 'missing', reason: '1/2；未标注尺寸' },
      { code: 'form', kind: 'deficient', reason: '未签字' },
    ]);
  });

  it('lists the deficient materials alone when what was received is not known here', () => {
    const lines = noticeLines(materials, undefined, [{ code: 'lease', reason: '已过期' }], '未提交');
    expect(lines).toEqual([
      { code: 'lease', name: '租赁合同', kind: 'deficient', reason: '已过期', form: 'copy', count: 1 },
    ]);
  });
});

describe("the window's actions by status", () => {
  it('offers what the application decider allows, nothing after the end', () => {
    expect(deskActions('submitted')).toEqual(['correction', 'accept', 'decline', 'withdraw']);
    expect(deskActions('correction_requested')).toEqual(['supplement', 'decline', 'withdraw']);
    expect(deskActions('supplemented')).toEqual(['accept', 'decline', 'withdraw']);
    expect(deskActions('in_review')).toEqual(['withdraw']);
    expect(deskActions('decided')).toEqual(['deliver']);
    for (const closed of ['declined', 'withdrawn', 'delivered', 'correction_expired'] as const)
      expect(deskActions(closed)).toEqual([]);
  });

  it('prints the notices the case has had', () => {
    expect(printableDocuments('submitted', {})).toEqual([]);
    expect(printableDocuments('correction_requested', {})).toEqual(['correction']);
    expect(printableDocuments('accepted', {})).toEqual(['acceptance']);
    expect(printableDocuments('declined', {})).toEqual(['decline']);
  });
});
