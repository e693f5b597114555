import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, InputNumber, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { requiredRule } from '../../../forms/rules';
import { PlainSelect } from '../PlainSelect';
import { LimitField } from './LimitField';

/** One row of a list: its controls side by side, each labelled for a screen reader with its row number. */
const ROW = { display: 'flex', gap: 8, alignItems: 'flex-start', flexWrap: 'wrap' as const, marginBottom: 8 };

/** 申报材料: code, name, requirement (with its condition), form and copies, one row per material. */
export function MaterialsList() {
  const { t } = useTranslation('admin');
  const label = (
    key: 'materialCode' | 'materialName' | 'requirement' | 'condition' | 'materialForm' | 'count',
    n: number,
  ) => `${t(`form.${key}`)}（${t('form.row', { n })}）`;
  return (
    <Form.List name="materials">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, index) => (
            <div key={field.key} style={ROW} data-testid="material-row">
              <Form.Item
                name={[field.name, 'code']}
                noStyle
                rules={[requiredRule(t('required', { label: t('form.materialCode') }))]}
              >
                <Input
                  aria-label={label('materialCode', index + 1)}
                  placeholder={t('form.materialCode')}
                  style={{ width: 100 }}
                  maxLength={64}
                />
              </Form.Item>
              <Form.Item
                name={[field.name, 'name']}
                noStyle
                rules={[requiredRule(t('required', { label: t('form.materialName') }))]}
              >
                <Input
                  aria-label={label('materialName', index + 1)}
                  placeholder={t('form.materialName')}
                  style={{ width: 190 }}
                  maxLength={200}
                />
              </Form.Item>
              <Form.Item name={[field.name, 'requirement']} noStyle>
                <Select
                  aria-label={label('requirement', index + 1)}
                  style={{ width: 96 }}
                  options={(['mandatory', 'conditional'] as const).map((r) => ({
                    value: r,
                    label: t(`requirement.${r}`),
                  }))}
                />
              </Form.Item>
              <Form.Item name={[field.name, 'condition']} noStyle>
                <Input
                  aria-label={label('condition', index + 1)}
                  placeholder={t('form.condition')}
                  style={{ width: 130 }}
                  maxLength={500}
                />
              </Form.Item>
              <Form.Item name={[field.name, 'form']} noStyle>
                <Select
                  aria-label={label('materialForm', index + 1)}
                  style={{ width: 120 }}
                  options={(['original', 'copy', 'original_and_copy', 'electronic'] as const).map((f) => ({
                    value: f,
                    label: t(`materialForm.${f}`),
                  }))}
                />
              </Form.Item>
              <Form.Item name={[field.name, 'count']} noStyle>
                <InputNumber
                  min={1}
                  max={100}
                  precision={0}
                  aria-label={label('count', index + 1)}
                  style={{ width: 64 }}
                />
              </Form.Item>
              <Button
                icon={<DeleteOutlined />}
                aria-label={t('form.removeMaterial', { n: index + 1 })}
                onClick={() => remove(field.name)}
              />
            </div>
          ))}
          <Button
            icon={<PlusOutlined />}
            onClick={() => add({ code: '', name: '', requirement: 'mandatory', form: 'original', count: 1 })}
          >
            {t('form.addMaterial')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

/** 承办 → 审核 → 批准: the procedure's steps in order, each with its role and its limit. */
export function StepsList() {
  const { t } = useTranslation('admin');
  const label = (key: 'stepKind' | 'stepName' | 'stepRole' | 'stepLimit', n: number) =>
    `${t(`form.${key}`)}（${t('form.row', { n })}）`;
  return (
    <Form.List name="steps">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, index) => (
            <div key={field.key} style={ROW}>
              <Form.Item name={[field.name, 'kind']} noStyle>
                <Select
                  aria-label={label('stepKind', index + 1)}
                  style={{ width: 90 }}
                  options={(['handle', 'review', 'approve'] as const).map((k) => ({
                    value: k,
                    label: t(`stepKind.${k}`),
                  }))}
                />
              </Form.Item>
              <Form.Item
                name={[field.name, 'name']}
                noStyle
                rules={[requiredRule(t('required', { label: t('form.stepName') }))]}
              >
                <Input
                  aria-label={label('stepName', index + 1)}
                  placeholder={t('form.stepName')}
                  style={{ width: 160 }}
                  maxLength={100}
                />
              </Form.Item>
              <Form.Item name={[field.name, 'role']} noStyle>
                <Select
                  aria-label={label('stepRole', index + 1)}
                  style={{ width: 100 }}
                  options={(['officer', 'reviewer', 'head'] as const).map((r) => ({
                    value: r,
                    label: t(`stepRole.${r}`),
                  }))}
                />
              </Form.Item>
              <LimitField name={[field.name, 'limit']} label={label('stepLimit', index + 1)} />
              <Button
                icon={<DeleteOutlined />}
                aria-label={t('form.removeStep', { n: index + 1 })}
                onClick={() => remove(field.name)}
              />
            </div>
          ))}
          <Button
            icon={<PlusOutlined />}
            onClick={() =>
              add({ kind: 'handle', name: '', role: 'officer', limit: { value: 1, unit: 'working_days' } })
            }
          >
            {t('form.addStep')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

/** 联办件: the lead department and each co-handling department with its limit. */
export function JointFields({ departments }: { departments: { value: string; label: string }[] }) {
  const { t } = useTranslation('admin');
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Form.Item
        name="leadDepartment"
        label={t('form.leadDepartment')}
        rules={[requiredRule(t('required', { label: t('form.leadDepartment') }))]}
      >
        <PlainSelect options={departments} showSearch optionFilterProp="label" style={{ maxWidth: 360 }} />
      </Form.Item>
      <Form.List name="coHandlers">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, index) => (
              <div key={field.key} style={ROW}>
                <Form.Item
                  name={[field.name, 'department']}
                  noStyle
                  rules={[requiredRule(t('required', { label: t('form.coHandlerDepartment') }))]}
                >
                  <PlainSelect
                    aria-label={`${t('form.coHandlerDepartment')}（${t('form.row', { n: index + 1 })}）`}
                    options={departments}
                    showSearch
                    optionFilterProp="label"
                    style={{ width: 300 }}
                  />
                </Form.Item>
                <LimitField
                  name={[field.name, 'limit']}
                  label={`${t('form.coHandlerLimit')}（${t('form.row', { n: index + 1 })}）`}
                />
                <Button
                  icon={<DeleteOutlined />}
                  aria-label={t('form.removeCoHandler', { n: index + 1 })}
                  onClick={() => remove(field.name)}
                />
              </div>
            ))}
            <Button
              icon={<PlusOutlined />}
              onClick={() => add({ department: undefined, limit: { value: 5, unit: 'working_days' } })}
            >
              {t('form.addCoHandler')}
            </Button>
          </>
        )}
      </Form.List>
    </Space>
  );
}
