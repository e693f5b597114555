import type { ApplicationState } from '@docket/domain';
import { Alert, Button, Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Disclosure } from './DisclosureDialog';
import { formatInstant } from './words';

/**
 * What a disclosure unmasked, shown this once (the next reading of the case is masked again), with who
 * disclosed it, when and why, as the ledger recorded it.
 */
export function DisclosedPanel({
  disclosure,
  reason,
  onHide,
}: {
  disclosure: Disclosure;
  reason: string;
  onHide: () => void;
}) {
  const { t, i18n } = useTranslation('audit');
  const recorded = disclosure.entries.find((e) => e.eventId === disclosure.disclosure.eventId);
  const application = disclosure.state.application as ApplicationState | null;
  const people = [application?.applicant, application?.applicant?.agent].filter((p) => p !== undefined);
  const fields = disclosure.disclosed ?? [];
  return (
    <Alert
      type="warning"
      showIcon
      message={t('disclose.shownTitle')}
      action={
        <Button size="small" onClick={onHide}>
          {t('disclose.hide')}
        </Button>
      }
      description={
        <>
          <p style={{ margin: '0 0 8px' }}>
            {t('disclose.shownNote', {
              name: recorded?.actor.name ?? '',
              at: formatInstant(recorded?.occurredAt, i18n.language),
              reason: recorded?.reason ?? reason,
            })}
          </p>
          {people.map((person) => (
            <Descriptions
              key={`${person.name}-${person.idNumber}`}
              size="small"
              column={3}
              title={person.name}
              items={fields.map((field) => ({
                key: field,
                label: t(`disclose.field.${field}`),
                children: (person as Partial<Record<typeof field, string>>)[field] ?? '—',
              }))}
            />
          ))}
        </>
      }
    />
  );
}
