import { Select, type SelectProps } from 'antd';

/**
 * A Select inside a required Form.Item. The form marks its child `aria-required`, which antd's Select puts
 * on its outer div, where ARIA does not allow it (axe: aria-allowed-attr, critical); the label's mark and
 * the error message the form announces still say that the field is required.
 */
export function PlainSelect(props: SelectProps & { 'aria-required'?: unknown }) {
  const { 'aria-required': _, ...rest } = props;
  return <Select {...rest} />;
}
