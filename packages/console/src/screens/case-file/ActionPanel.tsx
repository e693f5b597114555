import { review } from '@docket/contracts';
import type { Actor, OpenReviewState } from '@docket/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, newIdempotencyKey } from '../../api/client';
import { problemText } from '../../api/problem-text';
import { requiredRule } from '../../forms/rules';
import { availableActions, type ReviewAction } from './permissions';

const PROCEDURES = ['hearing', 'expert_review', 'testing', 'site_survey', 'suspension'] as const;

interface Values {
  opinion?: string;
  reason?: string;
  returnToStep?: number;
  outcome?: 'approved' | 'refused';
  certificateName?: string;
  certificateNumber?: string;
  validUntil?: string;
  answer?: 'agree' | 'disagree' | 'agree_forward_up';
  summary?: string;
  kind?: (typeof PROCEDURES)[number];
  expectedEnd?: string;
  result?: string;
  workingDays?: number;
  authority?: string;
}

const trimmed = (text: string | undefined) => text?.trim() || undefined;

/** The case file's action panel: only what this user may do on this case now (the rest is not shown). */
export function ActionPanel({
  actor,
  state,
  revision,
  now,
  onDone,
}: {
  actor: Actor;
  state: OpenReviewState;
  revision: string | null;
  /** The time the panel judges deadlines by (an extension is offered only within the statutory limit). */
  now?: Date;
  onDone: () => void;
}) {
  const { t } = useTranslation('caseFile');
  const actions = availableActions(actor, state, now?.toISOString());
  const [open, setOpen] = useState<ReviewAction>();
  const active = state.main.activeStep === null ? undefined : state.main.steps[state.main.activeStep];
  const primary: ReviewAction[] = ['pass', 'decide', 'answerJoint', 'consolidate'];

  return (
    <Card
      className="no-print"
      title={<h3 style={{ margin: 0, fontSize: 16 }}>{t('actions.title')}</h3>}
      size="small"
    >
      {active && state.outcome === undefined && (
        <Typography.Paragraph>{t('actions.stepOf', { step: active.name })}</Typography.Paragraph>
      )}
      {actions.length === 0 ? (
        <Typography.Text type="secondary">{t('actions.nothing')}</Typography.Text>
      ) : (
        <Space wrap>
          {actions.map((action) => (
            <Button
              key={action}
              type={primary.includes(action) ? 'primary' : 'default'}
              danger={action === 'return'}
              onClick={() => setOpen(action)}
            >
              {t(`actions.${action}`)}
            </Button>
          ))}
        </Space>
      )}
      {open && (
        <ActionModal
          action={open}
          actor={actor}
          state={state}
          revision={revision}
          onClose={(done) => {
            setOpen(undefined);
            if (done) onDone();
          }}
        />
      )}
    </Card>
  );
}

