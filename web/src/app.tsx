import { useState, type FormEvent } from 'react';
import { useI18n } from './i18n/i18n';
import type { MessageKey } from './i18n/messages';
import { BroadcastCreatePage } from './pages/broadcasts/broadcast-create';
import { BroadcastDetailPage } from './pages/broadcasts/broadcast-detail';
import { BroadcastsPage } from './pages/broadcasts/broadcasts-page';
import { CaseDetailPage } from './pages/cases/case-detail';
import { CaseListPage } from './pages/cases/case-list';
import { CampaignCreatePage } from './pages/campaigns/campaign-create';
import { CampaignDetailPage } from './pages/campaigns/campaign-detail';
import { CampaignListPage } from './pages/campaigns/campaign-list';
import { OverviewPage } from './pages/overview';
import { WeeklyReportPage } from './pages/reports/weekly-report';
import { EldersPage } from './pages/sos/elders-page';
import { SosPage } from './pages/sos/sos-page';
import { may, type Permission } from './session/permissions';
import { SessionProvider, useSession, useSignIn } from './session/session';
import { Link, usePath } from './ui/router';

interface NavItem {
  to: string;
  label: MessageKey;
  needs: Permission | null;
}

const NAV: NavItem[] = [
  { to: '/', label: 'navOverview', needs: null },
  { to: '/campaigns', label: 'navCampaigns', needs: 'readCampaigns' },
  { to: '/sos', label: 'navSos', needs: 'sos' },
  { to: '/elders', label: 'navElders', needs: 'sos' },
  { to: '/broadcasts', label: 'navBroadcasts', needs: 'readBroadcasts' },
  { to: '/cases', label: 'navCases', needs: 'cases' },
  { to: '/weekly-report', label: 'navWeeklyReport', needs: 'caseReports' },
];

function LanguageSwitch() {
  const { t, lang, setLang } = useI18n();
  return (
    <button
      type="button"
      className="quiet"
      lang={lang === 'en' ? 'zh-CN' : 'en'}
      aria-label={t('languageLabel')}
      onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}
    >
      {t('language')}
    </button>
  );
}

function SignIn({ onSignIn, badToken }: { onSignIn(token: string): Promise<void>; badToken: boolean }) {
  const { t } = useI18n();
  const [token, setToken] = useState('');
  const [working, setWorking] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setWorking(true);
    try {
      await onSignIn(token.trim());
    } finally {
      setWorking(false);
    }
  };
  return (
    <main id="main" className="sign-in">
      <div className="heading-row">
        <h1>{t('signInTitle')}</h1>
        <LanguageSwitch />
      </div>
      <p>{t('signInHelp')}</p>
      <form onSubmit={(e) => void submit(e)}>
        <label className="field">
          {t('tokenLabel')}
          <input
            type="password"
            autoComplete="off"
            required
            value={token}
            aria-invalid={badToken}
            aria-describedby={badToken ? 'token-problem' : undefined}
            onChange={(e) => setToken(e.target.value)}
          />
        </label>
        {badToken && (
          <p id="token-problem" className="problem" role="alert">
            {t('badToken')}
          </p>
        )}
        <button type="submit" className="primary" disabled={working || token.trim() === ''}>
          {working ? t('signingIn') : t('signIn')}
        </button>
      </form>
    </main>
  );
}

function Page({ path }: { path: string }) {
  const { t } = useI18n();
  const { me } = useSession();
  const [, section = '', id = null] = path.split('/');
  if (section === '') return <OverviewPage />;
  if (section === 'campaigns' && may(me.role, 'readCampaigns')) {
    if (id === 'new' && may(me.role, 'manageCampaigns')) return <CampaignCreatePage />;
    return id ? <CampaignDetailPage key={id} id={id} /> : <CampaignListPage />;
  }
  if (section === 'sos' && may(me.role, 'sos')) return <SosPage incidentId={id} />;
  if (section === 'elders' && may(me.role, 'sos')) return <EldersPage />;
  if (section === 'cases' && may(me.role, 'cases')) {
    return id ? <CaseDetailPage key={id} id={id} /> : <CaseListPage />;
  }
  if (section === 'weekly-report' && may(me.role, 'caseReports')) return <WeeklyReportPage />;
  if (section === 'broadcasts' && may(me.role, 'readBroadcasts')) {
    if (id === 'new' && may(me.role, 'manageBroadcasts')) return <BroadcastCreatePage />;
    return id ? <BroadcastDetailPage key={id} id={id} /> : <BroadcastsPage />;
  }
  return (
    <p>
      {t('notFound')} <Link to="/">{t('backToOverview')}</Link>
    </p>
  );
}

function Shell() {
  const { t } = useI18n();
  const { me, signOut } = useSession();
  const path = usePath();
  const items = NAV.filter((item) => item.needs === null || may(me.role, item.needs));
  const section = `/${path.split('/')[1] ?? ''}`;
  const usable = items.length > 1;
  return (
    <>
      <a href="#main" className="skip">
        {t('skipToContent')}
      </a>
      <header className="top">
        <span className="brand">{t('appName')}</span>
        <nav aria-label={t('appName')}>
          <ul>
            {usable &&
              items.map((item) => (
                <li key={item.to}>
                  <Link to={item.to} current={section === item.to}>
                    {t(item.label)}
                  </Link>
                </li>
              ))}
          </ul>
        </nav>
        <span className="who" data-testid="who">
          {t('whoAmI', { name: me.name, role: t(`role${me.role}`), area: me.area?.name ?? t('wholeTown') })}
        </span>
        <LanguageSwitch />
        <button type="button" className="quiet" onClick={signOut}>
          {t('signOut')}
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {usable ? <Page path={path} /> : <p>{t('noPages', { role: t(`role${me.role}`) })}</p>}
      </main>
    </>
  );
}

export function App() {
  const { t } = useI18n();
  const { state, signIn } = useSignIn();
  if (state.kind === 'checking') return <p className="muted">{t('loading')}</p>;
  if (state.kind === 'signed-out')
    return <SignIn onSignIn={signIn} badToken={state.problem === 'bad-token'} />;
  return (
    <SessionProvider session={state.session}>
      <Shell />
    </SessionProvider>
  );
}
