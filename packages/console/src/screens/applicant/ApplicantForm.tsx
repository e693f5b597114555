import { Alert, Button, Card, Form, type FormInstance, Input, Result } from 'antd';
import { type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newIdempotencyKey } from '../../api/client';
import { requiredRule } from '../../forms/rules';

/**
 * One applicant form on its card, as every applicant page has it: large fields on a phone, labels above
 * them, no required marks (the messages say what is missing), any change clearing the last failure, and
 * one wide submit button.
 */
export function ApplicantFormCard<Values>({
  form,
  initialValues,
  onSubmit,
  onEdit,
  failure,
  busy,
  submitLabel,
  children,
}: {
  form: FormInstance<Values>;
  initialValues: Partial<Values>;
  onSubmit: (values: Values) => void;
  /** Any change of the form: the page clears its failure. */
  onEdit: () => void;
  /** Shown above the button, read out as it appears; `false`: the page shows its failures elsewhere. */
  failure: string | undefined | false;
  busy: boolean;
  submitLabel: string;
  children: ReactNode;
}) {
  return (
    <Card>
      <Form<Values>
        form={form}
        layout="vertical"
        size="large"
        requiredMark={false}
        initialValues={initialValues}
        onFinish={onSubmit}
        onValuesChange={onEdit}
      >
        {children}
        {failure !== false && (
          <div aria-live="polite">
            {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 16 }} />}
          </div>
        )}
        {/* Disabled while it goes, not antd's `loading`: that spinner leaves only when its CSS
            transition ends. Under load in CI a second lookup found no button named 查询 for 30 s
            after the first answer, most likely the spinner still there (the name then "loading 查询").
            Disabling involves no motion. */}
        <Button type="primary" htmlType="submit" block disabled={busy} aria-busy={busy}>
          {submitLabel}
        </Button>
      </Form>
    </Card>
  );
}

/**
 * The case number (办件编号) as printed on the receipt, field `caseNo`: typed as is (no autocomplete,
 * capitals, no spell check), refused while blank.
 */
export function CaseNoField({
  label,
  requiredMessage,
  extra,
  autoFocus,
}: {
  label: string;
  requiredMessage: string;
  extra?: string;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation('applicant');
  return (
    <Form.Item name="caseNo" label={label} extra={extra} rules={[requiredRule(requiredMessage)]}>
      <Input
        placeholder={t('lookup.caseNoPlaceholder')}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        autoFocus={autoFocus}
      />
    </Form.Item>
  );
}

/** What a sent form says on its card: the title announced as a status, the details under it. */
export function SentCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card>
      <Result status="success" title={<span role="status">{title}</span>} subTitle={children} />
    </Card>
  );
}

/**
 * Sending one applicant form: busy while it goes, the failure to show, and one Idempotency-Key per
 * content sent, kept while the applicant retries the same content and new once they change it.
 */
export function useApplicantSend() {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const key = useRef<{ fingerprint: string; key: string }>();

  const send = async (
    content: unknown,
    run: (idempotencyKey: string) => Promise<void>,
    failureText: (error: unknown) => string,
  ) => {
    const fingerprint = JSON.stringify(content);
    if (key.current?.fingerprint !== fingerprint) key.current = { fingerprint, key: newIdempotencyKey() };
    setBusy(true);
    setFailure(undefined);
    try {
      await run(key.current.key);
    } catch (error) {
      setFailure(failureText(error));
    } finally {
      setBusy(false);
    }
  };

  return { busy, failure, clearFailure: () => setFailure(undefined), send };
}