function ActionModal({
  action,
  actor,
  state,
  revision,
  onClose,
}: {
  action: ReviewAction;
  actor: Actor;
  state: OpenReviewState;
  revision: string | null;
  onClose: (done: boolean) => void;
}) {
  const { t } = useTranslation('caseFile');
  const { t: common } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  // One key per user action: a retry after a failure sends the same key.
  const [key] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const outcome = Form.useWatch('outcome', form);
  const answer = Form.useWatch('answer', form);
  const caseNo = state.caseNo;
  const params = { caseNo };
  const options = { idempotencyKey: key, ...(revision === null ? {} : { ifMatch: revision }) };
  const stepIndex = state.main.activeStep ?? 0;
  const anyDisagreed = state.coHandlers.some((task) => task.answer?.answer === 'disagree');
  const maxDays = state.category === 'joint' ? 15 : 10;

  const send = async (values: Values) => {
    switch (action) {
      case 'pass':
        return call(
          review.completeStep,
          {
            params,
            body: {
              stepIndex,
              outcome: 'pass',
              ...(trimmed(values.opinion) ? { opinion: trimmed(values.opinion) } : {}),
            },
          },
          options,
        );
      case 'return':
        return call(
          review.completeStep,
          {
            params,
            body: {
              stepIndex,
              outcome: 'return',
              returnToStep: values.returnToStep ?? stepIndex - 1,
              opinion: values.opinion ?? '',
            },
          },
          options,
        );
      case 'decide':
        return call(
          review.decide,
          {
            params,
            body:
              values.outcome === 'refused'
                ? { outcome: 'refused', opinion: values.opinion ?? '', reason: values.reason ?? '' }
                : {
                    outcome: 'approved',
                    opinion: values.opinion ?? '',
                    certificate: {
                      name: values.certificateName ?? '',
                      number: values.certificateNumber ?? '',
                      ...(trimmed(values.validUntil) ? { validUntil: trimmed(values.validUntil) } : {}),
                    },
                  },
          },
          options,
        );
      case 'answerJoint':
        return call(
          review.answerJointOpinion,
          {
            params,
            body: {
              department: actor.department ?? '',
              answer: values.answer ?? 'agree',
              ...(trimmed(values.reason) ? { reason: trimmed(values.reason) } : {}),
            },
          },
          options,
        );
      case 'consolidate':
        return call(
          review.consolidateJointOpinions,
          {
            params,
            body: {
              summary: values.summary ?? '',
              opinion: values.opinion ?? '',
              ...(trimmed(values.reason) ? { reason: trimmed(values.reason) } : {}),
            },
          },
          options,
        );
      case 'startProcedure':
        return call(
          review.startSpecialProcedure,
          {
            params,
            body: {
              kind: values.kind ?? 'hearing',
              reason: values.reason ?? '',
              ...(trimmed(values.expectedEnd)
                ? { expectedEnd: `${trimmed(values.expectedEnd)}T17:30:00+08:00` }
                : {}),
            },
          },
          options,
        );
      case 'endProcedure':
        return call(review.endSpecialProcedure, { params, body: { result: values.result ?? '' } }, options);
      case 'extend':
        return call(
          review.approveExtension,
          { params, body: { workingDays: values.workingDays ?? 1, reason: values.reason ?? '' } },
          options,
        );
      case 'forwardUp':
        return call(
          review.forwardUp,
          { params, body: { authority: values.authority ?? '', reason: values.reason ?? '' } },
          options,
        );
    }
  };

  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    setFailure(undefined);
    try {
      await send(values);
      void message.success(t('actions.done'));
      onClose(true);
    } catch (error) {
      setFailure(problemText(error, common));
    } finally {
      setBusy(false);
    }
  };

  const stepName = state.main.steps[stepIndex]?.name ?? '';
  const opinionField = (mandatory: boolean) => (
    <Form.Item
      name="opinion"
      label={t('form.opinion')}
      rules={mandatory ? [requiredRule(t('form.opinionRequired'))] : []}
    >
      <Input.TextArea rows={4} maxLength={4000} />
    </Form.Item>
  );
  const reasonField = (mandatory: boolean, label = t('form.reason')) => (
    <Form.Item name="reason" label={label} rules={mandatory ? [requiredRule(t('form.reasonRequired'))] : []}>
      <Input.TextArea rows={3} maxLength={4000} />
    </Form.Item>
  );

  return (
    <Modal
      open
      title={`${t(`actions.${action}`)} · ${caseNo}${action === 'pass' || action === 'return' ? ` · ${stepName}` : ''}`}
      okText={common('actions.submit')}
      cancelText={common('actions.cancel')}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={() => onClose(false)}
      destroyOnHidden
      width={600}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          outcome: 'approved',
          answer: 'agree',
          kind: 'hearing',
          workingDays: 5,
          returnToStep: Math.max(0, stepIndex - 1),
        }}
      >
        {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 12 }} />}
        {action === 'pass' && opinionField(false)}
        {action === 'return' && (
          <>
            <Form.Item name="returnToStep" label={t('form.returnTo')}>
              <Select
                options={state.main.steps
                  .filter((step) => step.index < stepIndex)
                  .map((step) => ({ value: step.index, label: step.name }))}
              />
            </Form.Item>
            {opinionField(true)}
          </>
        )}
        {action === 'decide' && (
          <>
            <Form.Item name="outcome" label={t('form.outcome')}>
              <Radio.Group
                options={[
                  { value: 'approved', label: t('form.approved') },
                  { value: 'refused', label: t('form.refused') },
                ]}
              />
            </Form.Item>
            {opinionField(true)}
            {outcome === 'refused' ? (
              reasonField(true, t('form.refusalReason'))
            ) : (
              <>
                <Form.Item
                  name="certificateName"
                  label={t('form.certificateName')}
                  rules={[requiredRule(t('form.certificateRequired'))]}
                  initialValue={state.item.name}
                >
                  <Input maxLength={200} />
                </Form.Item>
                <Form.Item
                  name="certificateNumber"
                  label={t('form.certificateNumber')}
                  rules={[requiredRule(t('form.certificateRequired'))]}
                >
                  <Input maxLength={100} />
                </Form.Item>
                <Form.Item name="validUntil" label={t('form.validUntil')}>
                  <Input type="date" />
                </Form.Item>
              </>
            )}
          </>
        )}
        {action === 'answerJoint' && (
          <>
            <Form.Item name="answer" label={t('form.answer')}>
              <Radio.Group
                options={(['agree', 'disagree', 'agree_forward_up'] as const).map((value) => ({
                  value,
                  label: t(`steps.answer.${value}`),
                }))}
              />
            </Form.Item>
            {reasonField(answer !== 'agree')}
          </>
        )}
        {action === 'consolidate' && (
          <>
            <Form.Item
              name="summary"
              label={t('form.summary')}
              rules={[requiredRule(t('form.requiredField'))]}
            >
              <Input.TextArea rows={3} maxLength={4000} />
            </Form.Item>
            {opinionField(true)}
            {reasonField(anyDisagreed)}
          </>
        )}
        {action === 'startProcedure' && (
          <>
            <Form.Item name="kind" label={t('form.kind')}>
              <Select options={PROCEDURES.map((kind) => ({ value: kind, label: t(`procedure.${kind}`) }))} />
            </Form.Item>
            {reasonField(true)}
            <Form.Item name="expectedEnd" label={t('form.expectedEnd')}>
              <Input type="date" />
            </Form.Item>
          </>
        )}
        {action === 'endProcedure' && (
          <Form.Item name="result" label={t('form.result')} rules={[requiredRule(t('form.resultRequired'))]}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
        )}
        {action === 'extend' && (
          <>
            <Form.Item
              name="workingDays"
              label={t('form.workingDays')}
              extra={t('form.maxDays', { count: maxDays })}
              rules={[requiredRule(t('form.requiredField'))]}
            >
              <InputNumber min={1} max={maxDays} precision={0} />
            </Form.Item>
            {reasonField(true)}
          </>
        )}
        {action === 'forwardUp' && (
          <>
            <Form.Item
              name="authority"
              label={t('form.authority')}
              rules={[requiredRule(t('form.authorityRequired'))]}
            >
              <Input maxLength={200} />
            </Form.Item>
            {reasonField(true)}
          </>
        )}
      </Form>
    </Modal>
  );
}
