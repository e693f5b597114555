import { configure } from '@testing-library/react';
import '../src/i18n';

// jsdom has no matchMedia; antd's responsive hooks (Form's grid) ask it on mount.
if (typeof window !== 'undefined' && typeof window.matchMedia !== 'function') {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList;
}

// findBy… and waitFor wait for what the user would see, for up to 1 s by default: under `npm test`
// (every package's suites at once on two cores) antd's validation takes longer than that to show its
// message. The wait ends as soon as the text appears; it only fails when the text never does.
configure({ asyncUtilTimeout: 10_000 });
