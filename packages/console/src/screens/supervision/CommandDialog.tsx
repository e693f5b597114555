import { Alert, App, Form, type FormInstance, Modal } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newIdempotencyKey } from '../../api/client';
import { problemText } from '../../api/problem-text';

/** What a command answers that a screen needs: the ledger position its re-read must include. */
export interface Sent {
  position?: string | null;
}

/**
 * One supervision command as a dialog: its fields, validated before anything is sent; one
 * Idempotency-Key per opening (a retry after a failure sends the same key); the refusal shown in the
 * dialog in the user's language. The OK button is disabled while sending (no spinner to race a click).
 */
export function CommandDialog<Values extends object, Reply extends Sent = Sent>({
  title,
  okText,
  send,
  onClose,
  children,
  initialValues,
  form: given,
}: {
  title: string;
  okText?: string;
  send: (values: Values, idempotencyKey: string) => Promise<Reply>;
  onClose: (sent?: Reply) => void;
  children: ReactNode;
  initialValues?: Partial<Values>;
  form?: FormInstance<Values>;
}) {
  const { t: common } = useTranslation();
  const { t } = useTranslation('supervision');
  const { message } = App.useApp();
  const [own] = Form.useForm<Values>();
  const form = given ?? own;
  const [key] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return; // the form shows what is missing
    }
    setBusy(true);
    setFailure(undefined);
    try {
      const sent = await send(values, key);
      void message.success(t('done', { action: title }));
      onClose(sent);
    } catch (error) {
      setFailure(problemText(error, common));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={title}
      okText={okText ?? common('actions.submit')}
      cancelText={common('actions.cancel')}
      okButtonProps={{ disabled: busy }}
      onOk={() => void submit()}
      onCancel={() => onClose()}
      destroyOnHidden
      width={560}
    >
      <Form form={form} layout="vertical" initialValues={initialValues} disabled={busy}>
        {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 12 }} />}
        {children}
      </Form>
    </Modal>
  );
}

/** Text as the domain records it: trimmed (blank text is no reason and is refused before sending). */
export const trimmed = (text: string | undefined): string => (text ?? '').trim();
