import { Card, Col, Form, type FormInstance, Input, InputNumber, Radio, Row, Switch } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { requiredRule } from '../../../forms/rules';
import { PlainSelect } from '../PlainSelect';
import { useDepartmentOptions } from './departments';
import { JointFields, MaterialsList, StepsList } from './ItemFormLists';
import type { ItemFormValues } from './item-values';
import { LimitField } from './LimitField';
import { RetentionFields } from './RetentionFields';

/**
 * 事项: every field the catalogue's contract requires, in the order a guide publishes them. A revision
 * keeps the code (the item's stream); the domain checks the rules between fields
 * (promised within statutory, steps within promised, joint handling…) and answers all broken at once;
 * the editor puts each on its field. Last, the 保管期限 of the item's case files.
 */
export function ItemForm({
  form,
  initial,
  revising,
  onChange,
  aside,
}: {
  form: FormInstance<ItemFormValues>;
  initial: ItemFormValues;
  revising: boolean;
  onChange: () => void;
  /** Beside the fields, inside the form: the differences, the note and the save button. */
  aside: ReactNode;
}) {
  const { t } = useTranslation('admin');
  const departments = useDepartmentOptions();
  const category = Form.useWatch('category', form);
  const feeKind = Form.useWatch('feeKind', form);
  const required = (label: string) => requiredRule(t('required', { label }));

  return (
    <Form<ItemFormValues> form={form} layout="vertical" initialValues={initial} onValuesChange={onChange}>
      <Row gutter={16} align="top">
        <Col xs={24} xl={15}>
          <Card size="small" title={t('form.basics')} style={{ marginBottom: 16 }}>
            <Row gutter={16}>
              <Col span={6}>
                <Form.Item name="code" label={t('form.code')} rules={[required(t('form.code'))]}>
                  <Input disabled={revising} maxLength={64} />
                </Form.Item>
              </Col>
              <Col span={10}>
                <Form.Item name="name" label={t('form.name')} rules={[required(t('form.name'))]}>
                  <Input maxLength={200} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item
                  name="department"
                  label={t('form.department')}
                  rules={[required(t('form.department'))]}
                >
                  <PlainSelect options={departments} showSearch optionFilterProp="label" />
                </Form.Item>
              </Col>
              <Col span={16}>
                <Form.Item
                  name="legalBasis"
                  label={t('form.legalBasis')}
                  rules={[required(t('form.legalBasis'))]}
                >
                  <Input.TextArea rows={2} maxLength={2000} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="category" label={t('form.category')}>
                  <Radio.Group
                    optionType="button"
                    options={(['instant', 'promised', 'joint'] as const).map((c) => ({
                      value: c,
                      label: t(`category.${c}`),
                    }))}
                  />
                </Form.Item>
              </Col>
            </Row>
          </Card>
          <Card size="small" title={t('form.limits')} style={{ marginBottom: 16 }}>
            <Row gutter={16}>
              {(['statutoryLimit', 'promisedLimit', 'correctionLimit'] as const).map((field) => (
                <Col span={8} key={field}>
                  <Form.Item label={t(`form.${field}`)} required>
                    <LimitField name={[field]} label={t(`form.${field}`)} />
                  </Form.Item>
                </Col>
              ))}
              <Col span={24}>
                <Form.Item
                  name="statutoryOverrideBasis"
                  label={t('form.statutoryOverride')}
                  extra={t('form.statutoryOverrideHelp')}
                >
                  <Input maxLength={2000} />
                </Form.Item>
              </Col>
            </Row>
          </Card>
          <Card size="small" title={t('form.fee')} style={{ marginBottom: 16 }}>
            <Row gutter={16}>
              <Col span={8}>
                <Form.Item name="feeKind" label={t('form.fee')}>
                  <Radio.Group
                    options={(['free', 'fixed'] as const).map((k) => ({
                      value: k,
                      label: t(`form.feeKind.${k}`),
                    }))}
                  />
                </Form.Item>
              </Col>
              {feeKind === 'fixed' && (
                <>
                  <Col span={6}>
                    <Form.Item name="feeYuan" label={t('form.feeYuan')} rules={[required(t('form.feeYuan'))]}>
                      <InputNumber min={0.01} precision={2} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col span={10}>
                    <Form.Item
                      name="feeBasis"
                      label={t('form.feeBasis')}
                      rules={[required(t('form.feeBasis'))]}
                    >
                      <Input maxLength={500} />
                    </Form.Item>
                  </Col>
                </>
              )}
            </Row>
          </Card>
          <Card size="small" title={t('form.materials')} style={{ marginBottom: 16 }}>
            <MaterialsList />
          </Card>
          <Card size="small" title={t('form.steps')} style={{ marginBottom: 16 }}>
            <StepsList />
          </Card>
          {category === 'joint' && (
            <Card size="small" title={t('form.joint')} style={{ marginBottom: 16 }}>
              <JointFields departments={departments} />
            </Card>
          )}
          <Card size="small" title={t('form.rules')} style={{ marginBottom: 16 }}>
            <Form.Item
              name="deemedApprovalOnTimeout"
              label={t('form.deemedApprovalOnTimeout')}
              valuePropName="checked"
            >
              <Switch />
            </Form.Item>
            <Form.Item
              name="coHandlerSilenceIsConsent"
              label={t('form.coHandlerSilenceIsConsent')}
              valuePropName="checked"
            >
              <Switch />
            </Form.Item>
          </Card>
          <RetentionFields form={form} />
        </Col>
        <Col xs={24} xl={9} style={{ position: 'sticky', top: 16 }}>
          {aside}
        </Col>
      </Row>
    </Form>
  );
}
