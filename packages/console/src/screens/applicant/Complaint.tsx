import { supervision } from '@docket/contracts';
import type { Actor } from '@docket/domain';
import { Alert, Button, Card, Form, Input, Result } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { ApiError, call, newIdempotencyKey } from '../../api/client';
import { problemText } from '../../api/problem-text';
import { formatDate } from '../../format';
import { ApplicantFrame, PageTitle } from './ApplicantFrame';
import { ApplicantGate } from './ApplicantSignIn';
import { Choices } from './Choices';

const TYPES = ['delay', 'inaction', 'misconduct', 'other'] as const;
type ComplaintType = (typeof TYPES)[number];

interface ComplaintForm {
  caseNo: string;
  type: ComplaintType;
  name: string;
  phone?: string;
  content: string;
}

/**
 * 投诉 (`/status/complaint?caseNo=`): an applicant complains online in their own name (the API's policy:
 * an applicant sends a complaint online only, as themself; staff take down the other channels). The
 * complaint names the case; the service files it against the case's department.
 */
export default function ComplaintPage() {
  const { t } = useTranslation('applicant');
  return (
    <ApplicantFrame>
      <PageTitle title={t('complaint.title')} intro={t('complaint.intro')} />
      <ApplicantGate>{(applicant) => <ComplaintFormCard applicant={applicant} />}</ApplicantGate>
    </ApplicantFrame>
  );
}

function ComplaintFormCard({ applicant }: { applicant: Actor }) {
  const { t, i18n } = useTranslation('applicant');
  const { t: common } = useTranslation();
  const [params] = useSearchParams();
  const [form] = Form.useForm<ComplaintForm>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const [done, setDone] = useState<{ id: string; acceptBy?: string }>();
  const key = useRef<{ fingerprint: string; key: string }>();

  const send = async (values: ComplaintForm) => {
    const phone = values.phone?.trim();
    const body = {
      channel: 'online' as const,
      type: values.type,
      subject: { caseNo: values.caseNo.trim() },
      complainant: { name: values.name.trim(), ...(phone ? { phone } : {}) },
      content: values.content.trim(),
    };
    const fingerprint = JSON.stringify(body);
    if (key.current?.fingerprint !== fingerprint) key.current = { fingerprint, key: newIdempotencyKey() };
    setBusy(true);
    setFailure(undefined);
    try {
      const reply = await call(supervision.submitComplaint, { body }, { idempotencyKey: key.current.key });
      // The complainant may read their own complaint: its acceptance deadline, in working days.
      const view = await call(supervision.complaint, { params: { id: reply.id } }).catch(() => undefined);
      const acceptBy = view?.complaint.acceptBy;
      setDone({ id: reply.id, ...(typeof acceptBy === 'string' ? { acceptBy } : {}) });
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) setFailure(t('complaint.unknownCase'));
      else setFailure(problemText(error, common));
    } finally {
      setBusy(false);
    }
  };

  if (done !== undefined)
    return (
      <Card>
        <Result
          status="success"
          title={<span role="status">{t('complaint.done')}</span>}
          subTitle={
            <>
              {t('complaint.doneDetail', { id: done.id })}
              {done.acceptBy !== undefined && (
                <>
                  <br />
                  {t('complaint.acceptBy', { date: formatDate(done.acceptBy, i18n.language) })}
                </>
              )}
            </>
          }
        />
      </Card>
    );

  return (
    <Card>
      <Form<ComplaintForm>
        form={form}
        layout="vertical"
        size="large"
        requiredMark={false}
        initialValues={{ caseNo: params.get('caseNo') ?? '', name: applicant.name }}
        onFinish={(values) => void send(values)}
        onValuesChange={() => setFailure(undefined)}
      >
        <Form.Item
          name="caseNo"
          label={t('complaint.caseNo')}
          extra={t('complaint.caseNoHelp')}
          rules={[{ required: true, whitespace: true, message: t('complaint.caseNoRequired') }]}
        >
          <Input
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            placeholder={t('lookup.caseNoPlaceholder')}
          />
        </Form.Item>
        <Form.Item
          name="type"
          label={<span id="complaint-type-label">{t('complaint.type')}</span>}
          rules={[{ required: true, message: t('complaint.typeRequired') }]}
        >
          <Choices
            labelId="complaint-type-label"
            options={TYPES.map((value) => ({ value, label: t(`complaint.types.${value}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('complaint.name')}
          rules={[{ required: true, whitespace: true, message: t('complaint.nameRequired') }]}
        >
          <Input autoComplete="name" maxLength={200} />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('complaint.phone')}
          extra={t('complaint.phoneHelp')}
          rules={[{ pattern: /^[0-9+\-\s]{5,32}$/, message: t('complaint.phoneInvalid') }]}
        >
          <Input type="tel" inputMode="tel" autoComplete="tel" maxLength={32} />
        </Form.Item>
        <Form.Item
          name="content"
          label={t('complaint.content')}
          rules={[{ required: true, whitespace: true, message: t('complaint.contentRequired') }]}
        >
          <Input.TextArea
            rows={5}
            maxLength={8000}
            showCount
            placeholder={t('complaint.contentPlaceholder')}
          />
        </Form.Item>
        <div aria-live="polite">
          {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 16 }} />}
        </div>
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('complaint.submit')}
        </Button>
      </Form>
    </Card>
  );
}
