import {
  type ClockCommand,
  type ClockCommandType,
  type ClockDecider,
  type ClockEvent,
  type ClockState,
  clockStreamName,
  createClockDecider,
  systemActor,
} from '@docket/domain';
import { authoriseCommand } from '@docket/identity';
import { type CommandRunner, createCommandRunner, type ServiceDeps } from '@docket/service-kit';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { MONITORING } from '../tokens';
import { ClockBook } from './clock-book';

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
  readonly decider: ClockDecider;
  /** The policy's word on a clock command (a person never writes the clock), before the decider's. */
  readonly authorise: (command: ClockCommand) => void;

  constructor(
    @Inject(MONITORING) deps: ServiceDeps,
    /** Told the state each command leaves behind, so that the timers need not read it again. */
    @Optional() private readonly book?: ClockBook,
  ) {
    this.decider = createClockDecider({ calendar: deps.calendar });
    this.authorise = (command) =>
      authoriseCommand(command.metadata.actor, command.type, {}, deps.directory.tree);
    this.runner = createCommandRunner<ClockCommand, ClockState, ClockEvent>({
      ledger: deps.ledger,
      decider: this.decider,
      clock: deps.clock,
      authorise: this.authorise,
    });
  }

  async run(caseNo: string, type: ClockCommandType, data: unknown, cause: ClockCause = {}) {
    const handled = await this.runner.run(clockStreamName(caseNo), type, data, {
      subject: `monitoring.clock.${type}`,
      headers: {},
      actor: this.actor,
      caseNo,
      ...(cause.causationId === undefined ? {} : { causationId: cause.causationId }),
      ...(cause.idempotencyKey === undefined ? {} : { idempotencyKey: cause.idempotencyKey }),
      ...(cause.now === undefined ? {} : { now: cause.now }),
    });
    // A replay answers with the first append's revision and today's state: they do not go together.
    if (!handled.replayed && handled.revision !== undefined)
      this.book?.remember(caseNo, handled.state, handled.revision);
    return handled;
  }
}
