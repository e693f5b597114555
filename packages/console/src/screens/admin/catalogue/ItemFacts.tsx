import { retentionOf, type ServiceItemVersion } from '@docket/domain';
import { Descriptions, List } from 'antd';
import { useTranslation } from 'react-i18next';
import { useItemText } from './item-text';

/**
 * One version of an item in full: every field the guide publishes, said as the diff says it. The
 * retention period is always said: a version that names none has the default's (定期30年).
 */
export function ItemFacts({ item }: { item: ServiceItemVersion }) {
  const { t } = useTranslation('admin');
  const { limit, fee, material, step, retentionPeriod, departmentName } = useItemText();
  // An item that names no period keeps its files for the default's, on the default's basis.
  const retention = retentionOf(item);
  const period = retentionPeriod(retention);
  return (
    <Descriptions size="small" column={2} bordered>
      <Descriptions.Item label={t('form.name')}>{item.name}</Descriptions.Item>
      <Descriptions.Item label={t('form.department')}>{departmentName(item.department)}</Descriptions.Item>
      <Descriptions.Item label={t('form.legalBasis')} span={2}>
        {item.legalBasis}
      </Descriptions.Item>
      <Descriptions.Item label={t('form.category')}>{t(`category.${item.category}`)}</Descriptions.Item>
      <Descriptions.Item label={t('form.fee')}>{fee(item.fee)}</Descriptions.Item>
      <Descriptions.Item label={t('form.statutoryLimit')}>{limit(item.statutoryLimit)}</Descriptions.Item>
      <Descriptions.Item label={t('form.promisedLimit')}>{limit(item.promisedLimit)}</Descriptions.Item>
      <Descriptions.Item label={t('form.correctionLimit')}>{limit(item.correctionLimit)}</Descriptions.Item>
      <Descriptions.Item label={t('form.statutoryOverride')}>
        {item.statutoryOverride?.basis ?? t('none')}
      </Descriptions.Item>
      <Descriptions.Item label={t('form.materials')} span={2}>
        <List
          size="small"
          dataSource={item.materials}
          renderItem={(m) => <List.Item>{material(m)}</List.Item>}
        />
      </Descriptions.Item>
      <Descriptions.Item label={t('form.steps')} span={2}>
        <List size="small" dataSource={item.steps} renderItem={(s) => <List.Item>{step(s)}</List.Item>} />
      </Descriptions.Item>
      {item.joint && (
        <Descriptions.Item label={t('form.joint')} span={2}>
          {t('form.leadDepartment')}：{departmentName(item.joint.leadDepartment)}；{t('form.coHandlers')}：
          {item.joint.coHandlers
            .map((c) => `${departmentName(c.department)}（${limit(c.limit)}）`)
            .join('、')}
        </Descriptions.Item>
      )}
      <Descriptions.Item label={t('form.deemedApprovalOnTimeout')}>
        {item.deemedApprovalOnTimeout ? t('yes') : t('no')}
      </Descriptions.Item>
      <Descriptions.Item label={t('form.coHandlerSilenceIsConsent')}>
        {item.coHandlerSilenceIsConsent ? t('yes') : t('no')}
      </Descriptions.Item>
      <Descriptions.Item label={t('form.retention')}>
        {item.retention === undefined ? t('retention.default', { period }) : period}
      </Descriptions.Item>
      <Descriptions.Item label={t('form.retentionBasis')}>{retention.basis ?? t('none')}</Descriptions.Item>
    </Descriptions>
  );
}
