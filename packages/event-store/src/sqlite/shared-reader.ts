import type { RecordedEvent } from '../port';
import { decodeRow } from './decode-row';
import { deepFreeze, Page } from './page';
import type { EventRow } from './statements';
import { WakeRounds } from './wake-rounds';

/** Rows per SELECT, shared or not. */
export const SUBSCRIPTION_PAGE = 500;

/**
 * How far (in positions) a member may trail the shared head before it is detached: the pages between
 * it and the head stay in memory while it holds the oldest, so this bounds that memory whatever a
 * consumer does (~4,500 rows and their decoded events: ~15 MB with 400-byte payloads).
 */
export const MAX_SHARED_LAG = 4000n;

/** Counters for tests and diagnostics: what the subscriptions of one store read and decoded. */
export interface SubscriptionReadStats {
  /** SELECTs at the head of the log made for the members, and the rows they returned. */
  sharedReads: number;
  sharedRows: number;
  /** Events decoded for the members: each at most once, and only if some member's filter wanted it. */
  sharedDecodes: number;
  /** The same for subscriptions reading on their own (catching up from an old checkpoint, or detached). */
  ownReads: number;
  ownRows: number;
  ownDecodes: number;
  /** Subscriptions reading through the shared head now. */
  members: number;
  joins: number;
  /** Members that fell more than MAX_SHARED_LAG behind and went back to reading on their own. */
  detachments: number;
  /** The last position the shared head holds; undefined when no member holds any page. */
  headPosition: bigint | undefined;
  /**
   * Wake-up rounds ended so far (commits through this store, poll intervals while someone waited). At
   * most one shared SELECT per round comes back short, whatever the number of members.
   */
  rounds: number;
}

/** A subscription as the shared reader sees it. */
export interface Member {
  /** The shared page it is reading. */
  readonly page: Page | undefined;
  /** It fell too far behind: it must drop the shared pages and read on its own from its checkpoint. */
  detach(): void;
}

/**
 * The reading side of every subscription of one store. Subscriptions near the end of the log are
 * members: they walk one chain of shared pages, each read by one SELECT (by whichever member reaches the
 * head first) and each event decoded once, for the first member whose filter wants it. A subscription
 * far behind reads its own pages (`readOwn`) until it reaches the head, then joins.
 *
 * Why it keeps the port's semantics: each page holds exactly the committed rows after the previous page's
 * last position (see Page), so the chain from any page onwards is the log in order without a gap; a
 * member joins only where the chain already covers every position after its checkpoint, and skips the
 * rows at or before it. Its checkpoint, filter and stop are its own (SqliteSubscription); the reader only
 * decides where the next rows come from.
 */
export class SharedReader {
  readonly rounds: WakeRounds;
  /** The newest shared page; undefined while there are no members. */
  private head: Page | undefined;
  private readonly members = new Set<Member>();
  /** The round in which a shared read last came back short: the head was at the end of the log. */
  private endSeenInRound = -1;
  private readonly counts = {
    sharedReads: 0,
    sharedRows: 0,
    sharedDecodes: 0,
    ownReads: 0,
    ownRows: 0,
    ownDecodes: 0,
    joins: 0,
    detachments: 0,
  };

  constructor(
    /** Rows after a position, in position order, at most `limit`: throws once the store is closed. */
    private readonly readRows: (after: bigint, limit: number) => EventRow[],
    pollIntervalMs: number,
  ) {
    this.rounds = new WakeRounds(pollIntervalMs);
  }

  get stats(): SubscriptionReadStats {
    return {
      ...this.counts,
      members: this.members.size,
      headPosition: this.head?.last,
      rounds: this.rounds.round,
    };
  }

  /**
   * Makes `member`, whose checkpoint is `position`, a member if the shared head can continue from there:
   * the head page starts at or before the checkpoint and ends at most a page before it (the next shared
   * page then overlaps rows the member read on its own; it skips them). Without members, the head starts
   * afresh at the checkpoint of a subscription whose own read reached the end of the log in round
   * `endSeenInRound` (-1: it did not). Returns the page to continue with, or undefined: read on your own.
   */
  join(member: Member, position: bigint, endSeenInRound: number): Page | undefined {
    let head = this.head;
    if (head === undefined) {
      if (endSeenInRound < 0) return undefined;
      head = new Page(position, [], this.decodeShared);
      this.head = head;
      this.endSeenInRound = endSeenInRound;
    } else if (position < head.after || position - head.last > BigInt(SUBSCRIPTION_PAGE)) {
      return undefined;
    }
    this.members.add(member);
    this.counts.joins += 1;
    return head;
  }

  /** A member stopped or was detached: it holds no shared page any more. */
  leave(member: Member): void {
    if (!this.members.delete(member)) return;
    // Nobody reads through the head: let its pages go.
    if (this.members.size === 0) this.head = undefined;
  }

  /**
   * The page after `page`, for a member that read all of it: read now when `page` is the head and the log
   * may have grown since the last look (a new round). Undefined: nothing new yet, wait for the next round
   * (or, if the member was detached meanwhile, read on your own).
   */
  nextPage(member: Member, page: Page): Page | undefined {
    if (page.next === undefined) {
      if (page !== this.head) {
        // Cannot happen while the member is a member (the chain always reaches the head); if it ever
        // did, reading on its own from its checkpoint is still exact.
        this.detach(member);
        return undefined;
      }
      if (this.endSeenInRound !== this.rounds.round) this.readAtHead(page);
    }
    return page.next;
  }

  /** A page for a subscription reading on its own: not shared, not kept. */
  readOwn(after: bigint): Page {
    const rows = this.readRows(after, SUBSCRIPTION_PAGE);
    this.counts.ownReads += 1;
    this.counts.ownRows += rows.length;
    return new Page(after, rows, this.decodeOwn);
  }

  private readAtHead(head: Page): void {
    const rows = this.readRows(head.last, SUBSCRIPTION_PAGE);
    this.counts.sharedReads += 1;
    this.counts.sharedRows += rows.length;
    if (rows.length < SUBSCRIPTION_PAGE) this.endSeenInRound = this.rounds.round;
    if (rows.length === 0) return;
    const page = new Page(head.last, rows, this.decodeShared);
    head.next = page;
    this.head = page;
    // A slow consumer holds back nobody: the head moves on, and one too far behind is let go.
    for (const member of this.members) {
      const held = member.page;
      if (held !== undefined && page.last - held.after > MAX_SHARED_LAG) this.detach(member);
    }
  }

  private detach(member: Member): void {
    this.leave(member);
    this.counts.detachments += 1;
    member.detach();
  }

  private readonly decodeShared = (row: EventRow): RecordedEvent => {
    this.counts.sharedDecodes += 1;
    return deepFreeze(decodeRow(row));
  };

  private readonly decodeOwn = (row: EventRow): RecordedEvent => {
    this.counts.ownDecodes += 1;
    return deepFreeze(decodeRow(row));
  };
}
