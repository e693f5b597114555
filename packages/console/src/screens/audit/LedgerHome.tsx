import { audit } from '@docket/contracts';
import { Alert, Button, Card, Col, Form, Input, Row, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { call } from '../../api/client';
import { problemText } from '../../api/problem-text';
import { useLoad } from '../../api/use-call';
import { useSession } from '../../auth/session';
import { requiredRule } from '../../forms/rules';
import { Checkpoints } from './Checkpoints';
import { LedgerVerification } from './LedgerVerification';

/** 查找办件: an auditor opens a case's whole history by its number. */
function CaseFinder() {
  const { t } = useTranslation('audit');
  const navigate = useNavigate();
  return (
    <Card size="small" title={<h3 className="audit-card-title">{t('find.title')}</h3>}>
      <Typography.Paragraph type="secondary">{t('find.note')}</Typography.Paragraph>
      <Form
        layout="inline"
        onFinish={({ caseNo }: { caseNo: string }) =>
          navigate(`/audit/cases/${encodeURIComponent(caseNo.trim())}`)
        }
      >
        <Form.Item name="caseNo" label={t('find.caseNo')} rules={[requiredRule(t('find.required'))]}>
          <Input placeholder={t('find.placeholder')} style={{ width: 260 }} autoComplete="off" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit">
            {t('find.open')}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}

/**
 * 审计 (/audit): find a case (auditors; administrators do not read case trails), verify the ledger, the
 * signed checkpoints.
 */
export default function LedgerHome() {
  const { t } = useTranslation('audit');
  const { t: common } = useTranslation();
  const { can } = useSession();
  const checkpoints = useLoad((signal) => call(audit.checkpoints, {}, { signal }), []);
  const newest = checkpoints.data?.checkpoints.at(-1)?.size ?? 0;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <style>
        {
          '.audit-card-title { margin: 0; font-size: 16px; } .audit-raw { font-size: 12px; background: #fafafa; padding: 8px; }'
        }
      </style>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('title')}
      </Typography.Title>
      {can('auditor') && <CaseFinder />}
      <Row gutter={[16, 16]} align="top">
        <Col xs={24} xl={10}>
          <LedgerVerification knownSize={newest} />
        </Col>
        <Col xs={24} xl={14}>
          {checkpoints.error !== undefined ? (
            <Alert type="error" showIcon message={problemText(checkpoints.error, common)} />
          ) : checkpoints.data ? (
            <Checkpoints list={checkpoints.data} onSigned={() => checkpoints.reload()} />
          ) : (
            <Card loading />
          )}
        </Col>
      </Row>
    </Space>
  );
}
