import { Radio, type RadioChangeEvent } from 'antd';

/**
 * One choice of a few, as large touch targets (a radio per line), announced as a radio group named by
 * the form item's label (`labelId`). Controlled by the antd Form.Item around it (value, onChange, id).
 */
export function Choices<T extends string | number>({
  labelId,
  options,
  value,
  onChange,
  id,
}: {
  labelId: string;
  options: readonly { value: T; label: string }[];
  value?: T;
  onChange?: (value: T) => void;
  id?: string;
}) {
  return (
    <div role="radiogroup" aria-labelledby={labelId}>
      <Radio.Group
        id={id}
        value={value}
        onChange={(event: RadioChangeEvent) => onChange?.(event.target.value as T)}
        style={{ display: 'block' }}
      >
        {options.map((option) => (
          <Radio key={String(option.value)} value={option.value} className="applicant-choice">
            {option.label}
          </Radio>
        ))}
      </Radio.Group>
    </div>
  );
}
