import { supervision } from '@docket/contracts';
import { Alert, Button, Card, Form, Input, Result } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { ApiError, call, newIdempotencyKey } from '../../api/client';
import { problemText } from '../../api/problem-text';
import { ApplicantFrame, PageTitle } from './ApplicantFrame';
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
    <ApplicantFrame>
      <PageTitle title={t('rating.title')} intro={t('rating.intro')} />
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
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const [done, setDone] = useState<{ caseNo: string; level: Level }>();
  // One key per rating the user sends: kept while they retry the same one.
  const key = useRef<{ fingerprint: string; key: string }>();

  const send = async (values: RatingForm) => {
    const caseNo = values.caseNo.trim();
    const comment = values.comment?.trim();
    const data = { level: values.level, ...(comment ? { comment } : {}) };
    const fingerprint = JSON.stringify([caseNo, data]);
    if (key.current?.fingerprint !== fingerprint) key.current = { fingerprint, key: newIdempotencyKey() };
    setBusy(true);
    setFailure(undefined);
    try {
      await call(
        supervision.rateService,
        { params: { caseNo }, body: data },
        { idempotencyKey: key.current.key },
      );
      setDone({ caseNo, level: values.level });
    } catch (error) {
      setFailure(ratingFailure(error));
    } finally {
      setBusy(false);
    }
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
      <Card>
        <Result
          status="success"
          title={<span role="status">{t('rating.done')}</span>}
          subTitle={
            <>
              {t('rating.doneDetail', { caseNo: done.caseNo, level: t(`rating.levels.${done.level}`) })}
              {done.level >= 4 && (
                <>
                  <br />
                  {t('rating.doneBad')}
                </>
              )}
            </>
          }
        />
      </Card>
    );

  return (
    <Card>
      <Form<RatingForm>
        form={form}
        layout="vertical"
        size="large"
        requiredMark={false}
        initialValues={{ caseNo: params.get('caseNo') ?? '' }}
        onFinish={(values) => void send(values)}
        onValuesChange={() => setFailure(undefined)}
      >
        <Form.Item
          name="caseNo"
          label={t('rating.caseNo')}
          rules={[{ required: true, whitespace: true, message: t('lookup.caseNoRequired') }]}
        >
          <Input
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            placeholder={t('lookup.caseNoPlaceholder')}
          />
        </Form.Item>
        <Form.Item
          name="level"
          label={<span id="rating-level-label">{t('rating.level')}</span>}
          rules={[{ required: true, message: t('rating.levelRequired') }]}
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
        <div aria-live="polite">
          {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 16 }} />}
        </div>
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('rating.submit')}
        </Button>
      </Form>
    </Card>
  );
}
