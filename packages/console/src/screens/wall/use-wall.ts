import {
  type DepartmentTile,
  type ItemFigures,
  monitoring,
  type OpenWarning,
  type ReplyOf,
} from '@docket/contracts';
import { useEffect, useRef, useState } from 'react';
import { call, currentBearer, send } from '../../api/client';
import { useLive } from '../../api/live';
import { type Coalescer, coalescer } from './coalesce';
import { FeedFollower, type FeedState } from './feed-stream';
import { CHART_DAYS, lastDays, localDay, periodEnding } from './period';
import { shareUnchanged } from './share';

export interface DayCount {
  day: string;
  received: number;
  closed: number;
}

export interface WallData {
  tiles: DepartmentTile[] | undefined;
  warnings: { total: number; items: OpenWarning[] } | undefined;
  items: ItemFigures[] | undefined;
  days: DayCount[] | undefined;
  /** How far domain time is ahead of this browser's clock (demos and tests move it; 0 in production). */
  offsetMs: number;
  feed: FeedState;
  error: unknown;
  /** When the tiles were last read (browser time). */
  readAt: Date | undefined;
}

/** Reads gathered: one read at a time, at most four a second, whatever the rate of events. */
const TIMING = { gatherMs: 50, minGapMs: 250 };
/** The slower figures (per day, per item) and a safety re-read of everything, this often. */
const SLOW_MS = 60_000;
/** How many open warnings the wall reads (it shows the newest of them; the total is counted apart). */
export const WARNINGS_READ = 12;

type Tiles = ReplyOf<typeof monitoring.tiles>;

/**
 * The wall's data for a subtree (`root`, or the viewer's whole reach): the tiles and open warnings,
 * re-read when the monitoring feed (SSE) says something happened there, coalesced; the per-day and
 * per-item figures every minute. The feed is followed while the wall is mounted and resumed from its
 * last event id after a break; nothing grows with time (the state is replaced, never appended to).
 */
export function useWall(root: string | undefined): WallData {
  const [data, setData] = useState<WallData>({
    tiles: undefined,
    warnings: undefined,
    items: undefined,
    days: undefined,
    offsetMs: 0,
    feed: 'connecting',
    error: undefined,
    readAt: undefined,
  });
  /** The departments on the wall now: feed entries elsewhere do not cause a read. */
  const shown = useRef<Set<string> | undefined>(undefined);
  const reads = useRef<Coalescer | undefined>(undefined);
  // The console's case notices (GET /api/live) are pushed as the events are published, before the
  // monitoring feed's next turn (it is polled each second): the quicker of the two asks for the read.
  useLive((position) => reads.current?.request(position));

  useEffect(() => {
    let live = true;
    shown.current = undefined;
    setData((d) => ({ ...d, tiles: undefined, warnings: undefined, items: undefined, days: undefined }));
    const update = (patch: Partial<WallData>) => live && setData((d) => ({ ...d, ...patch }));
    const department = root === undefined ? {} : { department: root };
    let offsetMs = 0;
    let domainTime = true; // GET /api/dev/time exists in embedded mode and tests only

    const askTime = async () => {
      if (!domainTime) return;
      try {
        offsetMs = (await send<{ offsetMs: number }>('GET', '/api/dev/time')).offsetMs;
        update({ offsetMs });
      } catch {
        domainTime = false;
      }
    };
    /** Today by domain time as last known; asked anew alongside (not before) each read once known. */
    let timeKnown = false;
    const today = async (): Promise<string> => {
      const asked = askTime();
      if (!timeKnown) {
        await asked;
        timeKnown = true;
      }
      return localDay(new Date(Date.now() + offsetMs));
    };

    const readNow = async (minPosition: string | undefined) => {
      const period = periodEnding(await today());
      try {
        const tiles = await call(
          monitoring.tiles,
          { query: { ...period, ...department } },
          minPosition === undefined ? {} : { minPosition },
        );
        shown.current = new Set(tiles.map((t) => t.department));
        if (live)
          setData((d) => ({
            ...d,
            tiles: shareUnchanged(d.tiles, tiles),
            error: undefined,
            readAt: new Date(),
          }));
        // After the tiles: by now the cards of the position read are in the warnings too.
        const warnings = await call(monitoring.warnings, {
          query: { ...department, limit: String(WARNINGS_READ) },
        });
        update({ warnings });
      } catch (error) {
        update({ error });
      }
    };

    const readSlow = async () => {
      const day = await today();
      try {
        const days = lastDays(day, CHART_DAYS);
        const [items, ...perDay] = await Promise.all([
          call(monitoring.items, { query: { ...periodEnding(day), ...department } }),
          ...days.map((d) => call(monitoring.tiles, { query: { from: d, to: d, ...department } })),
        ]);
        const total = (tiles: Tiles, key: 'received' | 'closed') => tiles.reduce((s, t) => s + t[key], 0);
        update({
          items,
          days: perDay.map((tiles, n) => ({
            day: days[n]!,
            received: total(tiles, 'received'),
            closed: total(tiles, 'closed'),
          })),
        });
      } catch (error) {
        update({ error });
      }
    };

    const coalesced = coalescer(readNow, TIMING);
    reads.current = coalesced;
    const follower = new FeedFollower({
      url: '/api/monitoring/feed',
      token: currentBearer,
      onEntry: (entry) => {
        const departments = shown.current;
        if (departments === undefined || entry.department === null || departments.has(entry.department))
          coalesced.request(entry.position);
      },
      // Opened again after a break: the feed replays from the last id, but the counts of what is not
      // in the feed (received, accepted) moved meanwhile too.
      onOpen: (reopened) => {
        if (reopened) coalesced.request();
      },
      onState: (feed) => update({ feed }),
    });
    coalesced.request();
    void readSlow();
    follower.start();
    const slow = window.setInterval(() => {
      void readSlow();
      coalesced.request();
    }, SLOW_MS);
    return () => {
      live = false;
      follower.stop();
      coalesced.dispose();
      reads.current = undefined;
      window.clearInterval(slow);
    };
  }, [root]);

  return data;
}
