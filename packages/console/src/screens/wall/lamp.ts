import type { DepartmentTile } from '@docket/contracts';

/** A tile's lamp: how a department stands now. */
export type Lamp = 'green' | 'yellow' | 'red';

/** What the lamp reads: the tile's figures of now (not the period's counts). */
export type LampFigures = Pick<DepartmentTile, 'overdue' | 'cardsUp'>;

/**
 * The lamp's rule, on what is true NOW (a lamp that stayed yellow for a reminder of last week would be
 * ignored within a month):
 * - red: a red card (报警) is up on one of the department's cases or steps;
 * - yellow: a yellow card (预警) is up, or an open case has passed its promised deadline (超期) and is not
 *   yet carded (the card follows after the yellow threshold's working days);
 * - green: nothing of that.
 * Reminders (提醒) are counted over the period and shown as a number, not as a colour: a reminder says a
 * deadline is near, not that anything went wrong.
 */
export function lampOf(tile: LampFigures): Lamp {
  if (tile.cardsUp.red > 0) return 'red';
  if (tile.cardsUp.yellow > 0 || tile.overdue > 0) return 'yellow';
  return 'green';
}

/** Red first, then yellow: the departments that need looking at come on the first page. */
export const LAMP_ORDER: Record<Lamp, number> = { red: 0, yellow: 1, green: 2 };

/** The tiles in the wall's order: by lamp, then most overdue, most in progress, then by name. */
export function byUrgency<T extends LampFigures & Pick<DepartmentTile, 'inProgress' | 'name'>>(
  tiles: readonly T[],
): T[] {
  return [...tiles].sort(
    (a, b) =>
      LAMP_ORDER[lampOf(a)] - LAMP_ORDER[lampOf(b)] ||
      b.overdue - a.overdue ||
      b.inProgress - a.inProgress ||
      a.name.localeCompare(b.name, 'zh-CN'),
  );
}
