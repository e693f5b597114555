import type { DepartmentTile } from '@docket/contracts';

const sameTile = (a: DepartmentTile, b: DepartmentTile): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The tiles just read, sharing the objects of the previous read where a department's figures did not
 * change (and the previous array itself when none did): a re-read four times a second then re-draws only
 * the tiles that moved, and the wall does not make 200 tiles' worth of garbage each time.
 */
export function shareUnchanged(
  previous: readonly DepartmentTile[] | undefined,
  next: DepartmentTile[],
): DepartmentTile[] {
  if (previous === undefined) return next;
  const before = new Map(previous.map((tile) => [tile.department, tile]));
  let changed = previous.length !== next.length;
  const shared = next.map((tile, n) => {
    const old = before.get(tile.department);
    if (old !== undefined && sameTile(old, tile)) {
      if (previous[n] !== old) changed = true;
      return old;
    }
    changed = true;
    return tile;
  });
  return changed ? shared : (previous as DepartmentTile[]);
}
