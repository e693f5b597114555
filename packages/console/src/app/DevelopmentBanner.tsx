import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLoad } from '../api/use-call';
import { authConfig } from '../auth/auth-config';

/**
 * Says, on every desk screen and at sign-in, that this docket runs in the development profile: anyone may
 * take a demo user's token and an administrator may move domain time, so nothing here is a real record.
 * Development tokens exist only in that profile (GET /api/auth/config `devTokens`). Not on the wall's
 * full-screen display, whose layout is the room's.
 */
export function DevelopmentBanner() {
  const { t } = useTranslation();
  const auth = useLoad(() => authConfig(), []);
  if (auth.data?.devTokens !== true) return null;
  return (
    <Alert
      banner
      type="warning"
      role="note"
      aria-label={t('development.label')}
      message={t('development.banner')}
    />
  );
}
