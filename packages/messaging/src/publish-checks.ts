import type { PublishEventOptions } from './bus';
import { checkHeaders } from './codec';
import { InvalidSubject, MissingMessageId } from './errors';
import { checkSubject, subjectMatches } from './subjects';

/**
 * What both buses check before an event is published, so that they refuse bad input identically: a
 * valid subject inside the event stream's subjects, a message id (the de-duplication key), valid headers.
 * Returns the checked headers.
 */
export function checkEventPublish(
  subject: string,
  eventSubjects: readonly string[],
  options: PublishEventOptions,
): Record<string, string> {
  checkSubject(subject);
  if (!eventSubjects.some((p) => subjectMatches(p, subject))) {
    throw new InvalidSubject(`Events are published under ${eventSubjects.join(', ')}, not ${subject}`);
  }
  if (options.messageId.length === 0) throw new MissingMessageId(subject);
  return checkHeaders(options.headers);
}
