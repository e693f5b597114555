import { monitoring, type ReplyOf } from '@docket/contracts';
import { Alert, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useDepartmentName } from '../../../api/departments';
import { problemText } from '../../../api/problem-text';
import type { Loaded } from '../../../api/use-call';
import { formatDateTime } from '../../../format';

export type Affected = ReplyOf<typeof monitoring.calendarAffected>;

/** 受影响的在办件: the open cases whose deadlines lie on or after the day, shown before the change is made. */
export function AffectedCases({ affected }: { affected: Loaded<Affected | undefined> }) {
  const { t, i18n } = useTranslation('admin');
  const { t: common } = useTranslation();
  const departmentName = useDepartmentName();
  const data = affected.data;
  if (affected.error !== undefined)
    return <Alert type="error" showIcon message={problemText(affected.error, common)} />;
  return (
    <section aria-label={t('calendar.affected')}>
      <Typography.Title level={5}>
        {t('calendar.affected')}
        {data && `（${t('calendar.affectedCount', { count: data.total })}）`}
      </Typography.Title>
      {data && data.total === 0 ? (
        <Typography.Text>{t('calendar.affectedNone')}</Typography.Text>
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('calendar.affectedExplain')}</Typography.Paragraph>
          <Table
            size="small"
            rowKey="caseNo"
            loading={data === undefined}
            aria-label={t('calendar.affected')}
            dataSource={data?.cases ?? []}
            pagination={{ pageSize: 5, hideOnSinglePage: true, showSizeChanger: false }}
            columns={[
              {
                title: t('calendar.caseNo'),
                dataIndex: 'caseNo',
                render: (caseNo: string) => <Link to={`/cases/${encodeURIComponent(caseNo)}`}>{caseNo}</Link>,
              },
              { title: t('calendar.item'), dataIndex: 'itemName' },
              {
                title: t('calendar.department'),
                dataIndex: 'department',
                render: (d: string) => departmentName(d),
              },
              {
                title: t('calendar.status'),
                dataIndex: 'status',
                render: (s: 'running' | 'paused') => t(`calendar.clockStatus.${s}`),
              },
              {
                title: t('calendar.promisedDeadline'),
                dataIndex: 'promisedDeadline',
                render: (at: string) => formatDateTime(at, i18n.language),
              },
              {
                title: t('calendar.statutoryDeadline'),
                dataIndex: 'statutoryDeadline',
                render: (at: string) => formatDateTime(at, i18n.language),
              },
            ]}
          />
          {data && data.total > data.cases.length && (
            <Typography.Text type="secondary">
              {t('calendar.affectedMore', { shown: data.cases.length })}
            </Typography.Text>
          )}
        </>
      )}
    </section>
  );
}
