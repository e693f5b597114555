import type { Role } from '@docket/domain';
import { Button, Layout, Menu, Select, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { useDepartmentName } from '../api/departments';
import { useSession } from '../auth/session';
import { LANGUAGES, type Language, rememberLanguage } from '../i18n';
import { DevelopmentBanner } from './DevelopmentBanner';
import { AREA_ROLES } from './roles';

type Area = 'window' | 'cases' | 'inbox' | 'wall' | 'supervision' | 'audit' | 'admin';

const NAV: { path: string; key: Area; roles: readonly Role[] }[] = [
  { path: '/window', key: 'window', roles: AREA_ROLES.window },
  { path: '/inbox', key: 'inbox', roles: AREA_ROLES.inbox },
  { path: '/cases', key: 'cases', roles: AREA_ROLES.cases },
  { path: '/wall', key: 'wall', roles: AREA_ROLES.wall },
  { path: '/supervision', key: 'supervision', roles: AREA_ROLES.supervision },
  { path: '/audit', key: 'audit', roles: AREA_ROLES.audit },
  { path: '/admin', key: 'admin', roles: AREA_ROLES.admin },
];

/** The frame of every signed-in screen: what the user may open, who they are, the language. */
export function Shell({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { session, can, signOut, signOutEverywhere } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const items = NAV.filter((item) => can(...item.roles)).map((item) => ({
    key: item.path,
    label: <Link to={item.path}>{t(`nav.${item.key}`)}</Link>,
  }));
  const selected = NAV.find((item) => location.pathname.startsWith(item.path))?.path;
  const actor = session?.actor;
  const departmentName = useDepartmentName();
  return (
    <Layout style={{ minHeight: '100%' }}>
      <a href="#main" className="skip-link">
        {t('shell.skipToContent')}
      </a>
      <DevelopmentBanner />
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24, paddingInline: 24 }}>
        <Link to="/" style={{ color: '#fff', fontSize: 18, fontWeight: 600, whiteSpace: 'nowrap' }}>
          {t('app.name')}
        </Link>
        <nav aria-label={t('nav.home')} style={{ flex: 1, minWidth: 0 }}>
          <Menu theme="dark" mode="horizontal" items={items} selectedKeys={selected ? [selected] : []} />
        </nav>
        <Space size="middle">
          {actor && (
            <Typography.Text style={{ color: '#fff' }}>
              {t('shell.signedInAs', {
                name: actor.name,
                roles: actor.roles.map((role) => t(`roles.${role}`)).join('、'),
              })}
              {actor.department && ` · ${departmentName(actor.department)}`}
            </Typography.Text>
          )}
          <Select<Language>
            aria-label={t('shell.language')}
            size="small"
            value={i18n.language === 'en' ? 'en' : 'zh-CN'}
            onChange={rememberLanguage}
            options={LANGUAGES.map((language) => ({
              value: language,
              label: language === 'en' ? 'English' : '中文',
            }))}
            style={{ width: 96 }}
          />
          <Button
            size="small"
            onClick={() => {
              if (session?.idToken === undefined) {
                signOut();
                navigate('/signin');
                return;
              }
              // An OpenID Connect session ends at the provider too (its end-session page, then /signin).
              void signOutEverywhere().then((providerSignOut) => {
                if (providerSignOut === undefined) navigate('/signin');
                else window.location.assign(providerSignOut);
              });
            }}
          >
            {t('shell.signOut')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content id="main" tabIndex={-1} style={{ padding: 24 }}>
        {children}
      </Layout.Content>
    </Layout>
  );
}
