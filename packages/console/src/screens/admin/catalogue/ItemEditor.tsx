import { intake } from '@docket/contracts';
import { Alert, App, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { call, newIdempotencyKey } from '../../../api/client';
import { problemText } from '../../../api/problem-text';
import { useLoad } from '../../../api/use-call';
import { requiredRule } from '../../../forms/rules';
import { DiffTable } from './DiffTable';
import { ItemForm } from './ItemForm';
import { diffItems } from './item-diff';
import { issueField, ruleIssues } from './item-issues';
import { blankItem, type ItemFormValues, toDefinition, toFormValues } from './item-values';

/** 新建事项 (/admin/catalogue/new) and 修订 (/admin/catalogue/:code/revise): the form and the diff it makes. */
export default function ItemEditor() {
  const { code } = useParams();
  const current = useLoad(
    async () => (code === undefined ? undefined : call(intake.item, { params: { code } })),
    [code],
  );
  const { t: common } = useTranslation();
  if (code !== undefined && current.data === undefined)
    return current.error !== undefined ? (
      <Alert type="error" showIcon message={problemText(current.error, common)} />
    ) : (
      <Card loading />
    );
  return <EditorForm key={code ?? 'new'} current={current.data} />;
}

type Item = Awaited<ReturnType<typeof call<typeof intake.item>>>;

function EditorForm({ current }: { current: Item | undefined }) {
  const { t } = useTranslation('admin');
  const { t: common } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<ItemFormValues>();
  const initial = useMemo(() => (current ? toFormValues(current.current) : blankItem()), [current]);
  const [values, setValues] = useState<ItemFormValues>(initial);
  // One key per user action, kept if the user retries after a failure.
  const [key] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);
  /** Why the last save failed: the problem said, or each catalogue rule broken (also shown on its field). */
  const [failure, setFailure] = useState<{ message: string; rules?: string[] }>();
  const changes = useMemo(() => diffItems(current?.current, toDefinition(values)), [current, values]);
  const next = (current?.current.version ?? 0) + 1;

  const save = async () => {
    const filled = await form.validateFields().catch(() => undefined);
    if (filled === undefined) return;
    const item = toDefinition({ ...values, ...filled });
    setBusy(true);
    setFailure(undefined);
    try {
      const reply = current
        ? await call(
            intake.reviseItem,
            { params: { code: current.code }, body: { item, note: filled.note?.trim() ?? '' } },
            { idempotencyKey: key },
          )
        : await call(intake.defineItem, { body: { item } }, { idempotencyKey: key });
      void message.success(current ? t('editor.saved', { version: next }) : t('editor.defined'));
      navigate(`/admin/catalogue/${encodeURIComponent(item.code)}`, {
        state: { minPosition: reply.position ?? undefined },
      });
    } catch (error) {
      const issues = ruleIssues(error);
      if (issues.length === 0) {
        setFailure({ message: problemText(error, common) });
        return;
      }
      // Each broken rule on the field it is about, as the form's own checks say theirs.
      const onFields = issues.flatMap((issue) => {
        const name = issueField(issue.path);
        return name === undefined ? [] : [{ name, errors: [t(`issue.${issue.rule}`)] }];
      });
      form.setFields(onFields);
      const first = onFields[0];
      if (first !== undefined) form.scrollToField(first.name, { block: 'center', focus: true });
      setFailure({
        message: t('issue.refused'),
        rules: [...new Set(issues.map((issue) => t(`issue.${issue.rule}`)))],
      });
    } finally {
      setBusy(false);
    }
  };

  const title = current
    ? t('editor.reviseTitle', { name: current.current.name, version: current.current.version })
    : t('editor.newTitle');
  const diffTitle = current
    ? t('editor.diffTitle', { version: current.current.version })
    : t('editor.publish');
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3}>{title}</Typography.Title>
      <ItemForm
        form={form}
        initial={initial}
        revising={current !== undefined}
        onChange={() => setValues(form.getFieldsValue(true) as ItemFormValues)}
        aside={
          <Card size="small" title={diffTitle} style={{ marginBottom: 16 }}>
            <Space direction="vertical" style={{ width: '100%' }}>
              {current && <DiffTable changes={changes} caption={diffTitle} />}
              {current && <Typography.Text type="secondary">{t('editor.openCasesKeep')}</Typography.Text>}
              {current && (
                <Form.Item
                  name="note"
                  label={t('form.note')}
                  extra={t('form.noteHelp')}
                  rules={[requiredRule(t('required', { label: t('form.note') }))]}
                  style={{ marginBottom: 0 }}
                >
                  <Input.TextArea rows={2} maxLength={2000} />
                </Form.Item>
              )}
              {failure && (
                <Alert
                  type="error"
                  showIcon
                  message={failure.message}
                  description={
                    failure.rules && (
                      <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                        {failure.rules.map((rule) => (
                          <li key={rule}>{rule}</li>
                        ))}
                      </ul>
                    )
                  }
                />
              )}
              <Space>
                <Button
                  type="primary"
                  disabled={busy || (current !== undefined && changes.length === 0)}
                  onClick={() => void save()}
                >
                  {current ? t('editor.save', { version: next }) : t('editor.publish')}
                </Button>
                <Button onClick={() => navigate(-1)}>{common('actions.cancel')}</Button>
              </Space>
            </Space>
          </Card>
        }
      />
    </Space>
  );
}
