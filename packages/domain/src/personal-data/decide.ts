import { isSystem } from '../shared/actor';
import type { Decider } from '../shared/decider';
import { ReasonRequired } from '../shared/errors';
import { recordedBy } from '../shared/recorded-by';
import { unknownCommand, validated } from '../supervision/guards';
import { type PersonalDataCommand, personalDataCommandSchemas } from './commands';
import { NoErasureOrdered, NotAnAdministrator, NotThisSubject } from './errors';
import type { PersonalDataEvent } from './events';
import { evolvePersonalData, initialPersonalDataState, type PersonalDataState } from './state';

export type PersonalDataDecider = Decider<PersonalDataCommand, PersonalDataState, PersonalDataEvent>;

/**
 * 删除个人信息 (PIPL Art. 47), stream `personal-data-<subject>`. An erasure is two facts: the order (who,
 * on what legal basis, why), recorded before anything is destroyed, so that no erasure happens unrecorded;
 * then, once the subject's keys are destroyed, that it was done. An order while one is pending decides
 * nothing: the erasure it asks for is already under way, and the caller goes on to finish it.
 */
export const personalDataDecider: PersonalDataDecider = {
  initialState: initialPersonalDataState,
  evolve: evolvePersonalData,
  decide(command, state) {
    switch (command.type) {
      case 'OrderErasure': {
        const { data, metadata } = validated(personalDataCommandSchemas, 'OrderErasure', command);
        // The system orders one erasure only: at the end of the retention the catalogue fixed (Art. 47
        // para. 1 item 2, catalogue/retention.ts). Every other basis is an administrator's judgement.
        const retention = isSystem(metadata.actor) && data.legalBasis === 'retention_ended';
        if (!retention && !metadata.actor.roles.includes('admin'))
          throw new NotAnAdministrator(metadata.actor.id, 'order the erasure of personal data');
        sameSubject(state, data.subject);
        if (data.reason.trim() === '') throw new ReasonRequired('erasing personal data');
        if (state.pending) return [];
        return [
          {
            type: 'PersonalDataErasureOrdered',
            data: { ...data, at: metadata.now, by: recordedBy(metadata.actor) },
          },
        ];
      }
      case 'RecordErasure': {
        const { data, metadata } = validated(personalDataCommandSchemas, 'RecordErasure', command);
        sameSubject(state, data.subject);
        if (!state.pending) throw new NoErasureOrdered(data.subject);
        return [
          { type: 'PersonalDataErased', data: { ...data, at: metadata.now, by: recordedBy(metadata.actor) } },
        ];
      }
      default:
        throw unknownCommand('personal data', command);
    }
  },
};

function sameSubject(state: PersonalDataState, subject: string): void {
  if (state.subject !== undefined && state.subject !== subject)
    throw new NotThisSubject(`personal-data-${state.subject}`, subject);
}
