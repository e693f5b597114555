import type {
  CaseExportReply,
  CaseHistoryReply,
  CaseStateReply,
  CheckpointListReply,
  DisclosureReply,
  SignCheckpointReply,
  VerifyLedgerReply,
} from '@docket/contracts';
import { audit } from '@docket/contracts';
import { BusContext } from '@docket/nest-bus';
import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { AuditQueries } from './audit-queries';

/**
 * The audit service's bus surface: its contract (@docket/contracts `audit`). It reacts to no integration
 * event: it reads the ledger when asked, and its checkpoint signer follows the ledger by itself.
 */
@Controller()
export class AuditController {
  constructor(private readonly queries: AuditQueries) {}

  @MessagePattern(audit.history.subject)
  history(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<CaseHistoryReply> {
    return this.queries.history(payload, ctx.getHeaders(), ctx.getSubject());
  }

  @MessagePattern(audit.state.subject)
  state(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<CaseStateReply> {
    return this.queries.state(payload, ctx.getHeaders(), ctx.getSubject());
  }

  @MessagePattern(audit.export.subject)
  export(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<CaseExportReply> {
    return this.queries.export(payload, ctx.getHeaders(), ctx.getSubject());
  }

  @MessagePattern(audit.verify.subject)
  verify(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<VerifyLedgerReply> {
    return this.queries.verify(payload, ctx.getHeaders(), ctx.getSubject());
  }

  @MessagePattern(audit.checkpoints.subject)
  checkpoints(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<CheckpointListReply> {
    return this.queries.checkpoints(payload, ctx.getHeaders(), ctx.getSubject());
  }

  @MessagePattern(audit.signCheckpoint.subject)
  signCheckpoint(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<SignCheckpointReply> {
    return this.queries.signCheckpoint(payload, ctx.getHeaders(), ctx.getSubject());
  }

  @MessagePattern(audit.disclose.subject)
  disclose(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<DisclosureReply> {
    return this.queries.disclose(payload, ctx.getHeaders(), ctx.getSubject());
  }
}
