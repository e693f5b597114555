import { Actor } from '@docket/domain';
import { type Headers, readActor } from '@docket/messaging';
import { ActorMissing } from './errors';

/** The acting person of a request, from its `docket-actor` header, validated as the domain declares it. */
export function actorOf(headers: Headers, subject: string): Actor {
  const parsed = Actor.safeParse(readActor(headers));
  if (!parsed.success) throw new ActorMissing(subject);
  return parsed.data;
}
