import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter } from 'react-router-dom';
import { SessionProvider } from '../auth/session';
import { AppRoutes } from './routes';

/**
 * The console's one theme. The system's Chinese UI fonts first (nothing to download before the page can
 * be read). Ant Design's lighter greys, links and danger red are darkened so that every text keeps WCAG
 * AA's 4.5:1 on the shell's grey background (axe-core checks every screen).
 */
const THEME = {
  token: {
    fontFamily: '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", sans-serif',
    colorPrimary: '#1f5fbf',
    // A hovered or pressed button keeps its white text readable (Ant Design lightens them by default).
    colorPrimaryHover: '#174a94',
    colorPrimaryActive: '#123a75',
    colorLink: '#1f5fbf',
    colorLinkHover: '#174a94',
    colorLinkActive: '#123a75',
    colorTextSecondary: 'rgba(0, 0, 0, 0.7)',
    colorTextDescription: 'rgba(0, 0, 0, 0.68)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.68)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
    colorTextDisabled: 'rgba(0, 0, 0, 0.55)',
    colorError: '#c41d1f',
    // No motion for those who asked their system for less of it.
    motion: !(typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches),
  },
};

/** Providers: the language (antd's locale and dayjs's follow i18next), the session, the router. */
export function App() {
  const { i18n } = useTranslation();
  const zh = i18n.language !== 'en';
  useEffect(() => {
    dayjs.locale(zh ? 'zh-cn' : 'en');
    document.documentElement.lang = zh ? 'zh-CN' : 'en';
    document.title = i18n.t('app.name');
  }, [zh, i18n]);
  return (
    <ConfigProvider locale={zh ? zhCN : enUS} theme={THEME}>
      <AntApp>
        <SessionProvider>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}
