import { describe, expect, it } from 'vitest';
import { isBlank, requiredRule } from './rules';

const check = async (value: unknown): Promise<'passes' | string> => {
  const rule = requiredRule('请填写理由');
  if (typeof rule === 'function' || rule.validator === undefined) throw new Error('not a validator rule');
  try {
    await rule.validator(rule, value, () => undefined);
    return 'passes';
  } catch (error) {
    return (error as Error).message;
  }
};

describe('a required field', () => {
  it('refuses no value, an empty list, empty text and whitespace-only text, with its message', async () => {
    for (const value of [undefined, null, '', '   ', '\n\t', []])
      expect(await check(value)).toBe('请填写理由');
  });

  it('takes text with something in it, a number (zero too) and a chosen option', async () => {
    for (const value of [' 材料不全 ', 0, 3, 'agree', ['a'], false])
      expect(await check(value)).toBe('passes');
  });

  it('stays marked required, so antd shows the mark and sets aria-required', () => {
    expect(requiredRule('x')).toMatchObject({ required: true, message: 'x' });
  });

  it('counts whitespace as blank', () => {
    expect(isBlank(' \u3000 ')).toBe(true);
    expect(isBlank('a')).toBe(false);
  });
});
