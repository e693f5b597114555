import { DEFAULT_RETENTION } from '@docket/domain';
import {
  Card,
  Col,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Radio,
  type RadioChangeEvent,
  Row,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { requiredRule } from '../../../forms/rules';
import { useItemText } from './item-text';
import type { ItemFormValues, RetentionChoice } from './item-values';

const CHOICES = ['default', 'years', 'permanent'] as const satisfies readonly RetentionChoice[];
const LABEL_ID = 'item-retention-label';

/**
 * 保管期限, a card of the item form: the default (定期30年, said with its basis), a number of years, or
 * permanent. A period chosen names its basis (the domain's RetentionBasisRequired); the default needs
 * none, its basis is the archives rule's. The years and the basis stay in the form while the default is
 * chosen, and are not sent. The card's title names the choice (no second label saying the same).
 */
export function RetentionFields({ form }: { form: FormInstance<ItemFormValues> }) {
  const { t } = useTranslation('admin');
  const { retentionPeriod } = useItemText();
  const kind = Form.useWatch('retentionKind', form) ?? 'default';
  const yearsRange = t('form.retentionYearsRange');
  const choices = CHOICES.map((value) => ({
    value,
    label:
      value === 'default'
        ? t('form.retentionKind.default', { period: retentionPeriod(DEFAULT_RETENTION) })
        : t(`form.retentionKind.${value}`),
  }));
  return (
    <Card size="small" title={<span id={LABEL_ID}>{t('form.retention')}</span>} style={{ marginBottom: 16 }}>
      <Row gutter={16}>
        <Col span={24}>
          <Form.Item
            name="retentionKind"
            extra={
              <>
                <div>{t('form.retentionHelp')}</div>
                {kind === 'default' && (
                  <div>{t('form.retentionDefaultBasis', { basis: DEFAULT_RETENTION.basis })}</div>
                )}
              </>
            }
          >
            <RetentionChoices options={choices} />
          </Form.Item>
        </Col>
        {kind === 'years' && (
          <Col span={6}>
            <Form.Item
              name="retentionYears"
              label={t('form.retentionYears')}
              rules={[
                requiredRule(t('required', { label: t('form.retentionYears') })),
                { type: 'integer', min: 1, max: 100, message: yearsRange },
              ]}
            >
              <InputNumber min={1} max={100} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        )}
        {kind !== 'default' && (
          <Col span={kind === 'years' ? 18 : 24}>
            <Form.Item
              name="retentionBasis"
              label={t('form.retentionBasis')}
              extra={t('form.retentionBasisHelp')}
              rules={[requiredRule(t('required', { label: t('form.retentionBasis') }))]}
            >
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          </Col>
        )}
      </Row>
    </Card>
  );
}

/**
 * The three choices as a radio group named by the form item's label, described by its help (the
 * Form.Item hands down `aria-describedby`); arrow keys move between them as between any radios.
 */
function RetentionChoices({
  options,
  value,
  onChange,
  id,
  'aria-describedby': describedBy,
}: {
  options: { value: RetentionChoice; label: string }[];
  value?: RetentionChoice;
  onChange?: (value: RetentionChoice) => void;
  id?: string;
  'aria-describedby'?: string;
}) {
  return (
    <div role="radiogroup" aria-labelledby={LABEL_ID} aria-describedby={describedBy}>
      <Radio.Group
        id={id}
        value={value}
        options={options}
        onChange={(event: RadioChangeEvent) => onChange?.(event.target.value as RetentionChoice)}
      />
    </div>
  );
}
