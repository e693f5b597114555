import { intake } from '@docket/contracts';
import { Alert, Button, Input, List, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { call } from '../../api/client';
import { useDepartmentName } from '../../api/departments';
import { problemText } from '../../api/problem-text';
import { useLoad } from '../../api/use-call';
import { useSession } from '../../auth/session';
import { formatYuan } from '../../format';
import type { CatalogueItem } from './desk-state';

/** 事项目录: the items open for applications with their public facts; a new application per item. */
export default function Catalogue() {
  const { t, i18n } = useTranslation('window');
  const { t: common } = useTranslation();
  const departmentName = useDepartmentName();
  const { can } = useSession();
  const navigate = useNavigate();
  const items = useLoad(() => call(intake.items, {}), []);
  const [search, setSearch] = useState('');

  const shown = useMemo(() => {
    const words = search.trim().toLowerCase();
    const all = items.data ?? [];
    if (words === '') return all;
    return all.filter((item) =>
      [item.code, item.current.name, item.current.department].some((field) =>
        field.toLowerCase().includes(words),
      ),
    );
  }, [items.data, search]);

  const limit = (value: { value: number; unit: string }) =>
    value.unit === 'working_days'
      ? common('clock.workingDays', { count: value.value })
      : common('clock.naturalDays', { count: value.value });

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2}>{t('catalogue.title')}</Typography.Title>
      <Input.Search
        aria-label={t('catalogue.search')}
        placeholder={t('catalogue.searchPlaceholder')}
        allowClear
        onChange={(event) => setSearch(event.target.value)}
        onSearch={setSearch}
        style={{ maxWidth: 420 }}
      />
      {items.error !== undefined && (
        <Alert type="error" showIcon message={problemText(items.error, common)} />
      )}
      <Table<CatalogueItem>
        rowKey="code"
        loading={items.loading}
        dataSource={shown}
        pagination={false}
        aria-label={t('catalogue.caption')}
        locale={{ emptyText: t('catalogue.empty') }}
        expandable={{
          expandedRowRender: (item) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Typography.Text>
                {t('catalogue.legalBasisLine', { basis: item.current.legalBasis })}
              </Typography.Text>
              <List
                size="small"
                aria-label={t('catalogue.materials')}
                dataSource={item.current.materials}
                renderItem={(material) => (
                  <List.Item>
                    <Space wrap>
                      <span>{material.name}</span>
                      <Tag>{t(`form.${material.form}`)}</Tag>
                      <span>{t('apply.requiredCount', { count: material.count })}</span>
                      <Tag>{t(`requirement.${material.requirement}`)}</Tag>
                      {material.condition && <Typography.Text>{material.condition}</Typography.Text>}
                    </Space>
                  </List.Item>
                )}
              />
            </Space>
          ),
        }}
        columns={[
          { title: t('catalogue.code'), dataIndex: 'code', width: 160 },
          { title: t('catalogue.name'), render: (_, item) => item.current.name },
          { title: t('catalogue.department'), render: (_, item) => departmentName(item.current.department) },
          {
            title: t('catalogue.category'),
            render: (_, item) => <Tag>{t(`category.${item.current.category}`)}</Tag>,
          },
          { title: t('catalogue.promised'), render: (_, item) => limit(item.current.promisedLimit) },
          { title: t('catalogue.statutory'), render: (_, item) => limit(item.current.statutoryLimit) },
          {
            title: t('catalogue.fee'),
            render: (_, item) =>
              item.current.fee.kind === 'free'
                ? t('catalogue.free')
                : formatYuan(item.current.fee.amountFen, i18n.language),
          },
          {
            title: t('catalogue.materials'),
            render: (_, item) => t('catalogue.materialsCount', { count: item.current.materials.length }),
          },
          {
            title: t('catalogue.actions'),
            render: (_, item) =>
              can('clerk') && item.status === 'active' ? (
                <Button
                  type="primary"
                  aria-label={t('catalogue.applyFor', { name: item.current.name })}
                  onClick={() => navigate(`/window/apply/${encodeURIComponent(item.code)}`)}
                >
                  {t('catalogue.apply')}
                </Button>
              ) : null,
          },
        ]}
      />
    </Space>
  );
}
