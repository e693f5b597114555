import { CheckOutlined, ClockCircleOutlined, CloseOutlined } from '@ant-design/icons';
import { intake } from '@docket/contracts';
import { Alert, Button, Card, Descriptions, Form, Input, Space, Typography } from 'antd';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError, call } from '../../api/client';
import { problemText } from '../../api/problem-text';
import { formatDate, formatDateTime } from '../../format';
import { requiredRule } from '../../forms/rules';
import { ApplicantFormCard, CaseNoField } from './ApplicantForm';
import { APPLICANT_PATHS, ApplicantFrame } from './ApplicantFrame';
import {
  CLOSED,
  isNegative,
  type ProgressStep,
  type PublicStatus,
  progressSteps,
  retryAfterSeconds,
} from './progress';

interface LookupForm {
  caseNo: string;
  queryCode: string;
}

/**
 * 办件进度查询 (`/status`, public): by case number and query code, as printed on the receipt; a notice's
 * QR code opens it with `?caseNo=`. The lookup is a POST (the code never goes into a URL or a log): a
 * code that arrives in the URL fills the field and is taken out of the address at once.
 */
export default function PublicStatusPage() {
  const { t, i18n } = useTranslation('applicant');
  const { t: common } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<LookupForm>();
  const [found, setFound] = useState<PublicStatus>();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);
  const initial = useRef<LookupForm>({
    caseNo: params.get('caseNo') ?? '',
    queryCode: params.get('queryCode') ?? '',
  });

  // The query code does not stay in the address bar or the history.
  useEffect(() => {
    if (params.has('queryCode')) {
      const next = new URLSearchParams(params);
      next.delete('queryCode');
      setParams(next, { replace: true });
    }
  }, [params, setParams]);

  const lookUp = async ({ caseNo, queryCode }: LookupForm) => {
    setBusy(true);
    setFailure(undefined);
    setFound(undefined);
    try {
      const status = await call(intake.status, {
        body: { caseNo: caseNo.trim(), queryCode: queryCode.trim() },
      });
      setFound(status);
      requestAnimationFrame(() => resultRef.current?.focus());
    } catch (error) {
      setFailure(lookupFailure(error));
    } finally {
      setBusy(false);
    }
  };

  const lookupFailure = (error: unknown): string => {
    if (error instanceof ApiError) {
      // Unknown case or wrong code: the API does not say which, and neither do we.
      if (error.status === 404) return t('lookup.notFound');
      if (error.status === 429) {
        const seconds = retryAfterSeconds(error.problem.details);
        return seconds === undefined ? t('lookup.tooManyNoTime') : t('lookup.tooMany', { seconds });
      }
    }
    return problemText(error, common);
  };

  const locale = i18n.language;
  return (
    <ApplicantFrame title={t('title')} intro={t('lookup.intro')}>
      <ApplicantFormCard<LookupForm>
        form={form}
        initialValues={initial.current}
        onSubmit={(values) => void lookUp(values)}
        onEdit={() => setFailure(undefined)}
        // The failure shows below the card, where the result would.
        failure={false}
        busy={busy}
        submitLabel={t('lookup.submit')}
      >
        <CaseNoField
          label={t('lookup.caseNo')}
          requiredMessage={t('lookup.caseNoRequired')}
          autoFocus={initial.current.caseNo === ''}
        />
        <Form.Item
          name="queryCode"
          label={t('lookup.queryCode')}
          extra={t('lookup.queryCodeHelp')}
          rules={[requiredRule(t('lookup.queryCodeRequired'))]}
        >
          <Input
            placeholder={t('lookup.queryCodePlaceholder')}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            autoFocus={initial.current.caseNo !== '' && initial.current.queryCode === ''}
          />
        </Form.Item>
      </ApplicantFormCard>
      <div aria-live="polite" style={{ marginTop: 16 }}>
        {failure && <Alert type="error" showIcon message={failure} />}
      </div>
      {found && (
        <div ref={resultRef} tabIndex={-1} style={{ outline: 'none' }}>
          <StatusResult status={found} locale={locale} />
        </div>
      )}
    </ApplicantFrame>
  );
}

