import type { Actor } from '@docket/domain';
import { Alert, Button, Card, Space, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { send } from '../../api/client';
import { problemText } from '../../api/problem-text';
import { useLoad } from '../../api/use-call';
import { useSession } from '../../auth/session';

interface DevToken {
  token: string;
  expiresIn: number;
}

/**
 * Ratings and complaints go under the applicant's own account (the API's policy: a rating by the case's
 * own applicant, a complaint online in one's own name), so these pages ask the applicant to sign in. In
 * the embedded mode the gateway offers its seeded applicants; elsewhere the centre's identity provider.
 * Staff signed in in this tab are told these pages are the applicants', and may sign out.
 */
export function ApplicantGate({ children }: { children: (applicant: Actor) => ReactNode }) {
  const { t } = useTranslation('applicant');
  const { t: common } = useTranslation();
  const { session, signIn, signOut } = useSession();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState<string>();
  const signedIn = session !== undefined;
  const users = useLoad(
    (signal) =>
      signedIn
        ? Promise.resolve(undefined)
        : send<Actor[]>('GET', '/api/dev/users', undefined, { signal }).catch(() => undefined),
    [signedIn],
  );

  if (session !== undefined) {
    const actor = session.actor;
    if (actor.roles.includes('applicant'))
      return (
        <>
          <Space wrap style={{ marginBottom: 12 }}>
            <Typography.Text>{t('signIn.signedInAs', { name: actor.name })}</Typography.Text>
            <Button type="link" onClick={signOut} style={{ minHeight: 44, paddingInline: 4 }}>
              {t('signIn.signOut')}
            </Button>
          </Space>
          {children(actor)}
        </>
      );
    return (
      <Alert
        type="warning"
        showIcon
        message={t('signIn.notApplicant', { name: actor.name })}
        action={
          <Button onClick={signOut} size="large">
            {t('signIn.signOut')}
          </Button>
        }
      />
    );
  }

  const choose = async (user: Actor) => {
    setBusy(user.id);
    setFailure(undefined);
    try {
      const { token, expiresIn } = await send<DevToken>('POST', '/api/dev/tokens', { userId: user.id });
      await signIn(token, expiresIn);
    } catch (error) {
      setFailure(t('signIn.failed', { detail: problemText(error, common) }));
    } finally {
      setBusy(undefined);
    }
  };

  const applicants = users.data?.filter((user) => user.roles.includes('applicant'));
  return (
    <Card>
      <Typography.Title level={3} style={{ fontSize: 18, marginTop: 0 }}>
        {t('signIn.heading')}
      </Typography.Title>
      <Typography.Paragraph>{t('signIn.why')}</Typography.Paragraph>
      {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 12 }} />}
      {applicants !== undefined && applicants.length > 0 ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t('signIn.chooseDemo')}</Typography.Text>
          {applicants.map((user) => (
            <Button
              key={user.id}
              size="large"
              block
              loading={busy === user.id}
              onClick={() => void choose(user)}
            >
              {t('signIn.as', { name: user.name })}
            </Button>
          ))}
        </Space>
      ) : users.loading ? null : (
        <Typography.Paragraph strong>{t('signIn.oidc')}</Typography.Paragraph>
      )}
    </Card>
  );
}
