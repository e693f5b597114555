import { PlusOutlined } from '@ant-design/icons';
import { intake, type ReplyOf } from '@docket/contracts';
import { Alert, Button, Input, Space, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { call } from '../../../api/client';
import { problemText } from '../../../api/problem-text';
import { useLoad } from '../../../api/use-call';
import { useItemText } from './item-text';

type Item = ReplyOf<typeof intake.items>[number];

/** 事项目录管理: the items in use, each with its current version; define, revise, see the versions. */
export default function CatalogueList() {
  const { t } = useTranslation('admin');
  const { t: common } = useTranslation();
  const navigate = useNavigate();
  const { limit, departmentName } = useItemText();
  const items = useLoad(() => call(intake.items, {}), []);
  const [search, setSearch] = useState('');
  const shown = useMemo(() => {
    const words = search.trim().toLowerCase();
    const all = items.data ?? [];
    if (words === '') return all;
    return all.filter((item) =>
      [item.code, item.current.name, departmentName(item.current.department)].some((field) =>
        field.toLowerCase().includes(words),
      ),
    );
  }, [items.data, search, departmentName]);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Input.Search
          aria-label={t('catalogue.search')}
          placeholder={t('catalogue.searchPlaceholder')}
          allowClear
          onChange={(event) => setSearch(event.target.value)}
          onSearch={setSearch}
          style={{ width: 360 }}
        />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/admin/catalogue/new')}>
          {t('catalogue.define')}
        </Button>
      </Space>
      {items.error !== undefined && (
        <Alert type="error" showIcon message={problemText(items.error, common)} />
      )}
      <Table<Item>
        rowKey="code"
        loading={items.loading}
        dataSource={shown}
        pagination={false}
        aria-label={t('catalogue.caption')}
        locale={{ emptyText: t('catalogue.empty') }}
        columns={[
          { title: t('catalogue.code'), dataIndex: 'code', width: 170 },
          {
            title: t('catalogue.name'),
            render: (_, item) => (
              <Link to={`/admin/catalogue/${encodeURIComponent(item.code)}`}>{item.current.name}</Link>
            ),
          },
          { title: t('catalogue.department'), render: (_, item) => departmentName(item.current.department) },
          {
            title: t('catalogue.category'),
            render: (_, item) => <Tag>{t(`category.${item.current.category}`)}</Tag>,
          },
          { title: t('catalogue.promised'), render: (_, item) => limit(item.current.promisedLimit) },
          {
            title: t('catalogue.version'),
            render: (_, item) => t('catalogue.versionN', { version: item.current.version }),
          },
          {
            title: t('catalogue.actions'),
            render: (_, item) => (
              <Space>
                <Button
                  size="small"
                  aria-label={t('catalogue.reviseItem', { name: item.current.name })}
                  onClick={() => navigate(`/admin/catalogue/${encodeURIComponent(item.code)}/revise`)}
                >
                  {t('catalogue.revise')}
                </Button>
                <Button
                  size="small"
                  type="link"
                  aria-label={t('catalogue.historyOf', { name: item.current.name })}
                  onClick={() => navigate(`/admin/catalogue/${encodeURIComponent(item.code)}`)}
                >
                  {t('catalogue.history')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
    </Space>
  );
}
