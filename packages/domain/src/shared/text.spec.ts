import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { firstHiddenCharacter, multiLine, singleLine } from './text';

const name = singleLine({ max: 200 });
const reason = multiLine({ max: 2000 });

/** The issues zod reports for `value`, as `message` lines (empty when it is accepted). */
const issues = (schema: z.ZodType, value: unknown): string[] =>
  schema.safeParse(value).error?.issues.map((issue) => issue.message) ?? [];

describe('the text rule: what a person types enters the record visible and in NFC', () => {
  it.each([
    ['NUL', 'ab\u0000c', /control character \(U\+0000 at character 3/],
    ['ESC', '\u001B[31m张三', /control character \(U\+001B at character 1/],
    ['DEL', '张三\u007F', /control character \(U\+007F/],
    ['a C1 control', '张\u0090三', /control character \(U\+0090/],
    [
      'a right-to-left override (公司A shown as A司公)',
      '\u202E公司A',
      /bidirectional control \(U\+202E at character 1/,
    ],
    ['a left-to-right embedding', '公司\u202A', /bidirectional control \(U\+202A/],
    ['a first-strong isolate', '公司\u2068A\u2069', /bidirectional control \(U\+2068 at character 3/],
    ['a right-to-left mark', '\u200F公司', /bidirectional control \(U\+200F/],
    ['the Arabic letter mark', '公司\u061C', /bidirectional control \(U\+061C/],
    ['a zero-width space', '张\u200B三', /invisible format character \(U\+200B at character 2/],
    ['a zero-width joiner', '张\u200D三', /invisible format character \(U\+200D/],
    ['a word joiner', '张\u2060三', /invisible format character \(U\+2060/],
    ['a byte-order mark', '\uFEFF张三', /invisible format character \(U\+FEFF at character 1/],
    ['a soft hyphen', '张\u00AD三', /invisible format character \(U\+00AD/],
    ['a tag character', '张三\u{E0041}', /invisible format character \(U\+E0041/],
    ['a Hangul filler', '\u3164', /invisible filler character \(U\+3164/],
    ['a lone high surrogate', '张\uD800三', /unpaired surrogate \(U\+D800 at character 2/],
    ['a lone low surrogate', '\uDC00', /unpaired surrogate \(U\+DC00/],
    ['a noncharacter', '张三\uFFFE', /noncharacter \(U\+FFFE/],
    ['a paragraph separator', '张\u2029三', /U\+2029/],
  ])(
    'refuses %s, in one line and in a multi-line text, naming the character and where',
    (_, value, message) => {
      for (const schema of [name, reason]) {
        const found = issues(schema, value);
        expect(found).toHaveLength(1);
        expect(found[0]).toMatch(message);
      }
    },
  );

  it.each([
    ['LF', '上海小笼包\n餐饮有限公司'],
    ['CRLF', '上海小笼包\r\n餐饮有限公司'],
    ['CR', '上海小笼包\r餐饮有限公司'],
    ['a tab', '张\t三'],
    ['a vertical tab', '张\v三'],
    ['a next-line (U+0085)', '张\u0085三'],
    ['a line separator', '张\u2028三'],
  ])('a single line refuses %s', (_, value) => {
    expect(issues(name, value)).toEqual([
      expect.stringMatching(/^must not contain (a line break|a control)/),
    ]);
  });

  it('a multi-line text keeps LF and tab, stores CRLF as LF, and refuses a CR alone', () => {
    expect(reason.parse('一、材料不全；\n二、\t逾期未补正。')).toBe('一、材料不全；\n二、\t逾期未补正。');
    expect(reason.parse('第一行\r\n第二行\r\n')).toBe('第一行\n第二行\n');
    expect(issues(reason, '第一行\r第二行')).toEqual([
      'must not contain a carriage return without a line feed (U+000D at character 4)',
    ]);
    expect(issues(reason, '第一行\u2028第二行')).toEqual([
      expect.stringMatching(/line or paragraph separator/),
    ]);
  });

  it('stores NFC: a decomposed é and a decomposed Hangul syllable are composed', () => {
    expect(name.parse('Cafe\u0301')).toBe('Caf\u00E9');
    expect(reason.parse('\u1100\u1161')).toBe('\uAC00');
    expect(name.parse('Cafe\u0301').normalize('NFC')).toBe(name.parse('Cafe\u0301'));
  });

  it('keeps Chinese names and text: the middle dot, full-width punctuation, ideographic spaces, rare characters', () => {
    const kept = [
      '阿卜杜·热合曼',
      '上海小笼包餐饮有限公司（黄浦分店）',
      '《食品经营许可证》，编号：JY13101010000001。',
      '王\u3000小明',
      '𠀋𡈽',
      '葛\u{E0100}', // an ideographic variation sequence: the glyph variant a name needs
      '\uE000', // private use: where some input methods put a 生僻字
      'Zoë O’Brien-Smith',
      '91310101MA1FL0000X',
    ];
    for (const value of kept) {
      expect(name.parse(value)).toBe(value);
      expect(reason.parse(value)).toBe(value);
    }
  });

  it('a single line is trimmed; one with no visible character is empty, and refused', () => {
    expect(name.parse('  张三\u3000')).toBe('张三');
    expect(issues(name, '')).toEqual(['is empty: it has no visible character']);
    expect(issues(name, ' \u3000 ')).toEqual(['is empty: it has no visible character']);
    expect(issues(name, '\u0301')).toEqual(['is empty: it has no visible character']);
    // Only invisible: refused once, for the character (not also as empty).
    expect(issues(name, '\u200B')).toEqual([
      'must not contain an invisible format character (U+200B at character 1)',
    ]);
  });

  it('a multi-line text may be blank (a named rule refuses a blank reason) unless required', () => {
    expect(reason.parse('  \n ')).toBe('  \n ');
    const required = multiLine({ max: 100, required: true });
    expect(issues(required, ' \n\t ')).toEqual(['is empty: it has no visible character']);
    expect(issues(required, '\u200B')).toEqual([expect.stringMatching(/U\+200B/)]);
    expect(required.parse('材料齐全')).toBe('材料齐全');
  });

  it('counts the length on the stored value, and composes with optional and with a path', () => {
    expect(issues(singleLine({ max: 4 }), 'Cafe\u0301')).toEqual([]);
    expect(issues(singleLine({ max: 3 }), '张三李四')).toHaveLength(1);
    const schema = z.object({ applicant: z.object({ name, address: singleLine({ max: 500 }).optional() }) });
    const result = schema.safeParse({ applicant: { name: '上海\u202E公司A' } });
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['applicant.name']);
    expect(schema.parse({ applicant: { name: '张三' } })).toEqual({ applicant: { name: '张三' } });
  });

  it('firstHiddenCharacter counts characters, not UTF-16 units', () => {
    expect(firstHiddenCharacter('𠀋𠀋\u202E', 'line')).toMatchObject({ codePoint: 'U+202E', at: 3 });
    expect(firstHiddenCharacter('第一行\n第二行', 'text')).toBeUndefined();
    expect(firstHiddenCharacter('第一行\n第二行', 'line')).toMatchObject({ codePoint: 'U+000A', at: 4 });
  });
});
