import { LATER_SCORE_KINDS, SCORE_COUNT_KINDS } from '@docket/domain';
import { Alert, Button, Card, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { problemText } from '../../api/problem-text';
import { formatDocumentDate } from '../../format';
import { useNow } from '../../format/use-now';
import { monthName, quarterOf } from './months';
import { countText } from './ScoreBreakdown';
import { useChosenMonth, useMonthScores } from './Scores';

/** A4, only the report on paper: the shell, the area's tabs and the buttons are hidden. */
const PRINT_CSS = `
.monthly-report { width: 210mm; min-height: 297mm; box-sizing: border-box; margin: 0 auto; padding: 18mm 16mm;
  background: #fff; color: #000; box-shadow: 0 1px 6px rgba(0,0,0,.2);
  font-family: "Songti SC", "Noto Serif CJK SC", "SimSun", serif; font-size: 14px; line-height: 1.7; }
.monthly-report h1 { text-align: center; font-size: 24px; letter-spacing: 2px; margin: 0 0 4px; }
.monthly-report .issuer { text-align: center; margin: 0 0 16px; }
.monthly-report p { margin: 0 0 8px; text-indent: 2em; }
.monthly-report table { border-collapse: collapse; width: 100%; margin: 12px 0; font-size: 12px; }
.monthly-report th, .monthly-report td { border: 1px solid #000; padding: 3px 5px; text-align: center; white-space: nowrap; }
.monthly-report td.name { text-align: left; white-space: normal; }
.monthly-report .note { font-size: 12px; text-indent: 0; }
.monthly-report h2 { font-size: 15px; margin: 12px 0 4px; }
.monthly-report .signature { display: flex; justify-content: flex-end; margin-top: 40px; }
.monthly-report .signature div { text-align: center; min-width: 14em; }
@media print {
  /* The page's margins are the report's own padding, so that the screen's print preview and the paper agree;
     a table longer than a page repeats its header and keeps the padding on every page. */
  @page { size: A4; margin: 0; }
  .ant-layout-header, .skip-link, .no-print { display: none !important; }
  .ant-layout, .ant-layout-content, body { background: #fff !important; padding: 0 !important; }
  .monthly-report { box-shadow: none; width: auto; min-height: auto; margin: 0; padding: 15mm 12mm;
    box-decoration-break: clone; -webkit-box-decoration-break: clone; }
  .monthly-report thead { display: table-header-group; }
  .monthly-report tr { break-inside: avoid; }
}
`;

/** 月度报告: the month's ranking as a printable A4 document (print it, or save it as PDF from the print dialog). */
export function MonthlyReport() {
  const { t, i18n } = useTranslation('supervision');
  const { t: common } = useTranslation();
  const navigate = useNavigate();
  const now = useNow();
  const [month] = useChosenMonth(now);
  const scores = useMonthScores(month);
  const language = i18n.language;
  const toolbar = (
    <Space className="no-print" style={{ marginBottom: 16 }}>
      <Button onClick={() => navigate(`/supervision/scores?month=${month}`)}>{t('report.back')}</Button>
      <Button type="primary" onClick={() => window.print()}>
        {t('report.print')}
      </Button>
    </Space>
  );
  if (scores.error !== undefined && scores.data === undefined)
    return <Alert type="error" showIcon message={problemText(scores.error, common)} />;
  const data = scores.data?.month === month ? scores.data : undefined;
  if (data === undefined) return <Card loading />;
  const lines = data.lines;
  const locked = lines.filter((l) => l.score.status === 'locked').length;
  const average =
    lines.length === 0
      ? 0
      : Math.round((lines.reduce((sum, l) => sum + l.score.score, 0) / lines.length) * 10) / 10;
  const rules = lines[0]?.score.rules;
  // 投诉属实 and 超时默认 name what they were for: one line per department and kind that has any.
  const itemised = lines.flatMap((l) =>
    LATER_SCORE_KINDS.flatMap((kind) => {
      const refs = l.score.refs?.[kind] ?? [];
      return refs.length === 0
        ? []
        : [{ department: l.department.name, kind, refs, points: l.score.deductions[kind] ?? 0 }];
    }),
  );

  return (
    <>
      <style>{PRINT_CSS}</style>
      {toolbar}
      <article
        className="monthly-report"
        aria-label={t('report.title', { month: monthName(month, language) })}
      >
        <h1>{t('report.title', { month: monthName(month, language) })}</h1>
        <div className="issuer">{t('report.issuer')}</div>
        <p>
          {t('report.summary', {
            count: lines.length,
            locked,
            provisional: lines.length - locked,
            average,
          })}
        </p>
        <table>
          <caption className="no-print" style={{ captionSide: 'top', textAlign: 'left' }}>
            {t('score.tableLabel')}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('score.rank')}</th>
              <th scope="col">{t('score.department')}</th>
              {SCORE_COUNT_KINDS.map((kind) => (
                <th scope="col" key={kind}>
                  {t(`score.counts.${kind}`)}
                </th>
              ))}
              <th scope="col">{t('score.deduction')}</th>
              <th scope="col">{t('score.score')}</th>
              <th scope="col">{t('score.statusLabel')}</th>
              <th scope="col">{t('score.quarter', { quarter: quarterOf(month) })}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.department.id}>
                <td>{l.rank}</td>
                <td className="name">{l.department.name}</td>
                {SCORE_COUNT_KINDS.map((kind) => (
                  <td key={kind}>{countText(l.score, kind, t('score.notScored'))}</td>
                ))}
                <td>{l.score.totalDeduction}</td>
                <td>
                  <strong>{l.score.score}</strong>
                </td>
                <td>{t(`score.status.${l.score.status}`)}</td>
                <td>{l.grade ? t(`score.grade.${l.grade}`) : t('score.gradePending')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {rules && (
          <p className="note">
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
          </p>
        )}
        {itemised.length > 0 && (
          <>
            <h2>{t('report.itemisedTitle')}</h2>
            {itemised.map((line) => (
              <p key={`${line.department}:${line.kind}`} className="note">
                {t('report.itemisedLine', {
                  department: line.department,
                  kind: t(`score.counts.${line.kind}`),
                  count: line.refs.length,
                  refs: line.refs.join('、'),
                  points: line.points,
                })}
              </p>
            ))}
          </>
        )}
        {locked < lines.length && <p className="note">{t('report.provisionalNote')}</p>}
        <div className="signature">
          <div>
            <div>{t('report.signature')}</div>
            <div>{formatDocumentDate(now.toISOString(), language)}</div>
          </div>
        </div>
      </article>
    </>
  );
}
