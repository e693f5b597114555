import type { DepartmentsReply } from '@docket/contracts';
import { Button, Select, Space, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { z } from 'zod';
import { send } from '../../api/client';
import { useLoad } from '../../api/use-call';
import { WallBoard } from './WallBoard';

type Department = z.infer<typeof DepartmentsReply>[number];

/** The levels a wall is chosen by: 区 → 街道 → 社区 (functional departments and windows are tiles only). */
const LEVELS = new Set(['district', 'street', 'community']);

/** The subtrees to choose from, each indented under its parent (the directory lists parents first). */
function subtreeOptions(departments: readonly Department[], reach: ReadonlySet<string> | undefined) {
  const depth = new Map<string, number>();
  const options: { value: string; label: string }[] = [];
  for (const d of departments) {
    const level = d.parent === undefined ? 0 : (depth.get(d.parent) ?? -1) + 1;
    depth.set(d.id, level);
    if (LEVELS.has(d.kind) && (reach === undefined || reach.has(d.id)))
      options.push({ value: d.id, label: `${'\u3000'.repeat(Math.max(0, level))}${d.name}` });
  }
  return options;
}

/** 电子监察 (desk mode, in the shell): the board for a chosen subtree, and the way to the full screen. */
export default function Wall() {
  const { t } = useTranslation('wall');
  const [search, setSearch] = useSearchParams();
  const navigate = useNavigate();
  const root = search.get('root') ?? undefined;
  const departments = useLoad(() => send<Department[]>('GET', '/api/departments'), []);
  const [reach, setReach] = useState<ReadonlySet<string>>();
  const onReach = useCallback((ids: string[]) => setReach(new Set(ids)), []);
  const options = useMemo(() => subtreeOptions(departments.data ?? [], reach), [departments.data, reach]);
  const screenLink = root === undefined ? '/wall/screen' : `/wall/screen?root=${encodeURIComponent(root)}`;
  return (
    <WallBoard
      root={root}
      mode="desk"
      onReach={onReach}
      title={
        <Typography.Title level={2} style={{ margin: 0, color: '#fff' }}>
          {t('title')}
        </Typography.Title>
      }
      actions={
        <Space>
          <Select
            aria-label={t('subtree')}
            style={{ width: 240 }}
            value={root ?? ''}
            options={[{ value: '', label: t('subtreeAll') }, ...options]}
            onChange={(value: string) => setSearch(value === '' ? {} : { root: value })}
          />
          <Button type="primary" onClick={() => navigate(screenLink)}>
            {t('fullScreen')}
          </Button>
        </Space>
      }
    />
  );
}
