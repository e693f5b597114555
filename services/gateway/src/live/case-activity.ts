import { type CaseFacts, intake } from '@docket/contracts';
import { systemActor } from '@docket/domain';
import { ACTOR_HEADER, actorHeader, CORRELATION_ID_HEADER, type Subscription } from '@docket/messaging';
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { GATEWAY, type GatewayDeps } from '../gateway-deps';

/** A case moved: which case, what happened, at which ledger position. Nothing personal, nothing decided. */
export interface CaseNotice {
  caseNo: string;
  /** The event's type, e.g. `ReviewStepPassed`. */
  type: string;
  /** Its ledger position: a query sent with it as X-Docket-Min-Position reads the change. */
  position: string;
}

/** Whose a case is: who may be told that it moved (the case's own visibility rule decides). */
export type CaseOwners = Pick<CaseFacts, 'department' | 'coHandlers' | 'applicantUserId'>;

export type NoticeListener = (notice: CaseNotice, owners: CaseOwners) => void;

/** Told of every clock event as it is published: its ledger position only (nothing of the case). */
export type ClockListener = (position: string) => void;

/** The streams of a case, by their events' subjects (`evt.<stream category>.<EventType>`). */
const CASE_SUBJECTS = ['evt.application.>', 'evt.review.>', 'evt.clock.>'];
/** Cases whose owners are remembered (each costs one question to intake the first time it moves). */
const REMEMBERED_CASES = 10_000;
const ASK_TIMEOUT_MS = 5000;

/**
 * 实时: the gateway watches the case events every service publishes (no durable: a notice missed while
 * nobody listens is not owed to anyone, since a screen re-reads when it reconnects) and tells each
 * listener which case moved, with the case's owners, asked once of intake and remembered: a case's
 * department and co-handlers never change.
 */
@Injectable()
export class CaseActivity implements OnModuleInit, OnModuleDestroy {
  private readonly listeners = new Set<NoticeListener>();
  private readonly clockListeners = new Set<ClockListener>();
  private readonly owners = new Map<string, Promise<CaseOwners | undefined>>();
  private watchers: Subscription[] = [];
  private readonly headers = { [ACTOR_HEADER]: actorHeader(systemActor('gateway')) };

  constructor(@Inject(GATEWAY) private readonly deps: GatewayDeps) {}

  onModuleInit(): void {
    this.watchers = CASE_SUBJECTS.map((pattern) =>
      this.deps.bus.watch<{ position?: bigint | number | string }>(pattern, (event, headers, { subject }) => {
        const caseNo = headers[CORRELATION_ID_HEADER];
        if (event?.position === undefined) return;
        if (subject.startsWith('evt.clock.'))
          for (const listener of this.clockListeners) listener(String(event.position));
        if (caseNo === undefined || this.listeners.size === 0) return;
        const notice = {
          caseNo,
          type: subject.slice(subject.lastIndexOf('.') + 1),
          position: String(event.position),
        };
        void this.ownersOf(caseNo).then((owners) => {
          if (owners === undefined) return;
          for (const listener of this.listeners) listener(notice, owners);
        });
      }),
    );
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.watchers.map((w) => w.stop()));
    this.watchers = [];
    this.listeners.clear();
    this.clockListeners.clear();
  }

  /**
   * Starts telling `listener` the position of every clock event (the monitoring feed's items all come
   * from clock streams: an open feed asks for news when one is published, not a second later). The
   * function returned stops it.
   */
  listenToClocks(listener: ClockListener): () => void {
    this.clockListeners.add(listener);
    return () => this.clockListeners.delete(listener);
  }

  /** Starts telling `listener` of every case that moves; the function returned stops it. */
  listen(listener: NoticeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private ownersOf(caseNo: string): Promise<CaseOwners | undefined> {
    const known = this.owners.get(caseNo);
    if (known !== undefined) return known;
    const asked = this.deps.bus
      .request<CaseFacts>(
        intake.caseFacts.subject,
        { caseNo },
        { headers: this.headers, timeoutMs: ASK_TIMEOUT_MS },
      )
      .then(
        ({ department, coHandlers, applicantUserId }) => ({ department, coHandlers, applicantUserId }),
        (error: unknown) => {
          // Not remembered: the next event of the case asks again (intake may have been away).
          this.owners.delete(caseNo);
          this.deps.logger.warn('live notices: the owners of a case are unknown', {
            caseNo,
            error: String(error),
          });
          return undefined;
        },
      );
    if (this.owners.size >= REMEMBERED_CASES) this.owners.delete(this.owners.keys().next().value as string);
    this.owners.set(caseNo, asked);
    return asked;
  }
}
