import { supervision } from '@docket/contracts';
import { SCORE_COUNT_KINDS } from '@docket/domain';
import {
  Alert,
  Button,
  Card,
  Form,
  Input,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { call } from '../../api/client';
import { problemText } from '../../api/problem-text';
import { useLoad } from '../../api/use-call';
import { useSession } from '../../auth/session';
import { formatDateTime } from '../../format';
import { useNow } from '../../format/use-now';
import { CommandDialog, trimmed } from './CommandDialog';
import { useDepartments } from './directory';
import { monthName, previousMonth, quarterOf, recentMonths } from './months';
import { ToneTag } from './parts';
import { localMonth, mayLockScore } from './permissions';
import { countText, ScoreBreakdown } from './ScoreBreakdown';
import { ScoreChart } from './ScoreChart';
import { loadMonthScores, type ScoreLine } from './scores-load';

/** Read by screen readers, not drawn. */
const VISUALLY_HIDDEN = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;

/** The month a screen shows: `?month=` if given, else the last ended month (the one due for locking). */
export function useChosenMonth(now: Date): [string, (month: string) => void] {
  const [params, setParams] = useSearchParams();
  const month = params.get('month') ?? previousMonth(localMonth(now));
  return [month, (next) => setParams({ month: next }, { replace: true })];
}

/** A month's scores of every department the viewer may see, ranked, with their quarter's grades. */
export function useMonthScores(month: string) {
  const { session } = useSession();
  const departments = useDepartments();
  const actor = session?.actor;
  const all = departments.data;
  const scores = useLoad(
    (signal, { minPosition }) =>
      actor === undefined || all === undefined
        ? new Promise<never>(() => {})
        : loadMonthScores(actor, all, month, { signal, ...(minPosition ? { minPosition } : {}) }),
    [actor, all, month],
  );
  return { ...scores, error: scores.error ?? departments.error };
}

/** 月度考核: the ranking table (provisional and locked), the lock, the quarter's grades, a chart, the report. */
export function Scores() {
  const { t, i18n } = useTranslation('supervision');
  const { t: common } = useTranslation();
  const { session } = useSession();
  const navigate = useNavigate();
  const now = useNow();
  const [month, setMonth] = useChosenMonth(now);
  const scores = useMonthScores(month);
  const [locking, setLocking] = useState<ScoreLine>();
  const lines = scores.data?.month === month ? scores.data.lines : [];
  const rules = lines[0]?.score.rules;
  const quarter = quarterOf(month);

  const columns = useMemo<TableColumnsType<ScoreLine>>(
    () => [
      { key: 'rank', title: t('score.rank'), width: 64, render: (_, l) => l.rank },
      { key: 'department', title: t('score.department'), render: (_, l) => l.department.name },
      {
        key: 'status',
        title: t('score.statusLabel'),
        render: (_, l) => (
          <ToneTag tone={l.score.status === 'locked' ? 'active' : 'neutral'}>
            {t(`score.status.${l.score.status}`)}
          </ToneTag>
        ),
      },
      ...SCORE_COUNT_KINDS.map((kind) => ({
        key: kind,
        title: t(`score.counts.${kind}`),
        align: 'right' as const,
        render: (_: unknown, l: ScoreLine) => countText(l.score, kind, t('score.notScored')),
      })),
      {
        key: 'deduction',
        title: t('score.deduction'),
        align: 'right',
        render: (_, l) => l.score.totalDeduction,
      },
      {
        key: 'score',
        title: t('score.score'),
        align: 'right',
        render: (_, l) => <Typography.Text strong>{l.score.score}</Typography.Text>,
      },
      {
        key: 'grade',
        title: t('score.quarter', { quarter }),
        render: (_, l) =>
          l.grade ? (
            t(`score.grade.${l.grade}`)
          ) : (
            <Typography.Text type="secondary">{t('score.gradePending')}</Typography.Text>
          ),
      },
      {
        key: 'lock',
        title: t('score.locked'),
        render: (_, l) =>
          l.score.lockedBy && l.score.lockedAt ? (
            <Typography.Text type="secondary">
              {t('score.lockedBy', {
                name: l.score.lockedBy.name,
                at: formatDateTime(l.score.lockedAt, i18n.language),
              })}
            </Typography.Text>
          ) : session && mayLockScore(session.actor, l.score.status, month, now) ? (
            <Button size="small" onClick={() => setLocking(l)}>
              {t('score.lock')}
              {/* Which department, for a screen reader; the row says it to the eye. */}
              <span style={VISUALLY_HIDDEN}> {l.department.name}</span>
            </Button>
          ) : (
            '—'
          ),
      },
    ],
    [t, i18n.language, quarter, session, month, now],
  );

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Form layout="inline" style={{ rowGap: 8 }}>
        <Form.Item label={t('score.month')} htmlFor="score-month">
          <Select
            id="score-month"
            value={month}
            onChange={setMonth}
            options={recentMonths(now).map((m) => ({ value: m, label: monthName(m, i18n.language) }))}
            style={{ width: 160 }}
          />
        </Form.Item>
        <Form.Item>
          <Button onClick={() => scores.reload()}>{common('actions.reload')}</Button>
        </Form.Item>
        <Form.Item>
          <Button onClick={() => navigate(`/supervision/scores/report?month=${month}`)}>
            {t('score.print')}
          </Button>
        </Form.Item>
      </Form>
      {scores.error !== undefined && (
        <Alert type="error" showIcon message={problemText(scores.error, common)} />
      )}
      {scores.data?.failures.map((f) => (
        <Alert
          key={f.department.id}
          type="warning"
          showIcon
          message={t('score.failed', { department: f.department.name, detail: problemText(f.error, common) })}
        />
      ))}
      {month >= localMonth(now) && <Alert type="info" showIcon message={t('score.monthOpen')} />}
      <Table<ScoreLine>
        aria-label={t('score.tableLabel')}
        rowKey={(l) => l.department.id}
        columns={columns}
        dataSource={lines}
        loading={scores.loading && lines.length === 0}
        pagination={false}
        size="middle"
        locale={{ emptyText: common('empty') }}
        expandable={{
          expandedRowRender: (l) => (
            <ScoreBreakdown
              score={l.score}
              departmentName={l.department.name}
              monthLabel={monthName(month, i18n.language)}
            />
          ),
          columnTitle: <span style={VISUALLY_HIDDEN}>{t('score.breakdown.title')}</span>,
        }}
        footer={() => (
          <Space direction="vertical" size={0}>
            {rules && (
              <Typography.Text type="secondary">
                {t('score.rules', {
                  base: rules.base,
                  yellow: rules.perCount.yellow,
                  red: rules.perCount.red,
                  refusal: rules.perCount.refusalWithoutReason,
                  orders: rules.perCount.supervisionOrders,
                  ratings: rules.perCount.dissatisfiedRatings,
                  complaints: rules.perCount.substantiatedComplaints ?? '—',
                  deemed: rules.perCount.deemedApprovals ?? '—',
                })}
              </Typography.Text>
            )}
            <Typography.Text type="secondary">{t('score.compositionNote')}</Typography.Text>
          </Space>
        )}
      />
      <Card title={t('score.chartTitle')} size="small">
        <ScoreChart
          lines={lines}
          month={month}
          label={t('score.chartLabel', { month: monthName(month, i18n.language) })}
        />
      </Card>
      {locking && (
        <CommandDialog<{ note?: string }>
          title={t('score.lockTitle', {
            department: locking.department.name,
            month: monthName(month, i18n.language),
          })}
          okText={t('score.lock')}
          onClose={(sent) => {
            setLocking(undefined);
            if (sent) scores.reload(sent.position ?? undefined);
          }}
          send={(v, idempotencyKey) => {
            const note = trimmed(v.note);
            return call(
              supervision.lockMonthlyScore,
              { params: { department: locking.department.id, month }, body: note ? { note } : {} },
              { idempotencyKey },
            );
          }}
        >
          <Alert type="warning" showIcon message={t('score.lockExplain')} style={{ marginBottom: 12 }} />
          <Form.Item name="note" label={t('score.note')}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
        </CommandDialog>
      )}
    </Space>
  );
}
