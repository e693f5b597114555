import { Button, DatePicker, Slider, Space, Typography } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { centreInstant, centreWallTime, eventLabel, formatInstant, type HistoryEntry } from './words';

/**
 * 时间回溯: a slider over the case's events (the case just after event n) and a picker for any instant
 * (every event that had happened by then).
 */
export function AsOfControl({
  entries,
  selected,
  instant,
  onSelect,
  onInstant,
}: {
  entries: readonly HistoryEntry[];
  selected: number;
  /** The instant asked for, when the case is shown as of an instant rather than an event. */
  instant: string | undefined;
  onSelect: (index: number) => void;
  onInstant: (instant: string | undefined) => void;
}) {
  const { t, i18n } = useTranslation('audit');
  const pickerId = useId();
  const total = entries.length;
  const describe = (index: number) => {
    const entry = entries[index];
    return entry === undefined
      ? ''
      : t('asOf.valueText', {
          n: index + 1,
          total,
          event: eventLabel(entry.type, t),
          at: formatInstant(entry.occurredAt, i18n.language),
        });
  };
  const marks = Object.fromEntries(
    entries.map((_, i) => [i, i === 0 ? t('asOf.first') : i === total - 1 ? t('asOf.last') : ' ']),
  );
  return (
    <div className="audit-asof">
      <Slider
        min={0}
        max={Math.max(0, total - 1)}
        value={selected}
        marks={marks}
        step={null}
        disabled={total < 2}
        onChange={(value) => onSelect(value)}
        // The moment is written out beside the picker; a tooltip over the card's title would hide it.
        tooltip={{ open: false }}
        ariaLabelForHandle={t('asOf.slider')}
        ariaValueTextFormatterForHandle={(value) => (value === undefined ? '' : describe(value))}
      />
      <Space wrap align="center" style={{ marginTop: 8 }}>
        <label htmlFor={pickerId}>{t('asOf.instant')}</label>
        <DatePicker
          id={pickerId}
          aria-label={t('asOf.instantLabel')}
          showTime
          allowClear
          value={instant === undefined ? null : centreWallTime(instant)}
          onChange={(value) => onInstant(value ? centreInstant(value) : undefined)}
          defaultPickerValue={entries[selected] ? centreWallTime(entries[selected].occurredAt) : undefined}
        />
        <Button
          onClick={() => onSelect(total - 1)}
          disabled={instant === undefined && selected === total - 1}
        >
          {t('asOf.latest')}
        </Button>
        {instant === undefined && entries[selected] && (
          <Typography.Text strong data-testid="audit-asof">
            {t('asOf.at', {
              n: selected + 1,
              position: entries[selected].position,
              event: eventLabel(entries[selected].type, t),
              at: formatInstant(entries[selected].occurredAt, i18n.language),
            })}
          </Typography.Text>
        )}
      </Space>
    </div>
  );
}
