import type { EventContext, Headers } from '@docket/messaging';
import { BaseRpcContext } from '@nestjs/microservices';

type BusContextArgs = [subject: string, headers: Headers, event: EventContext | undefined];

/**
 * What a handler learns about the message in hand, through `@Ctx()`: the concrete subject, the headers
 * (actor, trace context, correlation id) and, for integration events, the message id and delivery count.
 */
export class BusContext extends BaseRpcContext<BusContextArgs> {
  /** The concrete subject (the pattern may be a wildcard). */
  getSubject(): string {
    return this.args[0];
  }

  /** The message headers (`docket-actor`, `traceparent`, `docket-correlation-id`, ...). */
  getHeaders(): Headers {
    return this.args[1];
  }

  /** The publisher's message id (the ledger event id); undefined for a request. */
  getMessageId(): string | undefined {
    return this.args[2]?.messageId;
  }

  /** 1 on first delivery, more on a redelivery (handlers must be idempotent); undefined for a request. */
  getDeliveryCount(): number | undefined {
    return this.args[2]?.deliveryCount;
  }

  /** True for an integration event, false for a request. */
  isEvent(): boolean {
    return this.args[2] !== undefined;
  }
}
