import { supervision } from '@docket/contracts';
import type { IssuedSupervisionOrderState } from '@docket/domain';
import { Form, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { requiredRule } from '../../forms/rules';
import { CommandDialog, type Sent, trimmed } from './CommandDialog';
import { scoredDepartments, useDepartments } from './directory';
import type { OrderAction } from './permissions';

interface IssueValues {
  department?: string;
  caseNo?: string;
  requirement?: string;
  replyWorkingDays?: number;
}

/** 督办: to a department (about one of its cases, if given), with a reply limit in working days. */
export function IssueOrderDialog({
  onClose,
  initial,
}: {
  onClose: (sent?: Sent & { id?: string }) => void;
  initial?: IssueValues;
}) {
  const { t } = useTranslation('supervision');
  const departments = useDepartments();
  return (
    <CommandDialog<IssueValues, Sent & { id?: string }>
      title={t('order.issue')}
      initialValues={{ replyWorkingDays: 5, ...initial }}
      onClose={onClose}
      send={(v, idempotencyKey) => {
        const caseNo = trimmed(v.caseNo);
        return call(
          supervision.issueSupervisionOrder,
          {
            body: {
              subject: { department: v.department ?? '', ...(caseNo ? { caseNo } : {}) },
              requirement: trimmed(v.requirement),
              replyWorkingDays: v.replyWorkingDays ?? 5,
            },
          },
          { idempotencyKey },
        );
      }}
    >
      <Form.Item
        name="department"
        label={t('order.dialog.department')}
        rules={[requiredRule(t('order.dialog.departmentRequired'))]}
      >
        <Select
          showSearch
          optionFilterProp="label"
          options={scoredDepartments(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
        />
      </Form.Item>
      <Form.Item name="caseNo" label={t('order.dialog.caseNo')}>
        <Input maxLength={64} />
      </Form.Item>
      <Form.Item
        name="requirement"
        label={t('order.dialog.requirement')}
        rules={[requiredRule(t('order.dialog.requirementRequired'))]}
      >
        <Input.TextArea rows={4} maxLength={8000} showCount />
      </Form.Item>
      <Form.Item
        name="replyWorkingDays"
        label={t('order.dialog.replyWorkingDays')}
        extra={t('order.dialog.replyWorkingDaysHelp')}
        rules={[{ required: true, type: 'integer', min: 1, max: 60 }]}
      >
        <InputNumber min={1} max={60} precision={0} style={{ width: 120 }} />
      </Form.Item>
    </CommandDialog>
  );
}

/** 反馈 by the department, or 办结 by the issuing side: each with the text the domain requires. */
export function OrderDialog({
  action,
  order,
  revision,
  onClose,
}: {
  action: OrderAction;
  order: IssuedSupervisionOrderState;
  revision: string | null;
  onClose: (sent?: Sent) => void;
}) {
  const { t } = useTranslation('supervision');
  const field = action === 'answer' ? 'answer' : 'conclusion';
  return (
    <CommandDialog<{ text?: string }>
      title={t(`order.actions.${action}`)}
      onClose={onClose}
      send={(v, idempotencyKey) => {
        const params = { id: order.id };
        const options = { idempotencyKey, ...(revision === null ? {} : { ifMatch: revision }) };
        return action === 'answer'
          ? call(supervision.answerSupervisionOrder, { params, body: { answer: trimmed(v.text) } }, options)
          : call(
              supervision.closeSupervisionOrder,
              { params, body: { conclusion: trimmed(v.text) } },
              options,
            );
      }}
    >
      <Form.Item
        name="text"
        label={t(`order.dialog.${field}`)}
        rules={[requiredRule(t(`order.dialog.${field}Required`))]}
      >
        <Input.TextArea rows={5} maxLength={8000} showCount />
      </Form.Item>
    </CommandDialog>
  );
}
