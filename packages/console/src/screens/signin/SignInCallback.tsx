import { Alert, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { problemText } from '../../api/problem-text';
import { authConfig, oidcSettingsOf } from '../../auth/auth-config';
import { completeSignIn } from '../../auth/oidc';
import { useSession } from '../../auth/session';

/**
 * Where the identity provider sends the browser back (`/signin/callback?code=…&state=…`): the code is
 * exchanged once, with the PKCE verifier kept for this state, and the gateway is asked who it is.
 */
export default function SignInCallback() {
  const { t } = useTranslation('signin');
  const { t: common } = useTranslation();
  const { signIn } = useSession();
  const navigate = useNavigate();
  const [failure, setFailure] = useState<string>();
  // The code may be used once: React's development double effects must not send it twice.
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    (async () => {
      const settings = oidcSettingsOf(await authConfig());
      if (settings === undefined) throw new Error(t('oidcNotConfigured'));
      const tokens = await completeSignIn(settings, location.href, { storage: sessionStorage });
      await signIn(tokens.accessToken, tokens.expiresIn);
      navigate('/', { replace: true });
    })().catch((error: unknown) =>
      setFailure(
        t('failed', { detail: error instanceof Error ? error.message : problemText(error, common) }),
      ),
    );
  }, [signIn, navigate, t, common]);

  return (
    <main id="main" style={{ maxWidth: 720, margin: '48px auto', padding: 16 }}>
      {failure ? (
        <Alert
          type="error"
          showIcon
          message={failure}
          description={<Link to="/signin">{t('tryAgain')}</Link>}
        />
      ) : (
        <Spin tip={t('completing')} style={{ display: 'block', margin: '20vh auto' }} />
      )}
    </main>
  );
}
