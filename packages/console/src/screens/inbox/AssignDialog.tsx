import { type ReplyOf, review } from '@docket/contracts';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, newIdempotencyKey } from '../../api/client';
import { problemText } from '../../api/problem-text';
import { useSession } from '../../auth/session';
import { requiredRule } from '../../forms/rules';

type InboxItem = ReplyOf<typeof review.inbox>['items'][number];

/** A member of a department's staff, as GET /api/departments/{department}/staff answers. */
export interface StaffMember {
  id: string;
  name: string;
  roles: string[];
}

export type AssignMode = 'claim' | 'release' | 'assign';

/** 分派 / 认领 / 退回部门, always with a reason (it lands in the case's history). */
export function AssignDialog({
  mode,
  item,
  staff,
  onClose,
}: {
  mode: AssignMode;
  item: InboxItem;
  staff: StaffMember[];
  onClose: (changed: boolean) => void;
}) {
  const { t } = useTranslation('inbox');
  const { t: common } = useTranslation();
  const { message } = App.useApp();
  const { session } = useSession();
  const [form] = Form.useForm<{ assignee?: string; reason: string }>();
  // One key per user action, kept if the user retries after a failure.
  const [key] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const title =
    mode === 'claim'
      ? 'assign.titleClaim'
      : mode === 'release'
        ? 'assign.titleRelease'
        : 'assign.titleAssign';

  const submit = async () => {
    const values = await form.validateFields();
    const assignee =
      mode === 'claim' ? (session?.actor.id ?? null) : mode === 'release' ? null : (values.assignee ?? null);
    setBusy(true);
    setFailure(undefined);
    try {
      await call(
        review.assignTask,
        {
          params: { caseNo: item.caseNo },
          body: {
            taskId: item.task === 'consolidation' ? 'main' : item.task,
            assignee,
            reason: values.reason,
          },
        },
        { idempotencyKey: key },
      );
      void message.success(t('assign.done'));
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
      title={t(title, { caseNo: item.caseNo })}
      okText={common('actions.confirm')}
      cancelText={common('actions.cancel')}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 12 }} />}
        {mode === 'assign' && (
          <Form.Item
            name="assignee"
            label={t('assign.assignee')}
            rules={[requiredRule(t('assign.assigneeRequired'))]}
          >
            <Select
              options={staff
                .filter((member) => member.id !== item.assignee)
                .map((member) => ({
                  value: member.id,
                  label: `${member.name}（${member.roles.map((role) => common(`roles.${role as 'officer'}`)).join('、')}）`,
                }))}
            />
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label={t('assign.reason')}
          rules={[requiredRule(t('assign.reasonRequired'))]}
        >
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
