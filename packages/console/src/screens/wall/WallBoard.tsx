import { Alert, Button, ConfigProvider, theme } from 'antd';
import { type ReactNode, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { problemText } from '../../api/problem-text';
import { useCentreCalendar } from '../../clock/deadline';
import { useNow } from '../../format/use-now';
import { Charts } from './Charts';
import { byUrgency } from './lamp';
import { PERIOD_DAYS } from './period';
import { DESK, SCREEN } from './sizes';
import { Tiles } from './Tiles';
import { usePages } from './use-pages';
import { useWall } from './use-wall';
import { Warnings } from './Warnings';

/** The wall's own dark theme, scoped to it (the shell around the desk mode stays light). */
const DARK = {
  algorithm: theme.darkAlgorithm,
  token: { colorBgContainer: '#1f1f1f', colorPrimary: '#1668dc', colorLink: '#69b1ff' },
};

/** A page of tiles stays this long before the next turns up. */
const PAGE_TURN_MS = 15_000;

const FEED_COLOUR = { connecting: '#faad14', live: '#52c41a', reconnecting: '#ff7a45' } as const;

/**
 * 电子监察 on a dark board: the departments' tiles with their lamps (pages turning), the open warnings
 * with why each fired, and the four charts; live from the monitoring feed. The desk mode and the
 * full-screen mode are this board at two sizes; the desk's case numbers are links.
 */
export function WallBoard({
  root,
  mode,
  title,
  actions,
  onReach,
}: {
  root: string | undefined;
  mode: 'desk' | 'screen';
  title: ReactNode;
  actions?: ReactNode;
  /** Told the departments of the viewer's whole reach, once read without a subtree (the desk's selector). */
  onReach?: (departments: string[]) => void;
}) {
  const { t, i18n } = useTranslation('wall');
  const { t: common } = useTranslation();
  const size = mode === 'screen' ? SCREEN : DESK;
  const data = useWall(root);
  useEffect(() => {
    if (root === undefined && data.tiles !== undefined) onReach?.(data.tiles.map((tile) => tile.department));
  }, [root, data.tiles, onReach]);
  const centre = useCentreCalendar();
  const tick = useNow(30_000);
  const now = useMemo(() => new Date(tick.getTime() + data.offsetMs), [tick, data.offsetMs]);
  const ordered = useMemo(() => byUrgency(data.tiles ?? []), [data.tiles]);
  const pages = usePages(ordered.length, size.columns * size.rows, PAGE_TURN_MS);
  const screen = mode === 'screen';
  const updated = data.readAt?.toLocaleTimeString(i18n.language === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour12: false,
  });

  return (
    <ConfigProvider theme={DARK}>
      <div
        className={`wall wall-${mode}`}
        data-feed={data.feed}
        style={{
          background: '#141414',
          color: 'rgba(255,255,255,0.85)',
          padding: screen ? '20px 28px' : 16,
          borderRadius: screen ? 0 : 8,
          display: 'flex',
          flexDirection: 'column',
          gap: size.gap,
          ...(screen ? { height: '100vh', overflow: 'hidden', boxSizing: 'border-box' } : {}),
        }}
      >
        <header style={{ display: 'flex', alignItems: 'center', gap: 16, flexWrap: 'wrap' }}>
          <div style={{ flex: 1, minWidth: 0 }}>{title}</div>
          <span style={{ fontSize: size.label, whiteSpace: 'nowrap' }}>
            {t('period', { days: PERIOD_DAYS })}
          </span>
          <span
            role="status"
            aria-label={t('feedLabel')}
            style={{
              display: 'inline-flex',
              alignItems: 'center',
              gap: 6,
              fontSize: size.label,
              whiteSpace: 'nowrap',
            }}
          >
            <span
              aria-hidden
              style={{ width: 12, height: 12, borderRadius: '50%', background: FEED_COLOUR[data.feed] }}
            />
            {t(`feed.${data.feed}`)}
          </span>
          {updated && (
            <span style={{ fontSize: size.label, whiteSpace: 'nowrap' }}>
              {t('updatedAt', { time: updated })}
            </span>
          )}
          {pages.pages > 1 && (
            <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8, fontSize: size.label }}>
              {!screen && (
                <Button size="small" onClick={() => pages.go(-1)} aria-label={t('previousPage')}>
                  ‹
                </Button>
              )}
              <span style={{ whiteSpace: 'nowrap' }}>
                {t('page', { page: pages.page + 1, pages: pages.pages })}
              </span>
              {!screen && (
                <Button size="small" onClick={() => pages.go(1)} aria-label={t('nextPage')}>
                  ›
                </Button>
              )}
            </span>
          )}
          {actions}
        </header>
        {data.error !== undefined && (
          <Alert type="error" showIcon message={problemText(data.error, common)} />
        )}
        <div
          style={{
            display: 'grid',
            gridTemplateColumns: screen ? 'minmax(0, 1fr) 560px' : 'minmax(0, 1fr) 400px',
            gap: size.gap,
            alignItems: 'start',
          }}
        >
          <section>
            {data.tiles !== undefined && data.tiles.length === 0 ? (
              <p style={{ fontSize: size.label }}>{t('noTiles')}</p>
            ) : (
              <Tiles tiles={ordered} size={size} from={pages.from} to={pages.to} />
            )}
          </section>
          {data.warnings !== undefined && (
            <Warnings warnings={data.warnings} centre={centre.data} now={now} size={size} links={!screen} />
          )}
        </div>
        {data.tiles !== undefined && (
          <Charts tiles={data.tiles} items={data.items} days={data.days} size={size} />
        )}
      </div>
    </ConfigProvider>
  );
}
