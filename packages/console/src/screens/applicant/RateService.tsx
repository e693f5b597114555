import { supervision } from '@docket/contracts';
import { Alert, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { ApiError, call } from '../../api/client';
import { problemText } from '../../api/problem-text';
import { requiredRule } from '../../forms/rules';
import { ApplicantFormCard, CaseNoField, SentCard, useApplicantSend } from './ApplicantForm';
import { ApplicantFrame } from './ApplicantFrame';
import { ApplicantGate } from './ApplicantSignIn';
import { Choices } from './Choices';

const LEVELS = [1, 2, 3, 4, 5] as const;
type Level = (typeof LEVELS)[number];

interface RatingForm {
  caseNo: string;
  level: Level;
  comment?: string;
}

/**
 * 好差评 (`/status/rating?caseNo=`): the applicant rates their closed case, once. The API takes it from
 * the case's own applicant only (the account that applied online; a window application is rated at the
 * window, where the clerk keys in the paper rating), so the page asks the applicant to sign in first.
 */
export default function RateServicePage() {
  const { t } = useTranslation('applicant');
  return (
    <ApplicantFrame title={t('rating.title')} intro={t('rating.intro')}>
      <Alert type="info" showIcon message={t('rating.who')} style={{ marginBottom: 16 }} />
      <ApplicantGate>{() => <RatingFormCard />}</ApplicantGate>
    </ApplicantFrame>
  );
}

function RatingFormCard() {
  const { t } = useTranslation('applicant');
  const { t: common } = useTranslation();
  const [params] = useSearchParams();
  const [form] = Form.useForm<RatingForm>();
  const level = Form.useWatch('level', form);
  const { busy, failure, clearFailure, send } = useApplicantSend();
  const [done, setDone] = useState<{ caseNo: string; level: Level }>();

  const submit = (values: RatingForm) => {
    const caseNo = values.caseNo.trim();
    const comment = values.comment?.trim();
    const data = { level: values.level, ...(comment ? { comment } : {}) };
    return send(
      [caseNo, data],
      async (idempotencyKey) => {
        await call(supervision.rateService, { params: { caseNo }, body: data }, { idempotencyKey });
        setDone({ caseNo, level: values.level });
      },
      ratingFailure,
    );
  };

  const ratingFailure = (error: unknown): string => {
    if (error instanceof ApiError) {
      if (error.status === 403) return t('rating.notYours');
      if (error.status === 404) return t('rating.unknownCase');
      if (error.status === 409) return t('rating.alreadyRated');
      if (error.status === 422 && error.problem.code === 'CaseNotClosed') return t('rating.notClosed');
    }
    return problemText(error, common);
  };

  if (done !== undefined)
    return (
      <SentCard title={t('rating.done')}>
        {t('rating.doneDetail', { caseNo: done.caseNo, level: t(`rating.levels.${done.level}`) })}
        {done.level >= 4 && (
          <>
            <br />
            {t('rating.doneBad')}
          </>
        )}
      </SentCard>
    );

  return (
    <ApplicantFormCard<RatingForm>
      form={form}
      initialValues={{ caseNo: params.get('caseNo') ?? '' }}
      onSubmit={(values) => void submit(values)}
      onEdit={clearFailure}
      failure={failure}
      busy={busy}
      submitLabel={t('rating.submit')}
    >
      <CaseNoField label={t('rating.caseNo')} requiredMessage={t('lookup.caseNoRequired')} />
      <Form.Item
        name="level"
        label={<span id="rating-level-label">{t('rating.level')}</span>}
        rules={[requiredRule(t('rating.levelRequired'))]}
      >
        <Choices
          labelId="rating-level-label"
          options={LEVELS.map((value) => ({ value, label: t(`rating.levels.${value}`) }))}
        />
      </Form.Item>
      <Form.Item
        name="comment"
        label={t('rating.comment')}
        extra={level !== undefined && level >= 4 ? t('rating.commentBad') : undefined}
      >
        <Input.TextArea rows={4} maxLength={2000} showCount />
      </Form.Item>
    </ApplicantFormCard>
  );
}
