import { Alert, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { authConfig, oidcSettingsOf } from '../../auth/auth-config';
import { completeSignIn, forgetSignOut } from '../../auth/oidc';
import { useSession } from '../../auth/session';
import { signInFailureText } from './failure';

/**
 * Where the identity provider sends the browser back (`/signin/callback?code=…&state=…`): the code is
 * exchanged once, with the PKCE verifier kept for this state, and the gateway is asked who it is; then the
 * user goes on to the page the sign-in was started from (a same-origin path), or home. A callback this
 * browser did not start is refused whatever it says; a refusal is told in the user's language, by its
 * reason, never in the provider's (or a crafted link's) words.
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
      if (settings === undefined) {
        setFailure(t('failed', { detail: t('oidcNotConfigured') }));
        return;
      }
      const result = await completeSignIn(settings, location.href, { storage: sessionStorage });
      await signIn(
        result.accessToken,
        result.expiresIn,
        result.idToken === undefined ? {} : { idToken: result.idToken },
      );
      // A sign-out remembered for want of the provider's end_session_endpoint has done its work.
      forgetSignOut(localStorage);
      navigate(result.returnTo ?? '/', { replace: true });
    })().catch((error: unknown) => setFailure(signInFailureText(error, t, common)));
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
