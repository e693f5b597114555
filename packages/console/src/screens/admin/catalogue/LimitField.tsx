import { Form, InputNumber, Select, Space } from 'antd';
import type { NamePath } from 'antd/es/form/interface';
import { useTranslation } from 'react-i18next';

/** A time limit: a number and its unit, working days or (natural) days, each with its own label. */
export function LimitField({ name, label }: { name: (string | number)[]; label: string }) {
  const { t } = useTranslation('admin');
  const path = (field: string): NamePath => [...name, field];
  return (
    <Space.Compact>
      <Form.Item name={path('value')} noStyle rules={[{ required: true, message: t('required', { label }) }]}>
        <InputNumber
          min={0}
          max={3650}
          precision={0}
          aria-label={t('form.limitValue', { label })}
          style={{ width: 90 }}
        />
      </Form.Item>
      <Form.Item name={path('unit')} noStyle>
        <Select
          aria-label={t('form.limitUnit', { label })}
          style={{ width: 130 }}
          options={(['working_days', 'natural_days'] as const).map((unit) => ({
            value: unit,
            label: t(`unit.${unit}`),
          }))}
        />
      </Form.Item>
    </Space.Compact>
  );
}
