import { describe, expect, it } from 'vitest';
import { InvalidSubject } from './errors';
import { checkPattern, checkSubject, subjectMatches } from './subjects';

describe('NATS subject matching', () => {
  const cases: [string, string, boolean][] = [
    ['intake.cmd.accept', 'intake.cmd.accept', true],
    ['intake.cmd.accept', 'intake.cmd.reject', false],
    ['intake.cmd.*', 'intake.cmd.accept', true],
    ['intake.*.accept', 'intake.cmd.accept', true],
    ['intake.cmd.*', 'intake.cmd.accept.now', false],
    ['intake.cmd.*', 'intake.cmd', false],
    ['intake.>', 'intake.cmd.accept', true],
    ['intake.>', 'intake', false],
    ['>', 'evt', true],
    ['*.>', 'evt', false],
    ['evt.*.>', 'evt.review.task.opened', true],
    ['intake.cmd', 'intake.cmd.accept', false],
  ];
  for (const [pattern, subject, expected] of cases) {
    it(`${pattern} ${expected ? 'matches' : 'does not match'} ${subject}`, () => {
      expect(subjectMatches(pattern, subject)).toBe(expected);
    });
  }

  it('refuses what a NATS server would refuse', () => {
    for (const bad of ['', 'a..b', '.a', 'a.', 'a b', 'a.*', 'a.>'])
      expect(() => checkSubject(bad)).toThrow(InvalidSubject);
    for (const bad of ['', 'a.>.b', 'a.b*', 'a..*']) expect(() => checkPattern(bad)).toThrow(InvalidSubject);
    expect(() => checkPattern('a.*.>')).not.toThrow();
  });
});
