/** The sign-in screen's words (namespace `signin`). zh-CN is the reference; en must have the same keys. */
export const zh = {
  title: '登录',
  developmentHint: '开发模式：选择一位演示用户登录（仅在单机开发模式下提供）。',
  chooseUser: '选择用户',
  signInAs: '以 {{name}} 身份登录',
  oidcHint: '请使用统一身份认证登录。',
  oidcButton: '统一身份认证登录',
  publicStatus: '申请人：查询办件进度（无需登录）',
  failed: '登录失败：{{detail}}',
  completing: '正在完成登录…',
  tryAgain: '重新登录',
  oidcNotConfigured: '本系统未配置统一身份认证。',
  noSignIn: '本系统未提供网页登录，请联系管理员。',
};

export const en: typeof zh = {
  title: 'Sign in',
  developmentHint:
    'Development mode: sign in as one of the demo users (offered only in the one-machine development mode).',
  chooseUser: 'Choose a user',
  signInAs: 'Sign in as {{name}}',
  oidcHint: 'Sign in with your organisation’s account.',
  oidcButton: 'Sign in with single sign-on',
  publicStatus: 'Applicants: track an application (no sign-in)',
  failed: 'Sign-in failed: {{detail}}',
  completing: 'Completing sign-in…',
  tryAgain: 'Sign in again',
  oidcNotConfigured: 'Single sign-on is not configured here.',
  noSignIn: 'This deployment offers no sign-in in the browser; ask your administrator.',
};
