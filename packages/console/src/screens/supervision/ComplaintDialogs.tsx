import { supervision } from '@docket/contracts';
import type { AccountabilityMeasure, SubmittedComplaintState } from '@docket/domain';
import { Alert, Form, Input, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { requiredRule } from '../../forms/rules';
import { CommandDialog, type Sent, trimmed } from './CommandDialog';
import { scoredDepartments, useDepartments } from './directory';
import type { ComplaintAction } from './permissions';

interface Values {
  reason?: string;
  notes?: string;
  substantiated?: boolean;
  finding?: string;
  targetKind?: 'department' | 'officer';
  department?: string;
  officerId?: string;
  officerName?: string;
  measure?: AccountabilityMeasure;
  reply?: string;
}

const MEASURES = [
  'criticism',
  'circulated_criticism',
  'rectification_order',
  'admonition',
  'warning',
  'other',
] as const;

/** The dialog of one complaint action, with the fields its command requires and the reason the domain wants. */
export function ComplaintDialog({
  action,
  complaint,
  revision,
  onClose,
}: {
  action: ComplaintAction;
  complaint: SubmittedComplaintState;
  revision: string | null;
  onClose: (sent?: Sent) => void;
}) {
  const { t } = useTranslation('supervision');
  const departments = useDepartments();
  const [form] = Form.useForm<Values>();
  const targetKind = Form.useWatch('targetKind', form);
  const params = { id: complaint.id };
  const late = Date.now() > Date.parse(complaint.acceptBy);

  const send = (v: Values, idempotencyKey: string): Promise<Sent> => {
    const options = { idempotencyKey, ...(revision === null ? {} : { ifMatch: revision }) };
    switch (action) {
      case 'accept':
        return call(supervision.acceptComplaint, { params, body: { reason: trimmed(v.reason) } }, options);
      case 'decline':
        return call(supervision.declineComplaint, { params, body: { reason: trimmed(v.reason) } }, options);
      case 'investigate':
        return call(supervision.recordInvestigation, { params, body: { notes: trimmed(v.notes) } }, options);
      case 'finding':
        return call(
          supervision.recordFinding,
          { params, body: { substantiated: v.substantiated === true, finding: trimmed(v.finding) } },
          options,
        );
      case 'accountability':
        return call(
          supervision.decideAccountability,
          {
            params,
            body: {
              against:
                v.targetKind === 'officer'
                  ? {
                      department: v.department ?? '',
                      officerId: trimmed(v.officerId),
                      officerName: trimmed(v.officerName),
                    }
                  : { department: v.department ?? '' },
              measure: v.measure ?? 'other',
              reason: trimmed(v.reason),
            },
          },
          options,
        );
      case 'reply':
        return call(supervision.replyToComplainant, { params, body: { reply: trimmed(v.reply) } }, options);
    }
  };

  const text = (name: keyof Values, label: string, required: string, rows = 4) => (
    <Form.Item name={name} label={label} rules={[requiredRule(required)]}>
      <Input.TextArea rows={rows} maxLength={name === 'reason' ? 4000 : 8000} showCount />
    </Form.Item>
  );

  return (
    <CommandDialog<Values>
      title={t(`complaint.actions.${action}`)}
      send={send}
      onClose={onClose}
      form={form}
      initialValues={
        action === 'accountability'
          ? {
              targetKind: 'department',
              ...(complaint.subject.department ? { department: complaint.subject.department } : {}),
            }
          : {}
      }
    >
      {(action === 'accept' || action === 'decline') && late && (
        <Alert
          type="warning"
          showIcon
          message={t('complaint.dialog.lateWarning')}
          style={{ marginBottom: 12 }}
        />
      )}
      {action === 'accept' && text('reason', t('complaint.dialog.acceptReason'), t('reasonRequired'), 3)}
      {action === 'decline' && text('reason', t('complaint.dialog.declineReason'), t('reasonRequired'), 3)}
      {action === 'investigate' &&
        text('notes', t('complaint.dialog.notes'), t('complaint.dialog.notesRequired'))}
      {action === 'finding' && (
        <>
          <Form.Item
            name="substantiated"
            label={t('complaint.dialog.substantiated')}
            rules={[{ required: true, message: t('complaint.dialog.substantiatedRequired') }]}
          >
            <Radio.Group
              options={[
                { value: true, label: t('complaint.dialog.yes') },
                { value: false, label: t('complaint.dialog.no') },
              ]}
            />
          </Form.Item>
          {text('finding', t('complaint.dialog.finding'), t('complaint.dialog.findingRequired'))}
        </>
      )}
      {action === 'accountability' && (
        <>
          <Form.Item
            name="targetKind"
            label={t('complaint.dialog.targetKind')}
            rules={[{ required: true, message: t('complaint.dialog.targetRequired') }]}
          >
            <Radio.Group
              options={[
                { value: 'department', label: t('complaint.dialog.targetDepartment') },
                { value: 'officer', label: t('complaint.dialog.targetOfficer') },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="department"
            label={t('complaint.dialog.department')}
            rules={[requiredRule(t('complaint.dialog.departmentRequired'))]}
          >
            <Select
              showSearch
              optionFilterProp="label"
              options={scoredDepartments(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
            />
          </Form.Item>
          {targetKind === 'officer' && (
            <>
              <Form.Item
                name="officerName"
                label={t('complaint.dialog.officerName')}
                rules={[requiredRule(t('complaint.dialog.officerNameRequired'))]}
              >
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item
                name="officerId"
                label={t('complaint.dialog.officerId')}
                rules={[requiredRule(t('complaint.dialog.officerIdRequired'))]}
              >
                <Input maxLength={128} />
              </Form.Item>
            </>
          )}
          <Form.Item
            name="measure"
            label={t('complaint.dialog.measure')}
            rules={[requiredRule(t('complaint.dialog.measureRequired'))]}
          >
            <Select options={MEASURES.map((m) => ({ value: m, label: t(`complaint.measure.${m}`) }))} />
          </Form.Item>
          {text('reason', t('complaint.dialog.reason'), t('reasonRequired'), 3)}
        </>
      )}
      {action === 'reply' &&
        text('reply', t('complaint.dialog.reply'), t('complaint.dialog.replyRequired'), 5)}
    </CommandDialog>
  );
}
