import {
  type audit,
  type ErasureReply,
  type ErasureSubject,
  IDEMPOTENCY_KEY_HEADER,
  type ParsedRequestOf,
} from '@docket/contracts';
import {
  domainError,
  type PersonalDataCommand,
  type PersonalDataState,
  personalDataDecider,
  personalDataStreamName,
  systemActor,
} from '@docket/domain';
import { authoriseCommand, rootOf } from '@docket/identity';
import {
  type ErasureCommandRunner,
  erasePersonalData,
  type PersonalDataVault,
  type RetentionSweep,
  sweepRetention,
} from '@docket/personal-data';
import { actorOf, type CommandRunner, createCommandRunner, type Message } from '@docket/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import type { AuditDeps } from './audit-deps';
import { AUDIT } from './tokens';

/** This deployment stores personal data as it comes (EventStoreDB, no vault): there is no key to destroy. */
export const PersonalDataNotSealed = domainError('PersonalDataNotSealed', 'rule_broken', () => ({
  message:
    'personal data is not sealed in this deployment (no personal-data vault): it cannot be erased by destroying keys',
}));

/**
 * 删除个人信息 (PIPL Art. 47), beside the disclosures the audit service already records: an administrator
 * of the centre names a data subject, the order is recorded (`PersonalDataErasureOrdered`), the subject's
 * keys are destroyed in the vault, and that is recorded (`PersonalDataErased`), on which every service
 * rebuilds its read models (service-kit's erasure watch). Both events go through the command path, so the
 * envelope, Idempotency-Key and authorisation are the same as every other write.
 */
@Injectable()
export class PersonalDataErasures {
  readonly commands: CommandRunner<PersonalDataCommand, PersonalDataState>;

  constructor(@Inject(AUDIT) private readonly deps: AuditDeps) {
    this.commands = createCommandRunner({
      ledger: deps.ledger,
      decider: personalDataDecider,
      clock: deps.clock,
      authorise: (command) =>
        authoriseCommand(
          command.metadata.actor,
          command.type,
          { department: rootOf(deps.directory.tree) },
          deps.directory.tree,
        ),
    });
  }

  async erasePersonalData(
    request: ParsedRequestOf<typeof audit.erasePersonalData>,
    message: Message,
  ): Promise<ErasureReply> {
    const vault = this.deps.personalData;
    if (vault === undefined) throw new PersonalDataNotSealed();
    const actor = actorOf(message.headers, message.subject);
    // Refused before the subject is even looked up: a reference is not for everyone to compute.
    authoriseCommand(
      actor,
      'OrderErasure',
      { department: rootOf(this.deps.directory.tree) },
      this.deps.directory.tree,
    );
    const subject = subjectRefOf(vault, request.subject);
    const stream = personalDataStreamName(subject);
    let replayed = false;
    const source = { subject: message.subject, headers: message.headers, actor };
    const outcome = await erasePersonalData(
      vault,
      { subject, legalBasis: request.legalBasis, reason: request.reason },
      async (type, data) => {
        // The second command of one request has a key of its own: the request's would answer it as the first.
        const key = type === 'RecordErasure' ? recordKeyOf(message, actor.id) : undefined;
        const handled = await this.commands.run(
          stream,
          type,
          data,
          key === undefined ? source : { ...source, idempotencyKey: key },
        );
        replayed ||= handled.replayed;
        return { position: handled.position };
      },
    );
    const position = outcome.position;
    if (position === undefined) throw new Error(`the erasure of ${subject} was not recorded`);
    const [erased] = await this.deps.ledger.readAll({ after: position - 1n, upTo: position });
    const keysDestroyed =
      (erased?.data as { keysDestroyed?: number } | undefined)?.keysDestroyed ?? outcome.keysDestroyed;
    return { subject, stream, keysDestroyed, purged: outcome.purged, position, replayed };
  }
}

/**
 * 保存期限届满 (PIPL Art. 47 para. 1 item 2): every subject no catalogue item's retention keeps any longer is
 * erased as `system:audit`, the reason naming the cases and their periods (packages/personal-data's
 * retention.ts; the rule is the domain's catalogue/retention.ts). Run by the retention sweep; undefined
 * when this deployment seals nothing.
 */
export async function sweepRetentionAsSystem(
  deps: AuditDeps,
  commands: CommandRunner<PersonalDataCommand, PersonalDataState>,
): Promise<RetentionSweep | undefined> {
  const vault = deps.personalData;
  if (vault === undefined) return undefined;
  const actor = systemActor('audit');
  const now = deps.clock.now();
  const run: ErasureCommandRunner = async (type, data) => {
    const handled = await commands.run(personalDataStreamName(data.subject), type, data, {
      subject: `audit.retention.${type}`,
      headers: {},
      actor,
      now,
    });
    return { position: handled.position };
  };
  return sweepRetention({ ledger: deps.ledger, vault, now, run, timeZone: deps.clock.timeZone });
}

/** The subject's reference, from what the request names them by. */
function subjectRefOf(vault: PersonalDataVault, subject: ErasureSubject): string {
  if ('ref' in subject) return subject.ref;
  if ('idNumber' in subject)
    return vault.subjectRef({ kind: 'person', idType: subject.idType, idNumber: subject.idNumber });
  if ('userId' in subject) return vault.subjectRef({ kind: 'user', userId: subject.userId });
  return vault.subjectRef({ kind: 'contact', name: subject.name, phone: subject.phone });
}

/** `request:<actor>:<key>:erased` for a request that carries an Idempotency-Key. */
function recordKeyOf(message: Message, actorId: string): string | undefined {
  const key = message.headers[IDEMPOTENCY_KEY_HEADER];
  return key === undefined ? undefined : `request:${actorId}:${key}:erased`;
}
