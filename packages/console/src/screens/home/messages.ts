/** The home screens' words (namespace `home`). zh-CN is the reference; en must have the same keys. */
export const zh = {
  title: 'home',
};

export const en: typeof zh = {
  title: 'home',
};
