import { intake, type ReplyOf, type SubmitRequest } from '@docket/contracts';
import type { IdentityNumberRule } from '@docket/domain';
import type { FormRule } from 'antd';
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
  Radio,
  Result,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { call, newIdempotencyKey } from '../../api/client';
import { useDepartmentName } from '../../api/departments';
import { problemText } from '../../api/problem-text';
import { useLoad } from '../../api/use-call';
import { formatYuan } from '../../format';
import { requiredRule } from '../../forms/rules';
import { type ItemMaterial, writeNotes } from './desk-state';
import { idNumberRule, numberIssues, phoneRule } from './identity-rules';

const ID_TYPES = [
  'resident_id',
  'passport',
  'hk_macau_permit',
  'taiwan_permit',
  'foreign_permanent_resident_id',
  'unified_social_credit_code',
  'other',
] as const;
type IdType = (typeof ID_TYPES)[number];

interface Row {
  code: string;
  received: boolean;
  count: number;
  form: ItemMaterial['form'];
}

interface Values {
  type: 'person' | 'company';
  name: string;
  idType: IdType;
  idNumber: string;
  phone: string;
  address?: string;
  hasAgent?: boolean;
  agentName?: string;
  agentIdType?: IdType;
  agentIdNumber?: string;
  agentPhone?: string;
}

