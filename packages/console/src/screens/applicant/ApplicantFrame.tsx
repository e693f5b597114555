import { Button, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router-dom';
import { type Language, rememberLanguage } from '../../i18n';

/** The applicants' pages' paths (public routes in app/routes.tsx). */
export const APPLICANT_PATHS = {
  status: '/status',
  rating: '/status/rating',
  complaint: '/status/complaint',
} as const;

const STYLE = `
.applicant-page, .applicant-page * { box-sizing: border-box; }
.applicant-page { min-height: 100vh; background: #f3f6fa; display: flex; flex-direction: column; }
.applicant-bar { background: #1f5fbf; color: #fff; padding: 12px 16px; }
.applicant-bar-inner { max-width: 640px; margin: 0 auto; display: flex; align-items: center; gap: 12px; flex-wrap: wrap; justify-content: space-between; }
.applicant-name { color: #fff; font-size: 17px; font-weight: 600; line-height: 1.4; }
.applicant-main { flex: 1; width: 100%; max-width: 640px; margin: 0 auto; padding: 16px 16px 24px; }
.applicant-main:focus { outline: none; }
.applicant-nav { max-width: 640px; margin: 0 auto; padding: 0 16px 24px; width: 100%; }
.applicant-nav ul { list-style: none; margin: 0; padding: 0; display: flex; gap: 8px; flex-wrap: wrap; }
.applicant-nav a { display: inline-flex; align-items: center; min-height: 44px; padding: 0 16px; border-radius: 22px; background: #fff; border: 1px solid #c5d3e8; color: #1a4d99; font-size: 15px; }
.applicant-nav a.active { background: #1f5fbf; color: #fff; border-color: #1f5fbf; }
.applicant-lang .ant-btn { min-height: 36px; }
.applicant-page .ant-form-item-label > label { font-size: 16px; }
.applicant-page .ant-form-item-extra, .applicant-page .ant-typography-secondary, .applicant-page .ant-input-data-count, .applicant-page .ant-result-subtitle { color: #4e5969; }
.applicant-page .ant-input-lg, .applicant-page .ant-btn-lg { min-height: 48px; }
.applicant-choice.ant-radio-wrapper { display: flex; align-items: center; min-height: 48px; margin: 0 0 8px; padding: 0 14px; border: 1px solid #c5d3e8; border-radius: 8px; background: #fff; font-size: 16px; }
.applicant-page .ant-btn-primary:not(:disabled):hover { background: #174a96; }
.applicant-page .ant-descriptions-item-content { word-break: break-all; }
.applicant-page .ant-btn-link { color: #1a4d99; }
.applicant-badge { display: inline-block; padding: 2px 10px; border-radius: 4px; border: 1px solid; font-size: 14px; line-height: 22px; }
.applicant-badge.blue { color: #0e3d82; background: #eaf1fc; border-color: #a9c1e8; }
.applicant-badge.green { color: #135200; background: #f0f9e8; border-color: #b7dc9a; }
.applicant-badge.orange { color: #873800; background: #fff4e6; border-color: #f5c58a; }
.applicant-badge.red { color: #a8071a; background: #fff1f0; border-color: #f0a5a0; }
.applicant-choice.ant-radio-wrapper-checked { border-color: #1f5fbf; background: #eaf1fc; }
.applicant-steps { list-style: none; margin: 0; padding: 0; }
.applicant-step { display: flex; gap: 12px; position: relative; padding-bottom: 18px; }
.applicant-step:not(:last-child)::before { content: ''; position: absolute; left: 13px; top: 30px; bottom: 2px; width: 2px; background: #d0d8e4; }
.applicant-step.finish:not(:last-child)::before { background: #1f5fbf; }
.applicant-step-mark { flex: none; width: 28px; height: 28px; border-radius: 50%; display: inline-flex; align-items: center; justify-content: center; font-size: 15px; border: 2px solid #8c99ab; color: #5c6b80; background: #fff; }
.applicant-step.finish .applicant-step-mark { background: #1f5fbf; border-color: #1f5fbf; color: #fff; }
.applicant-step.process .applicant-step-mark { border-color: #1f5fbf; color: #1f5fbf; }
.applicant-step.error .applicant-step-mark { background: #c4291c; border-color: #c4291c; color: #fff; }
.applicant-step-title { font-size: 16px; line-height: 28px; color: #1f2329; }
.applicant-step.wait .applicant-step-title { color: #5c6b80; }
.applicant-step.process .applicant-step-title { font-weight: 600; color: #1a4d99; }
.applicant-step.error .applicant-step-title { font-weight: 600; color: #a8071a; }
.applicant-step-date { font-size: 14px; color: #4e5969; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
@media (min-width: 900px) { .applicant-main { padding-top: 32px; } }
`;

/**
 * The frame of the applicants' pages: outside the signed-in console (no shell), phone first, with the
 * centre's name, a language switch, the page under its title (one per page, an optional line under it)
 * and the links between the three pages.
 */
export function ApplicantFrame({
  title,
  intro,
  children,
}: {
  title: string;
  intro?: ReactNode;
  children: ReactNode;
}) {
  const { t, i18n } = useTranslation('applicant');
  const { t: common } = useTranslation();
  const language: Language = i18n.language === 'en' ? 'en' : 'zh-CN';
  const choices: { value: Language; label: string; lang: string }[] = [
    { value: 'zh-CN', label: t('frame.chinese'), lang: 'zh-CN' },
    { value: 'en', label: t('frame.english'), lang: 'en' },
  ];
  return (
    <div className="applicant-page">
      <style>{STYLE}</style>
      <a href="#main" className="skip-link">
        {common('shell.skipToContent')}
      </a>
      <header className="applicant-bar">
        <div className="applicant-bar-inner">
          <span className="applicant-name">{common('app.name')}</span>
          <Space.Compact className="applicant-lang" role="group" aria-label={t('frame.language')}>
            {choices.map((choice) => (
              <Button
                key={choice.value}
                lang={choice.lang}
                autoInsertSpace={false}
                type={language === choice.value ? 'primary' : 'default'}
                aria-pressed={language === choice.value}
                onClick={() => rememberLanguage(choice.value)}
                style={language === choice.value ? { background: '#0e3d82' } : undefined}
              >
                {choice.label}
              </Button>
            ))}
          </Space.Compact>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="applicant-main">
        <PageTitle title={title} intro={intro} />
        {children}
      </main>
      <nav className="applicant-nav" aria-label={t('frame.pages')}>
        <ul>
          <li>
            <NavLink to={APPLICANT_PATHS.status} end>
              {t('frame.status')}
            </NavLink>
          </li>
          <li>
            <NavLink to={APPLICANT_PATHS.rating}>{t('frame.rating')}</NavLink>
          </li>
          <li>
            <NavLink to={APPLICANT_PATHS.complaint}>{t('frame.complaint')}</NavLink>
          </li>
        </ul>
      </nav>
    </div>
  );
}

function PageTitle({ title, intro }: { title: string; intro?: ReactNode }) {
  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 24, marginTop: 0 }}>
        {title}
      </Typography.Title>
      {intro !== undefined && (
        <Typography.Paragraph style={{ fontSize: 15, color: '#3d4a5c' }}>{intro}</Typography.Paragraph>
      )}
    </>
  );
}