function StatusResult({ status, locale }: { status: PublicStatus; locale: string }) {
  const { t } = useTranslation('applicant');
  const steps = progressSteps(status);
  const negative = isNegative(status.result?.outcome);
  const closed = CLOSED.includes(status.status);
  const outcome = status.result?.outcome;
  const outcomeText =
    outcome === undefined ? undefined : t(`outcome.${outcome as 'approved'}`, { defaultValue: outcome });
  const caseQuery = `?caseNo=${encodeURIComponent(status.caseNo)}`;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={3} style={{ fontSize: 18, marginTop: 0 }}>
          {t('result.heading')}
        </Typography.Title>
        <Descriptions column={1} size="small" colon={false} labelStyle={{ width: 96, color: '#4e5969' }}>
          <Descriptions.Item label={t('result.item')}>{status.itemName}</Descriptions.Item>
          <Descriptions.Item label={t('result.caseNo')}>{status.caseNo}</Descriptions.Item>
          <Descriptions.Item label={t('result.status')}>
            <span className={`applicant-badge ${badgeColour(status.status, negative)}`}>
              {t(`status.${status.status}`)}
            </span>
          </Descriptions.Item>
        </Descriptions>
      </Card>

      {status.correctionDeadline !== null && (
        <Alert
          type="warning"
          showIcon
          message={t('result.correctionBy', { date: formatDate(status.correctionDeadline, locale) })}
          description={t('result.correctionNote')}
        />
      )}

      <Card>
        <Typography.Title level={3} style={{ fontSize: 18, marginTop: 0 }}>
          {t('result.progress')}
        </Typography.Title>
        <ol className="applicant-steps">
          {steps.map((step) => (
            <Step key={step.key} step={step} locale={locale} />
          ))}
        </ol>
      </Card>

      <Card>
        <Typography.Title level={3} style={{ fontSize: 18, marginTop: 0 }}>
          {t('result.dates')}
        </Typography.Title>
        <Descriptions column={1} size="small" colon={false} labelStyle={{ width: 120, color: '#4e5969' }}>
          <Descriptions.Item label={t('result.submittedAt')}>
            {formatDateTime(status.submittedAt, locale)}
          </Descriptions.Item>
          {status.acceptedAt !== null && (
            <Descriptions.Item label={t('result.acceptedAt')}>
              {formatDateTime(status.acceptedAt, locale)}
            </Descriptions.Item>
          )}
          {status.promisedDeadline !== null && (
            <Descriptions.Item label={t('result.promisedDeadline')}>
              <Typography.Text strong>{formatDate(status.promisedDeadline, locale)}</Typography.Text>
            </Descriptions.Item>
          )}
          {status.decidedAt !== null && (
            <Descriptions.Item label={t('result.decidedAt')}>
              {formatDateTime(status.decidedAt, locale)}
            </Descriptions.Item>
          )}
          {status.deliveredAt !== null && (
            <Descriptions.Item label={t('result.deliveredAt')}>
              {formatDateTime(status.deliveredAt, locale)}
            </Descriptions.Item>
          )}
        </Descriptions>
        {status.promisedDeadline !== null && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 13 }}>
            {t('result.promisedNote')}
          </Typography.Paragraph>
        )}
      </Card>

      {status.result !== null && (
        <Card>
          <Typography.Title level={3} style={{ fontSize: 18, marginTop: 0 }}>
            {t('result.outcome')}
          </Typography.Title>
          <Typography.Paragraph
            style={{ fontSize: 18, fontWeight: 600, color: negative ? '#a8071a' : '#135200' }}
          >
            {outcomeText}
          </Typography.Paragraph>
          {status.result.certificateName !== null && (
            <Descriptions column={1} size="small" colon={false} labelStyle={{ width: 120, color: '#4e5969' }}>
              <Descriptions.Item label={t('result.certificate')}>
                {status.result.certificateName}
              </Descriptions.Item>
              {status.result.certificateNumber !== null && (
                <Descriptions.Item label={t('result.certificateNumber')}>
                  {status.result.certificateNumber}
                </Descriptions.Item>
              )}
            </Descriptions>
          )}
          {negative && (
            <Alert
              type="info"
              showIcon
              message={outcome === 'refused' ? t('result.refusalNote') : t('result.declineNote')}
            />
          )}
        </Card>
      )}

      <Card>
        <Typography.Title level={3} style={{ fontSize: 18, marginTop: 0 }}>
          {t('result.after')}
        </Typography.Title>
        <Space direction="vertical" style={{ width: '100%' }}>
          {closed && (
            <LinkButton to={`${APPLICANT_PATHS.rating}${caseQuery}`} primary>
              {t('result.rate')}
            </LinkButton>
          )}
          <LinkButton to={`${APPLICANT_PATHS.complaint}${caseQuery}`}>{t('result.complain')}</LinkButton>
        </Space>
      </Card>
    </Space>
  );
}

function badgeColour(status: PublicStatus['status'], negative: boolean): string {
  if (negative || status === 'declined' || status === 'correction_expired') return 'red';
  if (status === 'correction_requested') return 'orange';
  return CLOSED.includes(status) ? 'green' : 'blue';
}

/** A link (it goes to another page) that looks like a large button, navigating inside the app. */
function LinkButton({ to, primary, children }: { to: string; primary?: boolean; children: ReactNode }) {
  const navigate = useNavigate();
  return (
    <Button
      type={primary ? 'primary' : 'default'}
      size="large"
      block
      href={to}
      onClick={(event) => {
        event.preventDefault();
        navigate(to);
      }}
      style={{ display: 'flex', alignItems: 'center', justifyContent: 'center' }}
    >
      {children}
    </Button>
  );
}

function Step({ step, locale }: { step: ProgressStep; locale: string }) {
  const { t } = useTranslation('applicant');
  const icon =
    step.state === 'finish' ? (
      <CheckOutlined />
    ) : step.state === 'error' ? (
      <CloseOutlined />
    ) : step.state === 'process' ? (
      <ClockCircleOutlined />
    ) : null;
  return (
    <li
      className={`applicant-step ${step.state}`}
      aria-current={step.state === 'process' ? 'step' : undefined}
    >
      <span className="applicant-step-mark" aria-hidden="true">
        {icon}
      </span>
      <div>
        <div className="applicant-step-title">
          {t(`steps.${step.key}`)}
          <span className="visually-hidden">
            {t('stepStateLabel', { state: t(`stepState.${step.state}`) })}
          </span>
        </div>
        {step.at !== null && <div className="applicant-step-date">{formatDateTime(step.at, locale)}</div>}
      </div>
    </li>
  );
}
