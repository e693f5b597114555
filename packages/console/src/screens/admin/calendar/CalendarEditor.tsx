import { monitoring } from '@docket/contracts';
import { DEFAULT_OFFICE_HOURS } from '@docket/domain';
import { Alert, App, Button, Card, Input, Radio, Space, Tag, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, call, newIdempotencyKey } from '../../../api/client';
import { problemText } from '../../../api/problem-text';
import { useLoad } from '../../../api/use-call';
import { TAG_STYLE } from '../tag-styles';
import { DayDialog } from './DayDialog';
import { OfficeHoursDialog } from './OfficeHoursDialog';
import { DayLegend, YearGrid } from './YearGrid';
import { type CalendarDay, relist, type Schedule, yearCounts, yearDays } from './year-days';

const thisYear = () =>
  Number(new Date().toLocaleString('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }));
const EMPTY: Schedule = { holidays: [], makeUpWorkdays: [] };

/**
 * 工作日历 (/admin/calendar): one year as a grid. A year in force (published, or the national schedule
 * docket ships) is changed a day at a time, each change audited and shown with the open cases it may
 * touch first; a year with no calendar is drafted on the grid and published at once. A year nobody
 * published shows its provisional calendar, marked so (暂定), as the draft to start from.
 */
export default function CalendarEditor() {
  const { t, i18n } = useTranslation('admin');
  const { t: common } = useTranslation();
  const now = thisYear();
  const [year, setYear] = useState(now);
  const view = useLoad(
    (signal) =>
      call(monitoring.calendar, { params: { year: String(year) } }, { signal }).catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 404) return null; // not published: a draft
        throw error;
      }),
    [year],
  );
  const [drafts, setDrafts] = useState<Record<number, Schedule>>({});
  const [picked, setPicked] = useState<CalendarDay>();
  const [editingHours, setEditingHours] = useState(false);
  // A year nobody published answers with its provisional calendar (statutory holidays, no 调休): still a
  // draft to publish, starting from those holidays.
  const provisional = view.data?.source === 'provisional';
  const draft = view.data === null || provisional;
  const start: Schedule =
    provisional && view.data ? { holidays: view.data.calendar.holidays, makeUpWorkdays: [] } : EMPTY;
  const schedule = draft ? (drafts[year] ?? start) : (view.data?.calendar ?? EMPTY);
  const days = useMemo(() => yearDays(year, schedule), [year, schedule]);
  const counts = yearCounts(days);
  const pick = useCallback((day: CalendarDay) => setPicked(day), []);
  const dateLabel = (d: CalendarDay) =>
    new Intl.DateTimeFormat(i18n.language, {
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      timeZone: 'UTC',
    }).format(Date.UTC(year, d.month - 1, d.day));
  const officeHours = view.data?.calendar.officeHours ?? DEFAULT_OFFICE_HOURS.map((p) => ({ ...p }));

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap size="large" align="center">
        <Radio.Group
          aria-label={t('calendar.year')}
          optionType="button"
          value={year}
          onChange={(event) => setYear(event.target.value as number)}
          options={[now - 1, now, now + 1, now + 2].map((y) => ({ value: y, label: String(y) }))}
        />
        {view.data && (
          <Tag style={view.data.source === 'published' ? TAG_STYLE.good : TAG_STYLE.note}>
            {view.data.source === 'published'
              ? t('calendar.sourcePublished', { version: view.data.version })
              : provisional
                ? t('calendar.sourceProvisional', { year })
                : t('calendar.sourceNational')}
          </Tag>
        )}
        <Typography.Text>{t('calendar.counts', counts)}</Typography.Text>
      </Space>
      {view.error !== undefined && <Alert type="error" showIcon message={problemText(view.error, common)} />}
      {provisional && <Alert type="warning" showIcon message={t('calendar.provisionalHelp', { year })} />}
      {draft && (
        <PublishCard
          year={year}
          schedule={schedule}
          onPublished={() => {
            setDrafts((all) => {
              const { [year]: _published, ...rest } = all;
              return rest;
            });
            view.reload();
          }}
        />
      )}
      {view.data && !provisional && (
        <Space wrap>
          <Typography.Text strong>{t('calendar.officeHours')}：</Typography.Text>
          <Typography.Text>{officeHours.map((p) => `${p.from}–${p.to}`).join('，')}</Typography.Text>
          <Button size="small" onClick={() => setEditingHours(true)}>
            {t('calendar.editOfficeHours')}
          </Button>
        </Space>
      )}
      <DayLegend />
      {view.data !== undefined ? <YearGrid year={year} days={days} onPick={pick} /> : <Card loading />}
      {picked && (
        <DayDialog
          key={picked.date}
          year={year}
          day={picked}
          draft={draft}
          dateLabel={dateLabel(picked)}
          onDraft={(becomes, name) =>
            setDrafts((all) => ({ ...all, [year]: relist(schedule, picked.date, becomes, name) }))
          }
          onClose={(changed) => {
            setPicked(undefined);
            if (changed && !draft) view.reload();
          }}
        />
      )}
      {editingHours && (
        <OfficeHoursDialog
          year={year}
          officeHours={officeHours}
          onClose={(changed) => {
            setEditingHours(false);
            if (changed) view.reload();
          }}
        />
      )}
    </Space>
  );
}

/** 发布: the drafted year's schedule, with the notice it follows, as the year's first version. */
function PublishCard({
  year,
  schedule,
  onPublished,
}: {
  year: number;
  schedule: Schedule;
  onPublished: () => void;
}) {
  const { t } = useTranslation('admin');
  const { t: common } = useTranslation();
  const { message } = App.useApp();
  const [source, setSource] = useState('');
  const [key] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const publish = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      await call(
        monitoring.defineCalendarYear,
        { body: { year, ...schedule, ...(source.trim() ? { source: source.trim() } : {}) } },
        { idempotencyKey: key },
      );
      void message.success(t('calendar.published', { year }));
      onPublished();
    } catch (error) {
      setFailure(problemText(error, common));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('calendar.unpublished', { year })}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text>{t('calendar.unpublishedHelp')}</Typography.Text>
        {failure && <Alert type="error" showIcon message={failure} />}
        <Space wrap>
          <label htmlFor="admin-calendar-source">{t('calendar.source')}</label>
          <Input
            id="admin-calendar-source"
            value={source}
            onChange={(event) => setSource(event.target.value)}
            placeholder={t('calendar.sourcePlaceholder', { year })}
            maxLength={500}
            style={{ width: 420 }}
          />
          <Button type="primary" disabled={busy} onClick={() => void publish()}>
            {t('calendar.publish', { year })}
          </Button>
        </Space>
      </Space>
    </Card>
  );
}
