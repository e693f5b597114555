import { monitoring } from '@docket/contracts';
import { Alert, App, Form, Input, Modal, Radio, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, newIdempotencyKey } from '../../../api/client';
import { problemText } from '../../../api/problem-text';
import { useLoad } from '../../../api/use-call';
import { requiredRule } from '../../../forms/rules';
import { AffectedCases } from './AffectedCases';
import type { CalendarDay } from './year-days';

type Becomes = 'holiday' | 'workday' | 'normal';
interface DayForm {
  becomes: Becomes;
  name?: string;
  reason?: string;
}

const becomesOf = (day: CalendarDay): Becomes =>
  day.kind === 'holiday' ? 'holiday' : day.kind === 'workday' ? 'workday' : 'normal';

/**
 * One day of the grid: in a published year a change (audited, with its reason) made only after the open
 * cases it may touch are on screen; in a draft, the day's place in the schedule to be published.
 */
export function DayDialog({
  year,
  day,
  draft,
  dateLabel,
  onDraft,
  onClose,
}: {
  year: number;
  day: CalendarDay;
  /** A year not yet published: the change goes into the draft, not to the server. */
  draft: boolean;
  dateLabel: string;
  onDraft: (becomes: Becomes, name?: string) => void;
  onClose: (changed: boolean) => void;
}) {
  const { t } = useTranslation('admin');
  const { t: common } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<DayForm>();
  const becomes = Form.useWatch('becomes', form) ?? becomesOf(day);
  const [key] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const affected = useLoad(
    async (signal) =>
      draft ? undefined : call(monitoring.calendarAffected, { params: { date: day.date } }, { signal }),
    [day.date, draft],
  );

  const submit = async () => {
    const values = await form.validateFields().catch(() => undefined);
    if (values === undefined) return;
    const name = values.becomes === 'normal' ? undefined : values.name?.trim();
    if (draft) {
      onDraft(values.becomes, name);
      onClose(true);
      return;
    }
    setBusy(true);
    setFailure(undefined);
    try {
      await call(
        monitoring.changeCalendarDay,
        {
          params: { year: String(year) },
          body: {
            date: day.date,
            becomes: values.becomes,
            ...(name ? { name } : {}),
            reason: values.reason?.trim() ?? '',
          },
        },
        { idempotencyKey: key },
      );
      void message.success(t('calendar.changed', { date: dateLabel }));
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
      width={draft ? 520 : 900}
      title={t(draft ? 'calendar.draftTitle' : 'calendar.changeTitle', { date: dateLabel })}
      okText={draft ? common('actions.confirm') : t('calendar.confirmChange')}
      // Confirming waits for the affected cases: the administrator sees them before the change is made.
      okButtonProps={{
        disabled: busy || (!draft && affected.data === undefined && affected.error === undefined),
      }}
      cancelText={common('actions.cancel')}
      onOk={() => void submit()}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {t('calendar.currently', { kind: t(`calendar.kind.${day.kind}`) })}
        {day.name ? `（${day.name}）` : ''}
      </Typography.Paragraph>
      <Form<DayForm>
        form={form}
        layout="vertical"
        initialValues={{ becomes: becomesOf(day), name: day.name }}
      >
        {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 12 }} />}
        <Form.Item name="becomes" label={t('calendar.becomes')}>
          <Radio.Group
            options={(['holiday', 'workday', 'normal'] as const).map((b) => ({
              value: b,
              label: t(`calendar.becomesOption.${b}`),
            }))}
          />
        </Form.Item>
        {becomes !== 'normal' && (
          <Form.Item
            name="name"
            label={t('calendar.dayName')}
            rules={[requiredRule(t('required', { label: t('calendar.dayName') }))]}
          >
            <Input maxLength={100} placeholder={t('calendar.dayNamePlaceholder')} />
          </Form.Item>
        )}
        {!draft && (
          <Form.Item
            name="reason"
            label={t('calendar.reason')}
            rules={[requiredRule(t('required', { label: t('calendar.reason') }))]}
          >
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        )}
      </Form>
      {!draft && <AffectedCases affected={affected} />}
    </Modal>
  );
}
