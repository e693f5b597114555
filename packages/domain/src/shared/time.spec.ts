import { describe, expect, it } from 'vitest';
import { utc } from './time';

describe('instants in read models', () => {
  it('are written as UTC text, whatever their offset, so they compare as strings', () => {
    expect(utc('2026-04-01T00:00:00+08:00')).toBe('2026-03-31T16:00:00.000Z');
    expect(utc('2026-03-31T16:00:00Z')).toBe('2026-03-31T16:00:00.000Z');
  });
});
