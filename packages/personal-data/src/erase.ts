import {
  type Actor,
  type ErasureLegalBasis,
  type PersonalDataCommand,
  personalDataDecider,
  personalDataStreamName,
} from '@docket/domain';
import { type EventStore, WrongExpectedRevision } from '@docket/event-store';
import type { PersonalDataVault } from './vault';

/** Runs one command of the personal-data decider on the subject's stream; answers where its event went. */
export type ErasureCommandRunner = <C extends PersonalDataCommand>(
  type: C['type'],
  data: C['data'],
) => Promise<{ position: bigint | undefined }>;

export interface ErasureRequest {
  /** The subject's reference (`vault.subjectRef(…)`), never an ID number. */
  subject: string;
  legalBasis: ErasureLegalBasis;
  reason: string;
}

export interface ErasureOutcome {
  subject: string;
  keysDestroyed: number;
  /** False when the vault's log could not be emptied yet (a reader held it): the key is gone, a copy may not be. */
  purged: boolean;
  /** The position of `PersonalDataErased`: the services rebuild their read models when they reach it. */
  position: bigint | undefined;
}

/**
 * 删除个人信息 (PIPL Art. 47): the order is recorded (who, on what basis, why), then the subject's keys are
 * destroyed, then that they were, as `PersonalDataErased`: the event every service rebuilds its read models
 * on, recorded only once no read can open the values any more. A failure in between leaves an order
 * pending, which the next erasure of the subject finishes (the decider lets an order through while one is
 * pending without recording it twice).
 */
export async function erasePersonalData(
  vault: PersonalDataVault,
  request: ErasureRequest,
  run: ErasureCommandRunner,
): Promise<ErasureOutcome> {
  const { subject } = request;
  await run('OrderErasure', { subject, legalBasis: request.legalBasis, reason: request.reason });
  const { keysDestroyed, purged } = await vault.erase(subject);
  const { position } = await run('RecordErasure', { subject, keysDestroyed });
  return { subject, keysDestroyed, purged, position };
}

/**
 * The command path without a service (the CLI on a data directory): read the subject's stream, fold,
 * decide, append expecting the revision read, and decide again after a lost race. The caller has checked
 * who may (the CLI: whoever may write the data directory and its key directory).
 */
export function ledgerErasureRunner(
  ledger: EventStore,
  actor: Actor,
  now: () => string,
): ErasureCommandRunner {
  return async (type, data) => {
    const stream = personalDataStreamName(data.subject);
    for (let attempt = 1; ; attempt++) {
      const recorded = await ledger.readStream(stream);
      let state = personalDataDecider.initialState();
      for (const event of recorded)
        state = personalDataDecider.evolve(state, { type: event.type, data: event.data } as never);
      const at = now();
      const decided = personalDataDecider.decide(
        { type, data, metadata: { now: at, actor } } as PersonalDataCommand,
        state,
      );
      if (decided.length === 0) return { position: undefined };
      try {
        const result = await ledger.appendToStream(
          stream,
          decided.map((event) => ({
            type: event.type,
            data: event.data,
            occurredAt: at,
            actor,
            channel: 'system',
          })),
          { expectedRevision: recorded.at(-1)?.revision ?? 'no_stream' },
        );
        return { position: result.lastPosition };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision) || attempt >= 5) throw error;
      }
    }
  };
}
