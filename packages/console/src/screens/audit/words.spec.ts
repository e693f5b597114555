import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { centreInstant, centreWallTime, fieldParts, fieldWords } from './words';

/** A t that answers its key: the tests look at how a path is cut, not at the words. */
const t = ((key: string) => `<${key}>`) as unknown as TFunction<'audit'>;

describe('the audit screens’ words', () => {
  it('names a path segment by segment, keeping list keys and unknown names', () => {
    expect(fieldParts('application.acceptance.acceptingUnit', t)).toEqual({
      part: '<part.application>',
      field: 'acceptance.acceptingUnit',
    });
    expect(fieldWords('main.steps[0].completions[1].opinion', t)).toBe(
      '<field.main> › <field.steps>[0] › <field.completions>[1] › <field.opinion>',
    );
    expect(fieldWords('promised.issued.somethingNew', t)).toBe('<field.promised> › issued › somethingNew');
  });

  it('reads the picker in the centre’s time whatever the browser’s zone', () => {
    const wall = centreWallTime('2026-12-08T01:30:05Z');
    expect(wall.format('YYYY-MM-DD HH:mm:ss')).toBe('2026-12-08 09:30:05');
    expect(centreInstant(wall)).toBe('2026-12-08T09:30:05+08:00');
  });
});
