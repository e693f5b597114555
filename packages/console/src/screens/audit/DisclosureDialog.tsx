import { audit, PERSONAL_DATA_FIELDS, type PersonalDataField, type ReplyOf } from '@docket/contracts';
import { Alert, Checkbox, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, newIdempotencyKey } from '../../api/client';
import { problemText } from '../../api/problem-text';
import { requiredRule } from '../../forms/rules';

export type Disclosure = ReplyOf<typeof audit.disclose>;

/**
 * 个人信息披露: the auditor names what to unmask and why; the API records the disclosure in the ledger
 * before it answers the values, so the reason is required here as there.
 */
export function DisclosureDialog({
  caseNo,
  onClose,
}: {
  caseNo: string;
  onClose: (disclosure?: Disclosure, reason?: string) => void;
}) {
  const { t } = useTranslation('audit');
  const { t: common } = useTranslation();
  const [form] = Form.useForm<{ fields: PersonalDataField[]; reason: string }>();
  // One key per user action: a retry after a lost answer is answered from the first disclosure.
  const [key] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();

  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    setFailure(undefined);
    try {
      const reply = await call(
        audit.disclose,
        { params: { caseNo }, body: { reason: values.reason.trim(), fields: values.fields } },
        { idempotencyKey: key },
      );
      onClose(reply, values.reason.trim());
    } catch (error) {
      setFailure(problemText(error, common));
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('disclose.title', { caseNo })}
      okText={t('disclose.submit')}
      cancelText={common('actions.cancel')}
      okButtonProps={{ disabled: busy }}
      onOk={() => void submit()}
      onCancel={() => onClose()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('disclose.note')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ fields: [...PERSONAL_DATA_FIELDS] }}>
        {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 12 }} />}
        <Form.Item
          name="fields"
          label={t('disclose.fields')}
          rules={[requiredRule(t('disclose.fieldsRequired'))]}
        >
          <Checkbox.Group
            options={PERSONAL_DATA_FIELDS.map((field) => ({
              value: field,
              label: t(`disclose.field.${field}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('disclose.reason')}
          rules={[requiredRule(t('disclose.reasonRequired'))]}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
