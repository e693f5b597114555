import { Button, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldChange } from './field-diff';
import { fieldParts, fieldWords, leafText } from './words';

/** How many changes are shown before "show all": an event that creates an aggregate adds dozens. */
const FIRST = 8;

/** One side of a change: struck through when replaced, green when new, plain when there was none. */
function Value({ change, side }: { change: FieldChange; side: 'before' | 'after' }) {
  const { t, i18n } = useTranslation('audit');
  const leaf = change[side];
  if (leaf === undefined) return <Typography.Text type="secondary">{t('changes.absent')}</Typography.Text>;
  return (
    <span className={side === 'before' ? 'audit-old' : 'audit-new'}>
      {leafText(change.path, leaf, t, i18n.language)}
    </span>
  );
}

function FieldName({ path }: { path: string }) {
  const { t } = useTranslation('audit');
  const { part, field } = fieldParts(path, t);
  return (
    <span>
      <Tag>{part}</Tag>
      {fieldWords(field, t)}
      <br />
      <Typography.Text type="secondary" className="audit-path">
        {field}
      </Typography.Text>
    </span>
  );
}

/** 字段级审计: every field the event changed, old → new. */
export function ChangeTable({ changes }: { changes: readonly FieldChange[] }) {
  const { t } = useTranslation('audit');
  const [all, setAll] = useState(false);
  if (changes.length === 0) return <Typography.Text type="secondary">{t('changes.none')}</Typography.Text>;
  const shown = all ? changes : changes.slice(0, FIRST);
  return (
    <>
      <Table<FieldChange>
        size="small"
        pagination={false}
        rowKey="path"
        dataSource={shown}
        className="audit-changes"
        columns={[
          {
            title: t('changes.field'),
            dataIndex: 'path',
            width: '40%',
            render: (path: string) => <FieldName path={path} />,
          },
          {
            title: t('changes.before'),
            render: (_, c) => <Value change={c} side="before" />,
          },
          {
            title: t('changes.after'),
            render: (_, c) => <Value change={c} side="after" />,
          },
        ]}
      />
      {changes.length > FIRST && (
        <Button type="link" onClick={() => setAll((a) => !a)} aria-expanded={all}>
          {all ? t('changes.showLess') : t('changes.showAll', { count: changes.length })}
        </Button>
      )}
    </>
  );
}

/** Changed values first, bookkeeping (the time of the newest event) last: what a glance should see. */
const rank = (c: FieldChange) =>
  /(^|\.)status$/.test(c.path)
    ? -1
    : c.path.endsWith('lastEventAt')
      ? 3
      : c.kind === 'changed'
        ? 0
        : c.kind === 'added'
          ? 1
          : 2;

/** The first few changes of an event, one line each, for the timeline. */
export function ChangeSummary({ changes }: { changes: readonly FieldChange[] }) {
  const { t } = useTranslation('audit');
  if (changes.length === 0) return null;
  const few = [...changes].sort((a, b) => rank(a) - rank(b)).slice(0, 3);
  return (
    <ul className="audit-change-lines">
      {few.map((c) => {
        const { part, field } = fieldParts(c.path, t);
        return (
          <li key={c.path}>
            <Typography.Text type="secondary">
              {part} {fieldWords(field, t)}：
            </Typography.Text>
            <Value change={c} side="before" />
            {' → '}
            <Value change={c} side="after" />
          </li>
        );
      })}
      {changes.length > few.length && (
        <li>
          <Typography.Text type="secondary">
            {t('changes.more', { count: changes.length - few.length })}
          </Typography.Text>
        </li>
      )}
    </ul>
  );
}
