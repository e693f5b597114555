import { Button, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDepartmentName } from '../../api/departments';
import { ChangeSummary } from './Changes';
import type { FieldChange } from './field-diff';
import { eventLabel, formatInstant, type HistoryEntry, isSystem } from './words';

/**
 * 办件全过程: every event of the case from the ledger, with who (name, role, department), when, why
 * (reason or opinion) and the fields it changed; events after the moment shown are greyed as not yet
 * happened. Choosing an event shows the case just after it.
 */
export function HistoryTimeline({
  entries,
  changes,
  selected,
  onSelect,
}: {
  entries: readonly HistoryEntry[];
  /** The fields each event changed, once its state and the one before it are loaded. */
  changes: readonly (FieldChange[] | undefined)[];
  selected: number;
  onSelect: (index: number) => void;
}) {
  const { t, i18n } = useTranslation('audit');
  const { t: common } = useTranslation();
  const departmentName = useDepartmentName();
  return (
    <Timeline
      aria-label={t('history.label')}
      items={entries.map((entry, index) => {
        const future = index > selected;
        const roles = entry.actor.roles.map((role) => common(`roles.${role as 'clerk'}`, role)).join('、');
        return {
          key: entry.eventId,
          color: index === selected ? 'blue' : future ? 'gray' : 'green',
          children: (
            <div
              className={`audit-event${future ? ' audit-event-future' : ''}${index === selected ? ' audit-event-selected' : ''}`}
              data-testid="audit-event"
            >
              <div className="audit-event-head">
                <Button
                  type="link"
                  size="small"
                  className="audit-event-title"
                  onClick={() => onSelect(index)}
                  aria-current={index === selected ? 'step' : undefined}
                  title={t('history.select')}
                >
                  {eventLabel(entry.type, t)}
                </Button>
                <Typography.Text type="secondary">
                  {formatInstant(entry.occurredAt, i18n.language)}
                </Typography.Text>
                <Typography.Text type="secondary" className="audit-position">
                  {t('history.position', { position: entry.position })}
                </Typography.Text>
                {future && <Tag>{t('history.notYet')}</Tag>}
              </div>
              <div>
                {isSystem(entry) ? (
                  <Tag>{t('history.system')}</Tag>
                ) : (
                  <span>
                    {entry.actor.name}
                    {roles && <Typography.Text type="secondary">（{roles}）</Typography.Text>}
                  </span>
                )}
                {entry.actor.department !== undefined && (
                  <Typography.Text type="secondary">
                    {' '}
                    · {departmentName(entry.actor.department)}
                  </Typography.Text>
                )}
              </div>
              {entry.opinion && <div>{t('history.opinion', { text: entry.opinion })}</div>}
              {entry.reason && <div>{t('history.reason', { text: entry.reason })}</div>}
              {changes[index] && <ChangeSummary changes={changes[index]} />}
            </div>
          ),
        };
      })}
    />
  );
}
