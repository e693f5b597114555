import type { RecordedBy } from '@docket/domain';
import { Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../format';

/** Who did it and when, in the centre's time: every recorded step says both. */
export function RecordedLine({ at, by }: { at: string; by: RecordedBy }) {
  const { t, i18n } = useTranslation('supervision');
  return (
    <Typography.Text type="secondary">
      {t('by', { name: by.name, at: formatDateTime(at, i18n.language) })}
    </Typography.Text>
  );
}

/** A case number as a link to its case file. */
export function CaseLink({ caseNo }: { caseNo: string | null | undefined }) {
  if (!caseNo) return <>—</>;
  return <Link to={`/cases/${encodeURIComponent(caseNo)}`}>{caseNo}</Link>;
}

/** Colours with text dark enough on their backgrounds for WCAG AA (antd's presets are too light). */
const TONE = {
  neutral: { color: '#262626', background: '#fafafa', borderColor: '#d9d9d9' },
  active: { color: '#003eb3', background: '#e6f4ff', borderColor: '#69b1ff' },
  good: { color: '#135200', background: '#f6ffed', borderColor: '#95de64' },
  warn: { color: '#613400', background: '#fff7cc', borderColor: '#fadb14' },
  bad: { color: '#a8071a', background: '#fff1f0', borderColor: '#ff7875' },
} as const;

export type Tone = keyof typeof TONE;

/** A status as a tag: its name always, its colour as a second cue. */
export function ToneTag({ tone, children }: { tone: Tone; children: ReactNode }) {
  return (
    <Tag style={{ ...TONE[tone], fontWeight: 600 }} data-tone={tone}>
      {children}
    </Tag>
  );
}

/** The page sizes the lists offer; the server pages. */
export const PAGE_SIZES = [20, 50, 100];

/** One recorded step of a complaint, order or rating: what, who and when, then what was written. */
export function Step({
  title,
  at,
  by,
  children,
}: {
  title: string;
  at: string;
  by: RecordedBy;
  children?: ReactNode;
}) {
  return (
    <div>
      <Typography.Text strong>{title}</Typography.Text> <RecordedLine at={at} by={by} />
      {children && <div style={{ marginTop: 4 }}>{children}</div>}
    </div>
  );
}

/** A view as JSON carries it: the revision (a bigint in the ledger) is a decimal string. */
export type Json<V extends { revision: bigint | null }> = Omit<V, 'revision'> & { revision: string | null };
