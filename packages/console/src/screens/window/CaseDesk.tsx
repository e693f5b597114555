import { intake } from '@docket/contracts';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { call, newIdempotencyKey } from '../../api/client';
import { useDepartmentName } from '../../api/departments';
import { useLive } from '../../api/live';
import { problemText } from '../../api/problem-text';
import { useLoad } from '../../api/use-call';
import { useSession } from '../../auth/session';
import { DeadlineTag } from '../../clock/DeadlineTag';
import { useCentreCalendar } from '../../clock/deadline';
import { formatDate, formatDateTime } from '../../format';
import { requiredRule } from '../../forms/rules';
import { loadCase } from './case-load';
import {
  type CaseDocument,
  type DeskAction,
  deskActions,
  type ItemMaterial,
  noticeLines,
  printableDocuments,
  readNotes,
  STATUS_COLOURS,
  writeNotes,
} from './desk-state';

const FORMS = ['original', 'copy', 'original_and_copy', 'electronic'] as const;

/** The window's desk for one case: its facts, the actions its status allows, its documents. */
export default function CaseDesk() {
  const { caseNo = '' } = useParams();
  const { t, i18n } = useTranslation('window');
  const { t: common } = useTranslation();
  const departmentName = useDepartmentName();
  const { can } = useSession();
  const navigate = useNavigate();
  const [open, setOpen] = useState<DeskAction>();
  const [waitFor, setWaitFor] = useState<{ from: string }>();
  const document = useLoad(
    (signal, { minPosition }) =>
      loadCase(
        caseNo,
        { signal, ...(minPosition === undefined ? {} : { minPosition }) },
        waitFor ? (doc) => doc.status !== waitFor.from : undefined,
      ),
    [caseNo, waitFor],
  );
  // An applicant's supplement online, the review's decision: the desk shows them as they happen.
  useLive(document.reload, (notice) => notice.caseNo === caseNo);
  const calendar = useCentreCalendar();
  const itemCode = document.data?.itemCode;
  const item = useLoad(
    () =>
      itemCode === undefined ? Promise.resolve(undefined) : call(intake.item, { params: { code: itemCode } }),
    [itemCode],
  );

  if (document.error !== undefined && document.data === undefined)
    return (
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Title level={2}>{t('desk.title', { caseNo })}</Typography.Title>
        <Alert type="error" showIcon message={problemText(document.error, common)} />
      </Space>
    );
  const doc = document.data;
  if (doc === undefined) return <Card loading />;
  const notes = readNotes(caseNo);
  const actions = can('clerk') ? deskActions(doc.status) : [];
  const documents = printableDocuments(doc.status, notes);
  const materials = item.data?.current.materials ?? [];

  /** After a command: show the case once the list has moved past the status it had. */
  const done = (then?: string) => {
    setOpen(undefined);
    setWaitFor({ from: doc.status });
    if (then !== undefined) navigate(then);
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2}>{t('desk.title', { caseNo })}</Typography.Title>
      <Card title={<h3 style={{ margin: 0, fontSize: 16 }}>{t('desk.facts')}</h3>} size="small">
        <Descriptions column={3} size="small">
          <Descriptions.Item label={t('desk.caseNo')}>
            <Typography.Text strong>{doc.caseNo}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('desk.status')}>
            <Tag color={STATUS_COLOURS[doc.status]} data-testid="case-status">
              {t(`status.${doc.status}`)}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('desk.queryCode')}>
            {notes.queryCode ?? t('desk.queryCodeUnknown')}
          </Descriptions.Item>
          <Descriptions.Item label={t('desk.item')}>{doc.itemName}</Descriptions.Item>
          <Descriptions.Item label={t('desk.applicant')}>{doc.applicantName}</Descriptions.Item>
          <Descriptions.Item label={t('desk.department')}>{departmentName(doc.department)}</Descriptions.Item>
          <Descriptions.Item label={t('desk.submittedAt')}>
            {formatDateTime(doc.submittedAt, i18n.language)}
          </Descriptions.Item>
          <Descriptions.Item label={t('desk.acceptedAt')}>
            {formatDateTime(doc.acceptedAt, i18n.language)}
          </Descriptions.Item>
          <Descriptions.Item label={t('desk.promisedDeadline')}>
            <Space size="small" wrap>
              {formatDate(doc.promisedDeadline, i18n.language)}
              {doc.promisedDeadline !== null &&
                ['accepted', 'in_review', 'special_procedure'].includes(doc.status) &&
                calendar.data !== undefined && (
                  <DeadlineTag
                    calendar={calendar.data.calendar}
                    deadline={doc.promisedDeadline}
                    now={new Date()}
                  />
                )}
            </Space>
          </Descriptions.Item>
        </Descriptions>
        <Link to={`/cases/${encodeURIComponent(doc.caseNo)}`}>{t('desk.openFile')}</Link>
      </Card>
      {document.loading && waitFor !== undefined && <Alert type="info" message={t('desk.waiting')} />}
      <Card title={<h3 style={{ margin: 0, fontSize: 16 }}>{t('desk.actions')}</h3>} size="small">
        {actions.length === 0 ? (
          <Typography.Text>{t('desk.noActions')}</Typography.Text>
        ) : (
          <Space wrap>
            {actions.map((action) => (
              <Button
                key={action}
                type={action === 'accept' || action === 'deliver' ? 'primary' : 'default'}
                danger={action === 'decline'}
                onClick={() => setOpen(action)}
                disabled={document.loading}
              >
                {t(`desk.${action}`)}
              </Button>
            ))}
          </Space>
        )}
      </Card>
      {documents.length > 0 && (
        <Card title={<h3 style={{ margin: 0, fontSize: 16 }}>{t('desk.documents')}</h3>} size="small">
          <Space wrap>
            {documents.map((kind) => (
              <Link key={kind} to={`/window/case/${encodeURIComponent(caseNo)}/print/${kind}`}>
                {t(
                  `desk.print${kind === 'correction' ? 'Correction' : kind === 'acceptance' ? 'Acceptance' : 'Decline'}`,
                )}
              </Link>
            ))}
          </Space>
        </Card>
      )}
      {open === 'correction' && (
        <CorrectionDialog
          doc={doc}
          materials={materials}
          onClose={() => setOpen(undefined)}
          onDone={() => done(`/window/case/${encodeURIComponent(caseNo)}/print/correction`)}
        />
      )}
      {open === 'supplement' && (
        <SupplementDialog
          doc={doc}
          materials={materials}
          onClose={() => setOpen(undefined)}
          onDone={() => done()}
        />
      )}
      {open === 'accept' && (
        <CommandDialog
          title={t('accept.title')}
          okText={t('accept.submit')}
          onClose={() => setOpen(undefined)}
          onDone={() => done(`/window/case/${encodeURIComponent(caseNo)}/print/acceptance`)}
          run={(key) => call(intake.accept, { params: { caseNo }, body: {} }, { idempotencyKey: key })}
        >
          <Typography.Paragraph>{t('accept.confirm')}</Typography.Paragraph>
        </CommandDialog>
      )}
      {open === 'decline' && (
        <DeclineDialog
          caseNo={caseNo}
          onClose={() => setOpen(undefined)}
          onDone={() => done(`/window/case/${encodeURIComponent(caseNo)}/print/decline`)}
        />
      )}
      {open === 'withdraw' && (
        <WithdrawDialog caseNo={caseNo} onClose={() => setOpen(undefined)} onDone={() => done()} />
      )}
      {open === 'deliver' && (
        <DeliverDialog doc={doc} onClose={() => setOpen(undefined)} onDone={() => done()} />
      )}
    </Space>
  );
}

