import type { DepartmentTile } from '@docket/contracts';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { type Lamp, lampOf } from './lamp';
import type { WallSize } from './sizes';

/** The lamps on the dark theme: the dot's colour, and a word beside it (never colour alone). */
export const LAMP_COLOUR: Record<Lamp, string> = { green: '#52c41a', yellow: '#fadb14', red: '#ff4d4f' };

const rate = (value: number | null) => (value === null ? '—' : `${Math.round(value * 1000) / 10}%`);

/**
 * One department: its lamp, what is open now, and the period's counts. Memoised: a re-read shares the
 * tiles that did not change (share.ts), and only those that did are drawn again.
 */
const Tile = memo(function Tile({
  tile,
  size,
  shown,
}: {
  tile: DepartmentTile;
  size: WallSize;
  shown: boolean;
}) {
  const { t } = useTranslation('wall');
  const lamp = lampOf(tile);
  const big = (label: string, value: string | number, alert = false) => (
    <div style={{ minWidth: 0 }}>
      <div style={{ fontSize: size.label, color: 'rgba(255,255,255,0.75)', whiteSpace: 'nowrap' }}>
        {label}
      </div>
      <div
        style={{
          fontSize: size.value,
          fontWeight: 700,
          lineHeight: 1.15,
          whiteSpace: 'nowrap',
          color: alert ? LAMP_COLOUR[lamp] : '#fff',
        }}
      >
        {value}
      </div>
    </div>
  );
  return (
    <li
      hidden={!shown}
      className="wall-tile"
      data-department={tile.department}
      style={{
        background: '#1f1f1f',
        border: '1px solid #303030',
        borderTop: `6px solid ${LAMP_COLOUR[lamp]}`,
        borderRadius: 8,
        padding: size.tilePadding,
        display: shown ? 'flex' : 'none',
        flexDirection: 'column',
        gap: size.gap / 2,
        minWidth: 0,
        overflow: 'hidden',
      }}
    >
      <div style={{ display: 'flex', alignItems: 'flex-start', justifyContent: 'space-between', gap: 8 }}>
        <h3
          title={tile.name}
          style={{
            margin: 0,
            fontSize: size.name,
            lineHeight: 1.25,
            color: '#fff',
            height: `${2.5 * size.name}px`,
            overflow: 'hidden',
            display: '-webkit-box',
            WebkitLineClamp: 2,
            WebkitBoxOrient: 'vertical',
          }}
        >
          {tile.name}
        </h3>
        <span
          data-lamp={lamp}
          style={{
            display: 'inline-flex',
            alignItems: 'center',
            gap: 6,
            whiteSpace: 'nowrap',
            color: '#fff',
          }}
        >
          <span
            aria-hidden
            style={{
              width: size.lamp,
              height: size.lamp,
              borderRadius: '50%',
              background: LAMP_COLOUR[lamp],
              boxShadow: `0 0 ${size.lamp / 2}px ${LAMP_COLOUR[lamp]}`,
            }}
          />
          <span style={{ fontSize: size.label, fontWeight: 600 }}>{t(`lamp.${lamp}`)}</span>
        </span>
      </div>
      <div
        style={{ display: 'grid', gridTemplateColumns: 'repeat(3, minmax(0, 1fr))', rowGap: size.gap / 2 }}
      >
        {big(t('counts.inProgress'), tile.inProgress)}
        {big(t('counts.overdue'), tile.overdue, tile.overdue > 0)}
        {big(t('counts.onTimeRate'), rate(tile.onTimeRate))}
        {big(t('counts.yellowUp'), tile.cardsUp.yellow, tile.cardsUp.yellow > 0)}
        {big(t('counts.redUp'), tile.cardsUp.red, tile.cardsUp.red > 0)}
        {big(t('counts.reminders'), tile.reminders)}
      </div>
      <div
        style={{
          fontSize: size.small,
          color: 'rgba(255,255,255,0.8)',
          display: 'flex',
          flexWrap: 'wrap',
          columnGap: 12,
          marginTop: 'auto',
        }}
      >
        <span>
          {t('counts.received')} {tile.received}
        </span>
        <span>
          {t('counts.accepted')} {tile.accepted}
        </span>
        <span>
          {t('counts.closed')} {tile.closed}
        </span>
      </div>
    </li>
  );
});

/**
 * The tiles in a grid of `size.columns` columns, those of the page shown (`from` to `to`) visible. The
 * others stay in the document, hidden: a lamp's colour is in the DOM whichever page is up, and turning
 * a page re-creates nothing.
 */
export function Tiles({
  tiles,
  size,
  from,
  to,
}: {
  tiles: readonly DepartmentTile[];
  size: WallSize;
  from: number;
  to: number;
}) {
  const { t } = useTranslation('wall');
  return (
    <ul
      aria-label={t('tilesLabel')}
      style={{
        listStyle: 'none',
        margin: 0,
        padding: 0,
        display: 'grid',
        gridTemplateColumns: `repeat(${size.columns}, minmax(0, 1fr))`,
        gridAutoRows: size.tileHeight,
        gap: size.gap,
      }}
    >
      {tiles.map((tile, n) => (
        <Tile key={tile.department} tile={tile} size={size} shown={n >= from && n < to} />
      ))}
    </ul>
  );
}
