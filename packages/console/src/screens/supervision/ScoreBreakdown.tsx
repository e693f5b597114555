import type { MonthlyScoreView } from '@docket/contracts';
import { type ItemisedScoreKind, SCORE_COUNT_KINDS, type ScoreCountKind } from '@docket/domain';
import { Space, Table, type TableColumnsType, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { CaseLink } from './parts';

interface BreakdownRow {
  kind: ScoreCountKind;
  count: number;
  perCount: number;
  points: number;
  /** The complaint ids or case numbers, for the itemised kinds. */
  refs: readonly string[] | undefined;
}

const ITEMISED: Record<ItemisedScoreKind, 'complaint' | 'case'> = {
  substantiatedComplaints: 'complaint',
  deemedApprovals: 'case',
};
type Translate = TFunction<'supervision'>;

const COLUMNS = (t: Translate): TableColumnsType<BreakdownRow> => [
  { key: 'kind', title: t('score.breakdown.kind'), render: (_, r) => t(`score.counts.${r.kind}`) },
  { key: 'count', title: t('score.breakdown.count'), align: 'right', render: (_, r) => r.count },
  {
    key: 'perCount',
    title: t('score.breakdown.perCount'),
    align: 'right',
    render: (_, r) => r.perCount,
  },
  {
    key: 'points',
    title: t('score.breakdown.points'),
    align: 'right',
    render: (_, r) => (r.points > 0 ? <Typography.Text strong>−{r.points}</Typography.Text> : 0),
  },
  {
    key: 'refs',
    title: t('score.breakdown.refs'),
    render: (_, r) =>
      r.refs === undefined ? (
        ''
      ) : r.refs.length === 0 ? (
        <Typography.Text type="secondary">{t('score.breakdown.none')}</Typography.Text>
      ) : (
        <Space size={[8, 0]} wrap>
          {r.refs.map((ref) =>
            ITEMISED[r.kind as ItemisedScoreKind] === 'case' ? (
              <CaseLink key={ref} caseNo={ref} />
            ) : (
              <Link key={ref} to={`/supervision/complaints/${encodeURIComponent(ref)}`}>
                {ref}
              </Link>
            ),
          )}
        </Space>
      ),
  },
];

const isItemised = (kind: ScoreCountKind): kind is ItemisedScoreKind => kind in ITEMISED;

/** The kinds a score was computed on: every kind, or the five a month locked before the later two had. */
export function scoredKinds(score: MonthlyScoreView): ScoreCountKind[] {
  return SCORE_COUNT_KINDS.filter((kind) => score.counts[kind] !== undefined);
}

/** A count as shown in a table: the number, or “not scored when locked” for a kind the month never had. */
export function countText(score: MonthlyScoreView, kind: ScoreCountKind, notScored: string): string {
  const count = score.counts[kind];
  return count === undefined ? notScored : String(count);
}

/**
 * 扣分明细: each deduction of a department's month, with its count, the points per one, the points, and for
 * substantiated complaints and deemed approvals the complaint ids and case numbers (linked). A locked
 * month shows what it was locked with.
 */
export function ScoreBreakdown({
  score,
  departmentName,
  monthLabel,
}: {
  score: MonthlyScoreView;
  departmentName: string;
  monthLabel: string;
}) {
  const { t } = useTranslation('supervision');
  const rows: BreakdownRow[] = scoredKinds(score).map((kind) => ({
    kind,
    count: score.counts[kind] ?? 0,
    perCount: score.rules.perCount[kind] ?? 0,
    points: score.deductions[kind] ?? 0,
    refs: isItemised(kind) ? (score.refs?.[kind] ?? []) : undefined,
  }));
  const lockedBefore = scoredKinds(score).length < SCORE_COUNT_KINDS.length;
  return (
    <Table<BreakdownRow>
      aria-label={t('score.breakdown.label', { department: departmentName, month: monthLabel })}
      title={() => <Typography.Text strong>{t('score.breakdown.title')}</Typography.Text>}
      footer={() => (
        <Space direction="vertical" size={0}>
          <Typography.Text type="secondary">
            {t('score.breakdown.total', {
              total: score.totalDeduction,
              score: score.score,
              base: score.rules.base,
            })}
          </Typography.Text>
          {lockedBefore && (
            <Typography.Text type="secondary">{t('score.breakdown.notScored')}</Typography.Text>
          )}
        </Space>
      )}
      rowKey="kind"
      size="small"
      pagination={false}
      dataSource={rows}
      columns={COLUMNS(t)}
    />
  );
}