/** A dialog that runs one command with one idempotency key per user action (kept across retries). */
function CommandDialog({
  title,
  okText,
  children,
  run,
  validate,
  onClose,
  onDone,
}: {
  title: string;
  okText: string;
  children: ReactNode;
  run: (idempotencyKey: string) => Promise<unknown>;
  validate?: () => Promise<unknown>;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t: common } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const key = useRef(newIdempotencyKey());
  const submit = async () => {
    try {
      await validate?.();
    } catch {
      return;
    }
    setBusy(true);
    try {
      await run(key.current);
      onDone();
    } catch (error) {
      message.error(problemText(error, common));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={title}
      okText={okText}
      cancelText={common('actions.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={busy}
      width={760}
      destroyOnHidden
    >
      {children}
    </Modal>
  );
}

interface CorrectionValues {
  lines: Record<string, { ticked?: boolean; reason?: string }>;
  note?: string;
}

function CorrectionDialog({
  doc,
  materials,
  onClose,
  onDone,
}: {
  doc: CaseDocument;
  materials: readonly ItemMaterial[];
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation('window');
  const [form] = Form.useForm<CorrectionValues>();
  const [error, setError] = useState<string>();
  const notes = readNotes(doc.caseNo);
  const deficient = () => {
    const values = form.getFieldsValue(true) as CorrectionValues;
    return materials
      .filter((material) => values.lines?.[material.code]?.ticked)
      .map((material) => ({
        code: material.code,
        reason: (values.lines[material.code]?.reason ?? '').trim(),
      }));
  };
  return (
    <CommandDialog
      title={t('correction.title')}
      okText={t('correction.submit')}
      onClose={onClose}
      onDone={() => {
        const values = form.getFieldsValue(true) as CorrectionValues;
        const note = values.note?.trim();
        writeNotes(doc.caseNo, {
          correction: {
            lines: noticeLines(materials, notes.received, deficient(), t('print.notProvided')),
            ...(note ? { note } : {}),
            at: new Date().toISOString(),
          },
        });
        onDone();
      }}
      validate={async () => {
        await form.validateFields();
        if (deficient().length === 0) {
          setError(t('correction.pickOne'));
          throw new Error('nothing ticked');
        }
        setError(undefined);
      }}
      run={(key) => {
        const note = (form.getFieldValue('note') as string | undefined)?.trim();
        return call(
          intake.requestCorrection,
          { params: { caseNo: doc.caseNo }, body: { deficient: deficient(), ...(note ? { note } : {}) } },
          { idempotencyKey: key },
        );
      }}
    >
      <Typography.Paragraph>{t('correction.intro')}</Typography.Paragraph>
      {error && <Alert type="warning" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical">
        <Table<ItemMaterial>
          rowKey="code"
          size="small"
          pagination={false}
          dataSource={[...materials]}
          aria-label={t('correction.caption')}
          columns={[
            {
              title: t('correction.deficient'),
              width: 90,
              render: (_, material) => (
                <Form.Item name={['lines', material.code, 'ticked']} valuePropName="checked" noStyle>
                  <Checkbox aria-label={t('correction.deficientMaterial', { name: material.name })} />
                </Form.Item>
              ),
            },
            {
              title: t('catalogue.materials'),
              render: (_, material) => (
                <span>
                  {t('correction.materialLine', {
                    name: material.name,
                    form: t(`form.${material.form}`),
                    count: t('apply.requiredCount', { count: material.count }),
                  })}
                </span>
              ),
            },
            {
              title: t('correction.reason'),
              render: (_, material) => (
                <Form.Item noStyle shouldUpdate>
                  {({ getFieldValue }) => (
                    <Form.Item
                      name={['lines', material.code, 'reason']}
                      style={{ margin: 0 }}
                      rules={
                        getFieldValue(['lines', material.code, 'ticked'])
                          ? [requiredRule(t('correction.reasonRequired'))]
                          : []
                      }
                    >
                      <Input
                        maxLength={500}
                        aria-label={t('correction.reasonFor', { name: material.name })}
                        disabled={!getFieldValue(['lines', material.code, 'ticked'])}
                      />
                    </Form.Item>
                  )}
                </Form.Item>
              ),
            },
          ]}
        />
        <Form.Item name="note" label={t('correction.note')} style={{ marginTop: 12 }}>
          <Input.TextArea maxLength={2000} rows={2} />
        </Form.Item>
      </Form>
    </CommandDialog>
  );
}

function SupplementDialog({
  doc,
  materials,
  onClose,
  onDone,
}: {
  doc: CaseDocument;
  materials: readonly ItemMaterial[];
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation('window');
  const notes = readNotes(doc.caseNo);
  const asked = new Set(notes.correction?.lines.map((line) => line.code) ?? []);
  const [rows, setRows] = useState(() =>
    Object.fromEntries(
      materials.map((material) => [
        material.code,
        { received: asked.has(material.code), count: material.count, form: material.form },
      ]),
    ),
  );
  const [error, setError] = useState<string>();
  const chosen = () =>
    materials
      .filter((material) => rows[material.code]?.received)
      .map((material) => ({
        code: material.code,
        count: rows[material.code]?.count ?? material.count,
        form: rows[material.code]?.form ?? material.form,
      }));
  const change = (code: string, patch: Partial<(typeof rows)[string]>) =>
    setRows((previous) => ({
      ...previous,
      [code]: { ...previous[code], ...patch } as (typeof rows)[string],
    }));
  return (
    <CommandDialog
      title={t('supplement.title')}
      okText={t('supplement.submit')}
      onClose={onClose}
      onDone={() => {
        writeNotes(doc.caseNo, { received: [...(notes.received ?? []), ...chosen()] });
        onDone();
      }}
      validate={async () => {
        if (chosen().length === 0) {
          setError(t('supplement.pickOne'));
          throw new Error('nothing ticked');
        }
        setError(undefined);
      }}
      run={(key) =>
        call(
          intake.supplement,
          { params: { caseNo: doc.caseNo }, body: { materials: chosen() } },
          { idempotencyKey: key },
        )
      }
    >
      <Typography.Paragraph>{t('supplement.intro')}</Typography.Paragraph>
      {error && <Alert type="warning" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Table<ItemMaterial>
        rowKey="code"
        size="small"
        pagination={false}
        dataSource={[...materials]}
        aria-label={t('supplement.title')}
        columns={[
          {
            title: t('apply.received'),
            width: 80,
            render: (_, material) => (
              <Checkbox
                checked={rows[material.code]?.received}
                onChange={(event) => change(material.code, { received: event.target.checked })}
                aria-label={t('apply.receivedMaterial', { name: material.name })}
              />
            ),
          },
          {
            title: t('catalogue.materials'),
            render: (_, material) => (
              <Space>
                {material.name}
                {asked.has(material.code) && <Tag color="#ad4e00">{t('correction.deficient')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('apply.formColumn'),
            render: (_, material) => (
              <Select
                size="small"
                style={{ width: 150 }}
                value={rows[material.code]?.form}
                onChange={(value) => change(material.code, { form: value })}
                aria-label={t('apply.receivedForm', { name: material.name })}
                options={FORMS.map((value) => ({ value, label: t(`form.${value}`) }))}
              />
            ),
          },
          {
            title: t('apply.countColumn'),
            render: (_, material) => (
              <InputNumber
                size="small"
                min={1}
                max={100}
                value={rows[material.code]?.count}
                onChange={(value) => change(material.code, { count: value ?? 1 })}
                aria-label={t('apply.receivedCount', { name: material.name })}
              />
            ),
          },
        ]}
      />
    </CommandDialog>
  );
}

function DeclineDialog({
  caseNo,
  onClose,
  onDone,
}: {
  caseNo: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation('window');
  const [form] = Form.useForm<{ reason: string; legalBasis: string }>();
  const values = () => {
    const { reason, legalBasis } = form.getFieldsValue(true) as { reason: string; legalBasis: string };
    return { reason: reason.trim(), legalBasis: legalBasis.trim() };
  };
  return (
    <CommandDialog
      title={t('decline.title')}
      okText={t('decline.submit')}
      onClose={onClose}
      validate={() => form.validateFields()}
      onDone={() => {
        writeNotes(caseNo, { decline: { ...values(), at: new Date().toISOString() } });
        onDone();
      }}
      run={(key) => call(intake.decline, { params: { caseNo }, body: values() }, { idempotencyKey: key })}
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={t('decline.reason')}
          rules={[requiredRule(t('correction.reasonRequired'))]}
        >
          <Input.TextArea maxLength={2000} rows={3} />
        </Form.Item>
        <Form.Item
          name="legalBasis"
          label={t('decline.legalBasis')}
          rules={[requiredRule(t('apply.required_', { field: t('decline.legalBasis') }))]}
        >
          <Input.TextArea maxLength={2000} rows={2} />
        </Form.Item>
      </Form>
    </CommandDialog>
  );
}

function WithdrawDialog({
  caseNo,
  onClose,
  onDone,
}: {
  caseNo: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation('window');
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <CommandDialog
      title={t('withdraw.title')}
      okText={t('withdraw.submit')}
      onClose={onClose}
      validate={() => form.validateFields()}
      onDone={onDone}
      run={(key) =>
        call(
          intake.withdraw,
          { params: { caseNo }, body: { reason: (form.getFieldValue('reason') as string).trim() } },
          { idempotencyKey: key },
        )
      }
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={t('withdraw.reason')}
          rules={[requiredRule(t('correction.reasonRequired'))]}
        >
          <Input.TextArea maxLength={2000} rows={3} />
        </Form.Item>
      </Form>
    </CommandDialog>
  );
}

interface DeliverValues {
  method: 'window_pickup' | 'post' | 'electronic';
  trackingNo?: string;
  name: string;
  relation: 'applicant' | 'agent' | 'other';
}

function DeliverDialog({
  doc,
  onClose,
  onDone,
}: {
  doc: CaseDocument;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation('window');
  const [form] = Form.useForm<DeliverValues>();
  return (
    <CommandDialog
      title={t('deliver.title')}
      okText={t('deliver.submit')}
      onClose={onClose}
      validate={() => form.validateFields()}
      onDone={onDone}
      run={(key) => {
        const values = form.getFieldsValue(true) as DeliverValues;
        const trackingNo = values.trackingNo?.trim();
        return call(
          intake.deliver,
          {
            params: { caseNo: doc.caseNo },
            body: {
              method: values.method,
              ...(values.method === 'post' && trackingNo ? { trackingNo } : {}),
              recipient: { name: values.name.trim(), relation: values.relation },
            },
          },
          { idempotencyKey: key },
        );
      }}
    >
      <Form<DeliverValues>
        form={form}
        layout="vertical"
        initialValues={{ method: 'window_pickup', relation: 'applicant', name: doc.applicantName }}
      >
        <Form.Item name="method" label={t('deliver.method')}>
          <Select
            options={(['window_pickup', 'post', 'electronic'] as const).map((value) => ({
              value,
              label: t(`deliver.methods.${value}`),
            }))}
          />
        </Form.Item>
        <Form.Item noStyle shouldUpdate={(a, b) => a.method !== b.method}>
          {({ getFieldValue }) =>
            getFieldValue('method') === 'post' ? (
              <Form.Item
                name="trackingNo"
                label={t('deliver.trackingNo')}
                rules={[requiredRule(t('apply.required_', { field: t('deliver.trackingNo') }))]}
              >
                <Input maxLength={64} />
              </Form.Item>
            ) : null
          }
        </Form.Item>
        <Form.Item
          name="name"
          label={t('deliver.recipientName')}
          rules={[requiredRule(t('apply.required_', { field: t('deliver.recipientName') }))]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="relation" label={t('deliver.relation')}>
          <Select
            options={(['applicant', 'agent', 'other'] as const).map((value) => ({
              value,
              label: t(`deliver.relations.${value}`),
            }))}
          />
        </Form.Item>
      </Form>
    </CommandDialog>
  );
}
