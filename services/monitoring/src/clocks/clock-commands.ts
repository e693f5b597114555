import {
  type ClockCommand,
  type ClockCommandType,
  type ClockEvent,
  type ClockState,
  clockStreamName,
  createClockDecider,
  systemActor,
} from '@docket/domain';
import { authoriseCommand } from '@docket/identity';
import { type CommandRunner, createCommandRunner, type ServiceDeps } from '@docket/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { MONITORING } from '../tokens';

/** What a clock command reacts to: its cause, and when it happened (not when monitoring heard of it). */
export interface ClockCause {
  causationId?: string;
  idempotencyKey?: string;
  now?: string;
}

/** The clock per case (clock-<caseNo>): every command is the monitoring service's own (system). */
@Injectable()
export class ClockCommands {
  readonly runner: CommandRunner<ClockCommand, ClockState>;
  readonly actor = systemActor('monitoring');

  constructor(@Inject(MONITORING) deps: ServiceDeps) {
    this.runner = createCommandRunner<ClockCommand, ClockState, ClockEvent>({
      ledger: deps.ledger,
      decider: createClockDecider({ calendar: deps.calendar }),
      clock: deps.clock,
      authorise: (command) => authoriseCommand(command.metadata.actor, command.type, {}, deps.directory.tree),
    });
  }

  run(caseNo: string, type: ClockCommandType, data: unknown, cause: ClockCause = {}) {
    return this.runner.run(clockStreamName(caseNo), type, data, {
      subject: `monitoring.clock.${type}`,
      headers: {},
      actor: this.actor,
      caseNo,
      ...(cause.causationId === undefined ? {} : { causationId: cause.causationId }),
      ...(cause.idempotencyKey === undefined ? {} : { idempotencyKey: cause.idempotencyKey }),
      ...(cause.now === undefined ? {} : { now: cause.now }),
    });
  }
}
