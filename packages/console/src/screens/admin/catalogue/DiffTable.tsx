import { Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { TAG_STYLE } from '../tag-styles';
import type { ChangeKind, ItemChange } from './item-diff';
import { useItemText } from './item-text';

/** Each kind of change has a word as well as a colour: the tag says it, the colour only repeats it. */
const KIND_STYLE = {
  added: TAG_STYLE.good,
  removed: TAG_STYLE.bad,
  changed: TAG_STYLE.info,
} satisfies Record<ChangeKind, object>;

// Dark text on pale ground (WCAG AA); the strike-through and the column say it without the colour.
const BEFORE = { background: '#fff1f0', color: '#a8071a', padding: '0 2px' };
const AFTER = { background: '#f6ffed', color: '#135200', padding: '0 2px', textDecoration: 'none' };

/** 版本差异: one row per changed field, the value before struck through and the value after. */
export function DiffTable({ changes, caption }: { changes: ItemChange[]; caption: string }) {
  const { t } = useTranslation('admin');
  const { sideText, fieldOf } = useItemText();
  if (changes.length === 0) return <Typography.Text type="secondary">{t('editor.diffNone')}</Typography.Text>;
  return (
    <Table<ItemChange & { id: string }>
      size="small"
      pagination={false}
      rowKey="id"
      aria-label={caption}
      dataSource={changes.map((c, i) => ({ ...c, id: `${c.field}-${'key' in c ? c.key : ''}-${i}` }))}
      columns={[
        { title: t('diff.field'), width: 130, render: (_, c) => fieldOf(c) },
        {
          title: t('diff.change'),
          width: 80,
          render: (_, c) => <Tag style={KIND_STYLE[c.kind]}>{t(`diff.kind.${c.kind}`)}</Tag>,
        },
        {
          title: t('diff.before'),
          render: (_, c) =>
            c.kind === 'added' ? (
              <Typography.Text type="secondary">{t('none')}</Typography.Text>
            ) : (
              <del style={BEFORE}>{sideText(c, 'before')}</del>
            ),
        },
        {
          title: t('diff.after'),
          render: (_, c) =>
            c.kind === 'removed' ? (
              <Typography.Text type="secondary">{t('none')}</Typography.Text>
            ) : (
              <ins style={AFTER}>{sideText(c, 'after')}</ins>
            ),
        },
      ]}
    />
  );
}
