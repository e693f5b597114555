import { supervision } from '@docket/contracts';
import type { RatedState } from '@docket/domain';
import { Form, Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { requiredRule } from '../../forms/rules';
import { CommandDialog, type Sent, trimmed } from './CommandDialog';
import type { RatingAction } from './permissions';

interface Values {
  text?: string;
  upheld?: boolean;
}

/** 回访, 整改, 申诉 and the appeal's decision: each with the text the domain requires. */
export function RatingDialog({
  action,
  rating,
  revision,
  onClose,
}: {
  action: RatingAction;
  rating: RatedState;
  revision: string | null;
  onClose: (sent?: Sent) => void;
}) {
  const { t } = useTranslation('supervision');
  const send = (v: Values, idempotencyKey: string): Promise<Sent> => {
    const params = { caseNo: rating.caseNo };
    const options = { idempotencyKey, ...(revision === null ? {} : { ifMatch: revision }) };
    const text = trimmed(v.text);
    switch (action) {
      case 'callBack':
        return call(supervision.recordCallBack, { params, body: { notes: text } }, options);
      case 'rectify':
        return call(supervision.recordRectification, { params, body: { measures: text } }, options);
      case 'appeal':
        return call(supervision.appealRating, { params, body: { reason: text } }, options);
      case 'decideAppeal':
        return call(
          supervision.decideRatingAppeal,
          { params, body: { upheld: v.upheld === true, reason: text } },
          options,
        );
    }
  };
  const [label, required] =
    action === 'callBack'
      ? [t('rating.dialog.notes'), t('rating.dialog.notesRequired')]
      : action === 'rectify'
        ? [t('rating.dialog.measures'), t('rating.dialog.measuresRequired')]
        : action === 'appeal'
          ? [t('rating.dialog.reason'), t('reasonRequired')]
          : [t('rating.dialog.decisionReason'), t('reasonRequired')];
  return (
    <CommandDialog<Values> title={t(`rating.actions.${action}`)} send={send} onClose={onClose}>
      {action === 'decideAppeal' && (
        <Form.Item
          name="upheld"
          label={t('rating.dialog.upheld')}
          rules={[{ required: true, message: t('rating.dialog.upheldRequired') }]}
        >
          <Radio.Group
            options={[
              { value: true, label: t('rating.dialog.uphold') },
              { value: false, label: t('rating.dialog.dismiss') },
            ]}
          />
        </Form.Item>
      )}
      <Form.Item name="text" label={label} rules={[requiredRule(required)]}>
        <Input.TextArea
          rows={4}
          maxLength={action === 'appeal' || action === 'decideAppeal' ? 4000 : 8000}
          showCount
        />
      </Form.Item>
    </CommandDialog>
  );
}