/** 新申请: the checklist the item declares, the applicant's fields as intake.submit takes them. */
export default function NewApplication() {
  const { code = '' } = useParams();
  const { t, i18n } = useTranslation('window');
  const { t: common } = useTranslation();
  const departmentName = useDepartmentName();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const item = useLoad(() => call(intake.item, { params: { code } }), [code]);
  const [rows, setRows] = useState<Record<string, Row>>({});
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<ReplyOf<typeof intake.submit>>();
  const key = useRef<string>(undefined);

  if (item.error !== undefined)
    return <Alert type="error" showIcon message={problemText(item.error, common)} />;
  const current = item.data?.current;
  if (current === undefined) return <Card loading />;
  const materials = current.materials;
  const row = (material: ItemMaterial): Row =>
    rows[material.code] ?? {
      code: material.code,
      received: false,
      count: material.count,
      form: material.form,
    };
  const update = (material: ItemMaterial, change: Partial<Row>) => {
    key.current = undefined;
    setRows((previous) => ({ ...previous, [material.code]: { ...row(material), ...change } }));
  };

  const submit = async (values: Values) => {
    const received = materials.map(row).filter((r) => r.received);
    const body: SubmitRequest = {
      itemCode: code,
      channel: 'window',
      applicant: {
        type: values.type,
        name: values.name,
        idType: values.idType,
        idNumber: values.idNumber,
        phone: values.phone,
        ...(values.address ? { address: values.address } : {}),
        ...(values.hasAgent &&
        values.agentName &&
        values.agentIdType &&
        values.agentIdNumber &&
        values.agentPhone
          ? {
              agent: {
                name: values.agentName,
                idType: values.agentIdType,
                idNumber: values.agentIdNumber,
                phone: values.agentPhone,
              },
            }
          : {}),
      },
      materials: received.map(({ code: materialCode, count, form: materialForm }) => ({
        code: materialCode,
        count,
        form: materialForm,
      })),
    };
    key.current ??= newIdempotencyKey();
    setBusy(true);
    try {
      const reply = await call(intake.submit, { body }, { idempotencyKey: key.current });
      writeNotes(reply.caseNo, { queryCode: reply.queryCode, received: body.materials });
      setDone(reply);
    } catch (error) {
      // An ID or phone number the server refused is said on its field, as the form's own check says it.
      const onFields = numberIssues(error).map(({ field, rule }) => ({
        name: field,
        errors: [t(`apply.numberRule.${rule}`)],
      }));
      form.setFields(onFields);
      const first = onFields[0];
      if (first !== undefined) form.scrollToField(first.name, { block: 'center', focus: true });
      message.error(problemText(error, common));
    } finally {
      setBusy(false);
    }
  };

  const limit = (value: { value: number; unit: string }) =>
    value.unit === 'working_days'
      ? common('clock.workingDays', { count: value.value })
      : common('clock.naturalDays', { count: value.value });
  const required = (field: string) => [requiredRule(t('apply.required_', { field }))];
  /** The identity numbers rule of @docket/domain on a number field (GB 11643, GB 32100, phones). */
  const numberRule =
    (
      broken: (value: string, field: (name: keyof Values) => unknown) => IdentityNumberRule | undefined,
    ): FormRule =>
    ({ getFieldValue }) => ({
      validator: (_rule, value: unknown) => {
        const rule = typeof value === 'string' ? broken(value, getFieldValue) : undefined;
        return rule === undefined
          ? Promise.resolve()
          : Promise.reject(new Error(t(`apply.numberRule.${rule}`)));
      },
    });
  const idNumberOf = (typeField: 'idType' | 'agentIdType') =>
    numberRule((value, field) => idNumberRule(field(typeField) as string | undefined, value));

  if (done !== undefined)
    return (
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Title level={2}>{t('apply.title', { name: current.name })}</Typography.Title>
        <Result
          status="success"
          title={t('apply.submitted')}
          subTitle={t('apply.submittedDetail')}
          extra={[
            <Button
              key="open"
              type="primary"
              onClick={() => navigate(`/window/case/${encodeURIComponent(done.caseNo)}`)}
            >
              {t('apply.openCase')}
            </Button>,
            <Button key="another" onClick={() => navigate('/window')}>
              {t('apply.another')}
            </Button>,
          ]}
        >
          <Descriptions column={1} bordered size="middle">
            <Descriptions.Item label={t('apply.caseNo')}>
              <Typography.Text strong copyable data-testid="case-no">
                {done.caseNo}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('apply.queryCode')}>
              <Typography.Text strong copyable data-testid="query-code">
                {done.queryCode}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        </Result>
      </Space>
    );

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2}>{t('apply.title', { name: current.name })}</Typography.Title>
      <Card title={<h3 style={{ margin: 0, fontSize: 16 }}>{t('apply.itemFacts')}</h3>} size="small">
        <Descriptions column={3} size="small">
          <Descriptions.Item label={t('catalogue.code')}>{code}</Descriptions.Item>
          <Descriptions.Item label={t('catalogue.department')}>
            {departmentName(current.department)}
          </Descriptions.Item>
          <Descriptions.Item label={t('catalogue.category')}>
            {t(`category.${current.category}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('catalogue.promised')}>
            {limit(current.promisedLimit)}
          </Descriptions.Item>
          <Descriptions.Item label={t('catalogue.statutory')}>
            {limit(current.statutoryLimit)}
          </Descriptions.Item>
          <Descriptions.Item label={t('catalogue.fee')}>
            {current.fee.kind === 'free'
              ? t('catalogue.free')
              : formatYuan(current.fee.amountFen, i18n.language)}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(values) => void submit(values)}
        onValuesChange={(changed: Partial<Values>) => {
          key.current = undefined;
          // A company is identified by its 统一社会信用代码; a person by an identity document.
          if (changed.type === 'company') form.setFieldValue('idType', 'unified_social_credit_code');
          if (changed.type === 'person') form.setFieldValue('idType', 'resident_id');
        }}
        initialValues={{ type: 'person', idType: 'resident_id', agentIdType: 'resident_id' }}
      >
        <Card title={<h3 style={{ margin: 0, fontSize: 16 }}>{t('apply.checklist')}</h3>} size="small">
          <Typography.Paragraph>{t('apply.missingHint')}</Typography.Paragraph>
          <Table<ItemMaterial>
            rowKey="code"
            size="small"
            pagination={false}
            dataSource={materials}
            aria-label={t('apply.checklistCaption')}
            columns={[
              {
                title: t('apply.received'),
                width: 80,
                render: (_, material) => (
                  <Checkbox
                    checked={row(material).received}
                    onChange={(event) => update(material, { received: event.target.checked })}
                    aria-label={t('apply.receivedMaterial', { name: material.name })}
                  />
                ),
              },
              { title: t('catalogue.materials'), dataIndex: 'name' },
              {
                title: t('apply.required'),
                render: (_, material) => (
                  <span>
                    {t(`form.${material.form}`)} · {t('apply.requiredCount', { count: material.count })} ·{' '}
                    {t(`requirement.${material.requirement}`)}
                    {material.condition ? ` · ${material.condition}` : ''}
                  </span>
                ),
              },
              {
                title: t('apply.formColumn'),
                render: (_, material) => (
                  <Select<ItemMaterial['form']>
                    size="small"
                    style={{ width: 150 }}
                    value={row(material).form}
                    onChange={(value) => update(material, { form: value })}
                    aria-label={t('apply.receivedForm', { name: material.name })}
                    options={(['original', 'copy', 'original_and_copy', 'electronic'] as const).map(
                      (value) => ({
                        value,
                        label: t(`form.${value}`),
                      }),
                    )}
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
                    value={row(material).count}
                    onChange={(value) => update(material, { count: value ?? 1 })}
                    aria-label={t('apply.receivedCount', { name: material.name })}
                  />
                ),
              },
            ]}
          />
        </Card>
        <Card
          title={<h3 style={{ margin: 0, fontSize: 16 }}>{t('apply.applicant')}</h3>}
          size="small"
          style={{ marginTop: 16 }}
        >
          <Form.Item name="type" label={t('apply.applicantType')}>
            <Radio.Group
              options={[
                { value: 'person', label: t('apply.person') },
                { value: 'company', label: t('apply.company') },
              ]}
            />
          </Form.Item>
          <Space wrap align="start" size="large">
            <Form.Item name="name" label={t('apply.name')} rules={required(t('apply.name'))}>
              <Input maxLength={200} style={{ width: 280 }} />
            </Form.Item>
            <Form.Item name="idType" label={t('apply.idType')}>
              <Select
                style={{ width: 240 }}
                options={ID_TYPES.map((value) => ({ value, label: t(`idType.${value}`) }))}
              />
            </Form.Item>
            <Form.Item
              name="idNumber"
              label={t('apply.idNumber')}
              dependencies={['idType']}
              rules={[...required(t('apply.idNumber')), idNumberOf('idType')]}
            >
              <Input maxLength={64} style={{ width: 240 }} />
            </Form.Item>
            <Form.Item
              name="phone"
              label={t('apply.phone')}
              dependencies={['type']}
              rules={[
                ...required(t('apply.phone')),
                // A person's phone is a mobile number; a company's may be a landline.
                numberRule((value, field) =>
                  phoneRule(field('type') === 'company' ? 'company' : 'person', value),
                ),
              ]}
            >
              <Input maxLength={32} style={{ width: 180 }} />
            </Form.Item>
          </Space>
          <Form.Item name="address" label={t('apply.address')}>
            <Input maxLength={500} />
          </Form.Item>
          <Form.Item name="hasAgent" valuePropName="checked">
            <Checkbox>{t('apply.hasAgent')}</Checkbox>
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.hasAgent !== b.hasAgent}>
            {({ getFieldValue }) =>
              getFieldValue('hasAgent') ? (
                <Space wrap align="start" size="large">
                  <Form.Item
                    name="agentName"
                    label={t('apply.agentName')}
                    rules={required(t('apply.agentName'))}
                  >
                    <Input maxLength={200} style={{ width: 200 }} />
                  </Form.Item>
                  <Form.Item name="agentIdType" label={t('apply.agentIdType')}>
                    <Select
                      style={{ width: 240 }}
                      options={ID_TYPES.map((value) => ({ value, label: t(`idType.${value}`) }))}
                    />
                  </Form.Item>
                  <Form.Item
                    name="agentIdNumber"
                    label={t('apply.agentIdNumber')}
                    dependencies={['agentIdType']}
                    rules={[...required(t('apply.agentIdNumber')), idNumberOf('agentIdType')]}
                  >
                    <Input maxLength={64} style={{ width: 240 }} />
                  </Form.Item>
                  <Form.Item
                    name="agentPhone"
                    label={t('apply.agentPhone')}
                    rules={[
                      ...required(t('apply.agentPhone')),
                      numberRule((value) => phoneRule('person', value)),
                    ]}
                  >
                    <Input maxLength={32} style={{ width: 180 }} />
                  </Form.Item>
                </Space>
              ) : null
            }
          </Form.Item>
        </Card>
        <Space style={{ marginTop: 16 }}>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('apply.submit')}
          </Button>
          <Button onClick={() => navigate('/window')}>{common('actions.back')}</Button>
        </Space>
      </Form>
    </Space>
  );
}
