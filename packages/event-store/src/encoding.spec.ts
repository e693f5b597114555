import { describe, expect, it } from 'vitest';
import { newEventId } from './encoding';

describe('newEventId', () => {
  it('is a version-7 uuid whose order follows time, so the id index grows at its right edge', () => {
    const earlier = newEventId(Date.UTC(2026, 0, 1));
    const later = newEventId(Date.UTC(2026, 0, 1) + 1);
    expect(earlier).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(earlier < later).toBe(true);
    expect(newEventId(Date.UTC(2026, 0, 1))).not.toBe(earlier);
  });
});
