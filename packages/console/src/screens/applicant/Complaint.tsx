import { supervision } from '@docket/contracts';
import { type Actor, checkPhoneNumber } from '@docket/domain';
import { Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { ApiError, call } from '../../api/client';
import { problemText } from '../../api/problem-text';
import { formatDate } from '../../format';
import { requiredRule } from '../../forms/rules';
import { ApplicantFormCard, CaseNoField, SentCard, useApplicantSend } from './ApplicantForm';
import { ApplicantFrame } from './ApplicantFrame';
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
    <ApplicantFrame title={t('complaint.title')} intro={t('complaint.intro')}>
      <ApplicantGate>{(applicant) => <ComplaintFormCard applicant={applicant} />}</ApplicantGate>
    </ApplicantFrame>
  );
}

function ComplaintFormCard({ applicant }: { applicant: Actor }) {
  const { t, i18n } = useTranslation('applicant');
  const { t: common } = useTranslation();
  const [params] = useSearchParams();
  const [form] = Form.useForm<ComplaintForm>();
  const { busy, failure, clearFailure, send } = useApplicantSend();
  const [done, setDone] = useState<{ id: string; acceptBy?: string }>();

  const submit = (values: ComplaintForm) => {
    const phone = values.phone?.trim();
    const body = {
      channel: 'online' as const,
      type: values.type,
      subject: { caseNo: values.caseNo.trim() },
      complainant: { name: values.name.trim(), ...(phone ? { phone } : {}) },
      content: values.content.trim(),
    };
    return send(
      body,
      async (idempotencyKey) => {
        const reply = await call(supervision.submitComplaint, { body }, { idempotencyKey });
        // The complainant may read their own complaint: its acceptance deadline, in working days.
        const view = await call(supervision.complaint, { params: { id: reply.id } }).catch(() => undefined);
        const acceptBy = view?.complaint.acceptBy;
        setDone({ id: reply.id, ...(typeof acceptBy === 'string' ? { acceptBy } : {}) });
      },
      (error) =>
        error instanceof ApiError && error.status === 404
          ? t('complaint.unknownCase')
          : problemText(error, common),
    );
  };

  if (done !== undefined)
    return (
      <SentCard title={t('complaint.done')}>
        {t('complaint.doneDetail', { id: done.id })}
        {done.acceptBy !== undefined && (
          <>
            <br />
            {t('complaint.acceptBy', { date: formatDate(done.acceptBy, i18n.language) })}
          </>
        )}
      </SentCard>
    );

  return (
    <ApplicantFormCard<ComplaintForm>
      form={form}
      initialValues={{ caseNo: params.get('caseNo') ?? '', name: applicant.name }}
      onSubmit={(values) => void submit(values)}
      onEdit={clearFailure}
      failure={failure}
      busy={busy}
      submitLabel={t('complaint.submit')}
    >
      <CaseNoField
        label={t('complaint.caseNo')}
        extra={t('complaint.caseNoHelp')}
        requiredMessage={t('complaint.caseNoRequired')}
      />
      <Form.Item
        name="type"
        label={<span id="complaint-type-label">{t('complaint.type')}</span>}
        rules={[requiredRule(t('complaint.typeRequired'))]}
      >
        <Choices
          labelId="complaint-type-label"
          options={TYPES.map((value) => ({ value, label: t(`complaint.types.${value}`) }))}
        />
      </Form.Item>
      <Form.Item name="name" label={t('complaint.name')} rules={[requiredRule(t('complaint.nameRequired'))]}>
        <Input autoComplete="name" maxLength={200} />
      </Form.Item>
      <Form.Item
        name="phone"
        label={t('complaint.phone')}
        extra={t('complaint.phoneHelp')}
        rules={[
          {
            // The domain's rule for a complainant's phone: any phone number (shared/identity-numbers.ts).
            validator: (_rule, value: unknown) =>
              typeof value !== 'string' ||
              value.trim() === '' ||
              checkPhoneNumber(value.normalize('NFC').trim()).ok
                ? Promise.resolve()
                : Promise.reject(new Error(t('complaint.phoneInvalid'))),
          },
        ]}
      >
        <Input type="tel" inputMode="tel" autoComplete="tel" maxLength={32} />
      </Form.Item>
      <Form.Item
        name="content"
        label={t('complaint.content')}
        rules={[requiredRule(t('complaint.contentRequired'))]}
      >
        <Input.TextArea rows={5} maxLength={8000} showCount placeholder={t('complaint.contentPlaceholder')} />
      </Form.Item>
    </ApplicantFormCard>
  );
}
