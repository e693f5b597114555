import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { monitoring } from '@docket/contracts';
import type { OfficePeriod } from '@docket/domain';
import { Alert, App, Button, Form, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, newIdempotencyKey } from '../../../api/client';
import { problemText } from '../../../api/problem-text';
import { requiredRule } from '../../../forms/rules';

const CLOCK_TIME = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

/** 办公时间: the year's office periods (audited, with a reason); the domain refuses overlapping ones. */
export function OfficeHoursDialog({
  year,
  officeHours,
  onClose,
}: {
  year: number;
  officeHours: OfficePeriod[];
  onClose: (changed: boolean) => void;
}) {
  const { t } = useTranslation('admin');
  const { t: common } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ periods: OfficePeriod[]; reason: string }>();
  const [key] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const timeRule = { pattern: CLOCK_TIME, message: t('calendar.timeFormat') };

  const submit = async () => {
    const values = await form.validateFields().catch(() => undefined);
    if (values === undefined) return;
    setBusy(true);
    setFailure(undefined);
    try {
      await call(
        monitoring.setOfficeHours,
        {
          params: { year: String(year) },
          body: { officeHours: values.periods, reason: values.reason.trim() },
        },
        { idempotencyKey: key },
      );
      void message.success(t('calendar.officeHoursSaved'));
      onClose(true);
    } catch (error) {
      setFailure(problemText(error, common));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('calendar.editOfficeHours')}
      okText={common('actions.confirm')}
      okButtonProps={{ disabled: busy }}
      cancelText={common('actions.cancel')}
      onOk={() => void submit()}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ periods: officeHours.map((p) => ({ ...p })) }}>
        {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 12 }} />}
        <Form.List name="periods">
          {(fields, { add, remove }) => (
            <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }}>
              {fields.map((field, index) => (
                <Space key={field.key} align="start">
                  <Form.Item name={[field.name, 'from']} noStyle rules={[timeRule]}>
                    <Input aria-label={t('calendar.periodFrom', { n: index + 1 })} style={{ width: 100 }} />
                  </Form.Item>
                  <span aria-hidden>–</span>
                  <Form.Item name={[field.name, 'to']} noStyle rules={[timeRule]}>
                    <Input aria-label={t('calendar.periodTo', { n: index + 1 })} style={{ width: 100 }} />
                  </Form.Item>
                  <Button
                    icon={<DeleteOutlined />}
                    aria-label={t('calendar.removePeriod', { n: index + 1 })}
                    disabled={fields.length === 1}
                    onClick={() => remove(field.name)}
                  />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ from: '', to: '' })}>
                {t('calendar.addPeriod')}
              </Button>
            </Space>
          )}
        </Form.List>
        <Form.Item
          name="reason"
          label={t('calendar.reason')}
          rules={[requiredRule(t('required', { label: t('calendar.reason') }))]}
        >
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
