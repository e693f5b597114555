import { intake, type ReplyOf } from '@docket/contracts';
import { Alert, App, Button, Card, Collapse, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { call, newIdempotencyKey } from '../../../api/client';
import { problemText } from '../../../api/problem-text';
import { useLoad } from '../../../api/use-call';
import { formatDateTime } from '../../../format';
import { requiredRule } from '../../../forms/rules';
import { TAG_STYLE } from '../tag-styles';
import { DiffTable } from './DiffTable';
import { ItemFacts } from './ItemFacts';
import { diffItems } from './item-diff';

type Version = ReplyOf<typeof intake.itemVersions>[number];

/** 版本记录 (/admin/catalogue/:code): every version kept, newest first, each with its diff from the one before. */
export default function ItemHistory() {
  const { code = '' } = useParams();
  const { t, i18n } = useTranslation('admin');
  const { t: common } = useTranslation();
  const navigate = useNavigate();
  // After a save the editor hands over the command's position: the item read waits for it.
  const { state } = useLocation() as { state: { minPosition?: string } | null };
  const item = useLoad(
    (signal, fresh) =>
      call(
        intake.item,
        { params: { code } },
        { signal, minPosition: fresh.minPosition ?? state?.minPosition },
      ),
    [code],
  );
  const versions = useLoad((signal) => call(intake.itemVersions, { params: { code } }, { signal }), [code]);
  const [withdrawing, setWithdrawing] = useState(false);
  const error = item.error ?? versions.error;
  if (error !== undefined) return <Alert type="error" showIcon message={problemText(error, common)} />;
  if (item.data === undefined || versions.data === undefined) return <Card loading />;
  const view = item.data;
  const newestFirst = [...versions.data].reverse();

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Space align="center">
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('catalogue.historyOf', { name: view.current.name })}
          </Typography.Title>
          <Tag style={view.status === 'active' ? TAG_STYLE.good : undefined}>
            {t(`history.status.${view.status}`)}
          </Tag>
          <Typography.Text type="secondary">{view.code}</Typography.Text>
        </Space>
        {view.status === 'active' && (
          <Space>
            <Button
              type="primary"
              onClick={() => navigate(`/admin/catalogue/${encodeURIComponent(code)}/revise`)}
            >
              {t('catalogue.revise')}
            </Button>
            <Button danger onClick={() => setWithdrawing(true)}>
              {t('history.withdraw')}
            </Button>
          </Space>
        )}
      </Space>
      {view.status === 'withdrawn' && (
        <Alert
          type="warning"
          showIcon
          message={t('history.withdrawnLine', {
            at: formatDateTime(view.withdrawnAt, i18n.language),
            reason: view.withdrawalReason ?? '',
          })}
        />
      )}
      {newestFirst.map((version, index) => (
        <VersionCard
          key={version.item.version}
          version={version}
          previous={newestFirst[index + 1]}
          current={version.item.version === view.current.version}
        />
      ))}
      {withdrawing && (
        <WithdrawDialog
          code={code}
          name={view.current.name}
          onClose={(position) => {
            setWithdrawing(false);
            if (position !== undefined) item.reload(position);
          }}
        />
      )}
    </Space>
  );
}

function VersionCard({
  version,
  previous,
  current,
}: {
  version: Version;
  previous?: Version;
  current: boolean;
}) {
  const { t, i18n } = useTranslation('admin');
  const n = version.item.version;
  const caption = previous ? t('history.against', { version: previous.item.version }) : t('history.first');
  return (
    <Card
      size="small"
      role="region"
      aria-label={t('catalogue.versionN', { version: n })}
      title={
        <Space>
          <span>{t('catalogue.versionN', { version: n })}</span>
          {current && <Tag style={TAG_STYLE.info}>{t('history.current')}</Tag>}
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {t('history.published', { at: formatDateTime(version.at, i18n.language), by: version.by.name })}
          </Typography.Text>
        </Space>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {version.note && <Typography.Text>{t('history.note', { note: version.note })}</Typography.Text>}
        {previous === undefined && <Typography.Text strong>{t('history.first')}</Typography.Text>}
        {previous && (
          <>
            <Typography.Text strong>{caption}</Typography.Text>
            <DiffTable changes={diffItems(previous.item, version.item)} caption={caption} />
          </>
        )}
        <Collapse
          size="small"
          items={[
            {
              key: 'facts',
              label: t('history.content', { version: n }),
              children: <ItemFacts item={version.item} />,
            },
          ]}
        />
      </Space>
    </Card>
  );
}

/** 撤销: with the reason the domain requires; open cases go on under their version. */
function WithdrawDialog({
  code,
  name,
  onClose,
}: {
  code: string;
  name: string;
  onClose: (position?: string) => void;
}) {
  const { t } = useTranslation('admin');
  const { t: common } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [key] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const submit = async () => {
    const { reason } = await form.validateFields();
    setBusy(true);
    setFailure(undefined);
    try {
      const reply = await call(
        intake.withdrawItem,
        { params: { code }, body: { reason: reason.trim() } },
        { idempotencyKey: key },
      );
      void message.success(t('history.withdrawn'));
      onClose(reply.position ?? undefined);
    } catch (error) {
      setFailure(problemText(error, common));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('history.withdrawTitle', { name })}
      okText={t('history.withdraw')}
      okButtonProps={{ danger: true, disabled: busy }}
      cancelText={common('actions.cancel')}
      onOk={() => void submit()}
      onCancel={() => onClose()}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Typography.Paragraph>{t('history.withdrawExplain')}</Typography.Paragraph>
        {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 12 }} />}
        <Form.Item
          name="reason"
          label={t('history.reason')}
          rules={[requiredRule(t('required', { label: t('history.reason') }))]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
