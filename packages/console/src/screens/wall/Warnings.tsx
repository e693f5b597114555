import type { OpenWarning } from '@docket/contracts';
import { DEFAULT_CLOCK_RULES } from '@docket/domain';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useDepartmentName } from '../../api/departments';
import type { CentreCalendar } from '../../clock/deadline';
import { formatDateTime } from '../../format';
import type { WallSize } from './sizes';
import { LAMP_COLOUR } from './Tiles';
import { useClockFacts } from './use-clock-facts';
import { reasonOf, type WarningReason } from './why';

/** The sentence parts of why a card is up, in the user's words. */
function useReasonWords() {
  const { t, i18n } = useTranslation('wall');
  const { t: common } = useTranslation();
  const departmentName = useDepartmentName();
  return (warning: OpenWarning, reason: WarningReason) => {
    const which =
      reason.deadline.kind === 'case'
        ? t('warnings.caseDeadline')
        : reason.deadline.kind === 'co_handler'
          ? t('warnings.coHandlerDeadline', { name: departmentName(reason.deadline.department) })
          : t('warnings.stepDeadline', {
              step: reason.deadline.step,
              name: reason.deadline.name ?? String(reason.deadline.step),
            });
    const { year, source, version } = reason.calendar;
    return {
      deadline: t('warnings.deadlineAt', { which, at: formatDateTime(warning.deadline, i18n.language) }),
      over: common('clock.workingDaysOver', { count: reason.workingDaysOver }),
      rule:
        reason.threshold === null || warning.level === null
          ? t('warnings.lapseRule')
          : t('warnings.rule', { count: reason.threshold, level: common(`clock.state.${warning.level}`) }),
      calendar:
        source === 'published'
          ? t('warnings.calendarPublished', { year, version: version ?? 1 })
          : source === 'national'
            ? t('warnings.calendarNational', { year })
            : t('warnings.calendarUnknown', { year }),
    };
  };
}

/** A co-handler's lapse is no card: it is drawn in the yellow card's colour and named for what it is. */
const colourOf = (warning: OpenWarning) => LAMP_COLOUR[warning.level ?? 'yellow'];

/**
 * 未处理预警: the cards up and the co-handlers' lapses, newest first, each saying why it fired: which deadline (the case's promised
 * one, or which step's), how many working days over now, the threshold the card means, and the calendar
 * the working days are counted on. In desk mode the case number opens the case file.
 */
export function Warnings({
  warnings,
  centre,
  now,
  size,
  links,
}: {
  warnings: { total: number; items: OpenWarning[] };
  centre: CentreCalendar | undefined;
  now: Date;
  size: WallSize;
  links: boolean;
}) {
  const { t } = useTranslation('wall');
  const { t: common } = useTranslation();
  const departmentName = useDepartmentName();
  const shown = warnings.items.slice(0, size.warnings);
  const facts = useClockFacts(shown.map((w) => w.caseNo));
  const words = useReasonWords();
  const more = warnings.total - shown.length;
  return (
    <section
      aria-labelledby="wall-warnings"
      style={{ display: 'flex', flexDirection: 'column', gap: size.gap / 2 }}
    >
      <h2 id="wall-warnings" style={{ margin: 0, fontSize: size.heading, color: '#fff' }}>
        {t('warnings.title', { total: warnings.total })}
      </h2>
      {shown.length === 0 && (
        <p style={{ fontSize: size.warningFont, color: 'rgba(255,255,255,0.8)', margin: 0 }}>
          {t('warnings.none')}
        </p>
      )}
      <ul
        style={{
          listStyle: 'none',
          margin: 0,
          padding: 0,
          display: 'flex',
          flexDirection: 'column',
          gap: size.gap / 2,
        }}
      >
        {shown.map((warning) => {
          const known = facts.get(warning.caseNo);
          const reason =
            centre === undefined
              ? undefined
              : words(
                  warning,
                  reasonOf(
                    warning,
                    centre.calendar,
                    centre.sources,
                    now,
                    known?.rules ?? DEFAULT_CLOCK_RULES,
                    known?.stepNames,
                  ),
                );
          return (
            <li
              key={warning.id}
              className="wall-warning"
              style={{
                background: '#1f1f1f',
                borderLeft: `6px solid ${colourOf(warning)}`,
                borderRadius: 6,
                padding: `${size.tilePadding / 2}px ${size.tilePadding}px`,
                fontSize: size.warningFont,
                color: 'rgba(255,255,255,0.85)',
                lineHeight: 1.45,
              }}
            >
              <div style={{ display: 'flex', gap: 10, alignItems: 'baseline', flexWrap: 'wrap' }}>
                <strong style={{ color: colourOf(warning) }}>
                  {warning.level === null ? t('warnings.lapse') : common(`clock.state.${warning.level}`)}
                </strong>
                {links ? (
                  <Link
                    to={`/cases/${warning.caseNo}`}
                    aria-label={t('warnings.open', { caseNo: warning.caseNo })}
                    style={{ color: '#69b1ff', fontWeight: 600 }}
                  >
                    {warning.caseNo}
                  </Link>
                ) : (
                  <strong style={{ color: '#fff' }}>{warning.caseNo}</strong>
                )}
                <span>{departmentName(warning.department)}</span>
              </div>
              {reason && (
                <>
                  <div>
                    {reason.deadline}
                    {' · '}
                    <strong style={{ color: '#fff' }}>{reason.over}</strong>
                  </div>
                  <div style={{ color: 'rgba(255,255,255,0.75)' }}>
                    {reason.rule}
                    {' · '}
                    {reason.calendar}
                  </div>
                </>
              )}
            </li>
          );
        })}
      </ul>
      {more > 0 && (
        <p style={{ fontSize: size.warningFont, color: 'rgba(255,255,255,0.8)', margin: 0 }}>
          {t('warnings.more', { count: more })}
        </p>
      )}
    </section>
  );
}
