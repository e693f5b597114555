import type { CSSProperties } from 'react';

/**
 * Tag colours with dark text on a pale ground (WCAG AA): antd's preset green and gold tags draw their
 * text too light for axe. Every tag also says its meaning in words.
 */
export const TAG_STYLE = {
  good: { color: '#135200', background: '#f6ffed', borderColor: '#95de64' },
  bad: { color: '#a8071a', background: '#fff1f0', borderColor: '#ff7875' },
  info: { color: '#003eb3', background: '#e6f4ff', borderColor: '#69b1ff' },
  note: { color: '#613400', background: '#fff7cc', borderColor: '#fadb14' },
} satisfies Record<string, CSSProperties>;
