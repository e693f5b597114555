import type { DevTokenReply } from '@docket/contracts';
import type { Actor } from '@docket/domain';
import { Alert, Button, Card, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import type { z } from 'zod';
import { send } from '../../api/client';
import { useDepartmentName } from '../../api/departments';
import { problemText } from '../../api/problem-text';
import { useLoad } from '../../api/use-call';
import { DevelopmentBanner } from '../../app/DevelopmentBanner';
import { authConfig, oidcSettingsOf } from '../../auth/auth-config';
import { signOutRemembered, startSignIn } from '../../auth/oidc';
import { useSession } from '../../auth/session';
import { signInFailureText } from './failure';

/**
 * Sign-in. In the embedded mode the gateway offers its seeded users (GET /api/dev/users, a route that
 * exists only there): pick one. Where the gateway names an OpenID provider (GET /api/auth/config), the
 * user signs in there (authorization code + PKCE) and comes back to /signin/callback, then to the page that
 * sent them here (kept with the pending sign-in). After a sign-out the provider's session could not end, the
 * provider is asked for a login (`prompt=login`), not to sign the same person straight back in.
 */
export default function SignIn() {
  const { t } = useTranslation('signin');
  const { t: common } = useTranslation();
  const departmentName = useDepartmentName();
  const { signIn } = useSession();
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from ?? '/';
  const auth = useLoad(() => authConfig(), []);
  const devTokens = auth.data?.devTokens === true;
  const oidc = auth.data === undefined ? undefined : oidcSettingsOf(auth.data);
  const users = useLoad(
    async () => (devTokens ? send<Actor[]>('GET', '/api/dev/users') : undefined),
    [devTokens],
  );
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState<string>();

  const choose = async (user: Actor) => {
    setBusy(user.id);
    setFailure(undefined);
    try {
      const { token, expiresIn } = await send<z.infer<typeof DevTokenReply>>('POST', '/api/dev/tokens', {
        userId: user.id,
      });
      await signIn(token, expiresIn);
      navigate(from, { replace: true });
    } catch (error) {
      setFailure(t('failed', { detail: problemText(error, common) }));
    } finally {
      setBusy(undefined);
    }
  };

  const singleSignOn = async () => {
    if (oidc === undefined) return;
    setBusy('oidc');
    setFailure(undefined);
    try {
      const { url } = await startSignIn(
        oidc,
        { storage: sessionStorage },
        { returnTo: from, ...(signOutRemembered(localStorage) ? { prompt: 'login' } : {}) },
      );
      location.assign(url);
    } catch (error) {
      setFailure(signInFailureText(error, t, common));
      setBusy(undefined);
    }
  };

  return (
    <main id="main" style={{ maxWidth: 720, margin: '48px auto', padding: 16 }}>
      <DevelopmentBanner />
      <Typography.Title level={1} style={{ fontSize: 28 }}>
        {common('app.name')}
      </Typography.Title>
      <Card title={<h2 style={{ margin: 0, fontSize: 20 }}>{t('title')}</h2>}>
        <Space direction="vertical" style={{ width: '100%' }}>
          {failure && <Alert type="error" message={failure} showIcon />}
          {auth.error !== undefined && (
            <Alert type="error" message={problemText(auth.error, common)} showIcon />
          )}
          {oidc !== undefined && (
            <>
              <Typography.Paragraph>{t('oidcHint')}</Typography.Paragraph>
              <Button
                type="primary"
                size="large"
                loading={busy === 'oidc'}
                onClick={() => void singleSignOn()}
              >
                {t('oidcButton')}
              </Button>
            </>
          )}
          {auth.data?.mode === 'none' && !devTokens && (
            <Typography.Paragraph>{t('noSignIn')}</Typography.Paragraph>
          )}
          {users.data !== undefined ? (
            <>
              <Typography.Paragraph>{t('developmentHint')}</Typography.Paragraph>
              <List
                aria-label={t('chooseUser')}
                dataSource={users.data.filter((user) => !user.roles.includes('applicant'))}
                renderItem={(user) => (
                  <List.Item
                    actions={[
                      <Button
                        key="signin"
                        type="primary"
                        loading={busy === user.id}
                        onClick={() => void choose(user)}
                      >
                        {t('signInAs', { name: user.name })}
                      </Button>,
                    ]}
                  >
                    <List.Item.Meta
                      title={user.name}
                      description={
                        <Space wrap>
                          {user.roles.map((role) => (
                            <Tag key={role} color="blue">
                              {common(`roles.${role}`)}
                            </Tag>
                          ))}
                          <span>{departmentName(user.department)}</span>
                        </Space>
                      }
                    />
                  </List.Item>
                )}
              />
            </>
          ) : null}
          <Link to="/status">{t('publicStatus')}</Link>
        </Space>
      </Card>
    </main>
  );
}
