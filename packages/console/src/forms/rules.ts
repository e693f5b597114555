import type { FormRule } from 'antd';

/** Nothing given: no value, an empty list, or text of whitespace only. */
export function isBlank(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  return Array.isArray(value) && value.length === 0;
}

/**
 * A required field, refused with `message` (already translated) while blank. Whitespace-only text is
 * blank, as the domain refuses blank reasons; a chosen number or option passes (antd's own
 * `whitespace: true` would refuse any value that is not a string). `required` stays on the rule, so
 * antd still marks the field and sets `aria-required`.
 */
export function requiredRule(message: string): FormRule {
  return {
    required: true,
    message,
    validator: (_rule, value) => (isBlank(value) ? Promise.reject(new Error(message)) : Promise.resolve()),
  };
}
