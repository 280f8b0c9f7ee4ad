// The application shell: who is signed in, which page a path shows, and where focus goes after navigating.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { User } from './api/types';
import { clearSession, currentSession, hasRole, isGemeindeOnly, mayKeepCapacity, mayPlan, mayStartRuns, onSessionChange } from './auth/session';
import { Layout } from './components/layout';
import { InboxPage } from './pages/inbox-page';
import { NotAllowedPage, NotFoundPage } from './pages/not-found-page';
import { OidcCallbackPage } from './pages/oidc-callback-page';
import { PeoplePage } from './pages/people-page';
import { CapacityPage } from './pages/capacity-page';
import { WebhooksPage } from './pages/webhooks-page';
import { PortalPage } from './pages/portal-page';
import { PortfolioPage } from './pages/portfolio-page';
import { YearPlanPage } from './pages/year-plan-page';
import { RunPage } from './pages/run-page';
import { SignInPage } from './pages/sign-in-page';
import { NotificationsPage } from './pages/notifications-page';
import { StartPage } from './pages/start-page';
import { TaskPage } from './pages/task-page';
import { match, navigate, paths, Redirect, useLocation } from './router';

function homeOf(user: User): string {
  return isGemeindeOnly(user) ? paths.portal : paths.inbox;
}

/** Only same-site paths are accepted as a target after sign-in (no open redirect through ?weiter=). */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '';
}

export function App() {
  const loc = useLocation();
  const [session, setSession] = useState(currentSession);
  useEffect(() => onSessionChange(setSession), []);

  // After a navigation (not the first load) move focus to the new page's heading, as a page load would.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    window.scrollTo(0, 0);
    requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus({ preventScroll: true }));
  }, [loc.path]);

  const onSignedIn = (next: string) => {
    const s = currentSession();
    navigate(safeNext(next) || (s ? homeOf(s.user) : paths.home), { replace: true });
  };

  if (loc.path === paths.oidcCallback) return <OidcCallbackPage onSignedIn={onSignedIn} />;

  if (!session) {
    if (loc.path !== paths.signIn) {
      const next = `${loc.path}${location.search}`;
      return <Redirect to={`${paths.signIn}${next !== '/' ? `?weiter=${encodeURIComponent(next)}` : ''}`} />;
    }
    return <SignInPage next={safeNext(loc.query.get('weiter'))} onSignedIn={onSignedIn} />;
  }

  const user = session.user;
  if (loc.path === paths.home || loc.path === paths.signIn) return <Redirect to={homeOf(user)} />;

  const signOut = () => {
    clearSession();
    navigate(paths.signIn);
  };

  return (
    <Layout user={user} path={loc.path} onSignOut={signOut}>
      <Route path={loc.path} user={user} query={loc.query} />
    </Layout>
  );
}

function Route({ path, user, query }: { path: string; user: User; query: URLSearchParams }) {
  let m: Record<string, string> | undefined;
  if (path === paths.inbox) return <InboxPage user={user} query={query} />;
  if ((m = match('/aufgaben/:id', path))) return <TaskPage key={m.id} id={m.id} user={user} />;
  if ((m = match('/vorgaenge/:id', path))) return <RunPage key={m.id} id={m.id} user={user} />;
  if (path === paths.portal) return <PortalPage user={user} />;
  if (path === paths.notifications) return <NotificationsPage />;
  if (path === paths.portfolio) return isGemeindeOnly(user) ? <NotAllowedPage /> : <PortfolioPage user={user} />;
  if (path === paths.yearPlan) return mayPlan(user) ? <YearPlanPage user={user} /> : <NotAllowedPage />;
  if (path === paths.start) return mayStartRuns(user) ? <StartPage user={user} /> : <NotAllowedPage />;
  if (path === paths.people) return hasRole(user, 'admin') ? <PeoplePage /> : <NotAllowedPage />;
  if (path === paths.capacity) return mayKeepCapacity(user) ? <CapacityPage /> : <NotAllowedPage />;
  if (path === paths.webhooks) return hasRole(user, 'admin') ? <WebhooksPage /> : <NotAllowedPage />;
  return <NotFoundPage />;
}
