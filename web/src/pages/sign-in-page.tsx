// Sign-in. Embedded demo: one button per demo user (name and role). Production: single sign-on via OIDC.
import { useState } from 'preact/hooks';
import { api } from '../api/endpoints';
import type { AuthConfig, DemoUser, Role } from '../api/types';
import { authConfig } from '../auth/config';
import { beginSignIn } from '../auth/oidc';
import { saveSession } from '../auth/session';
import { LoadError, Loading, Notice, problemText } from '../components/notice';
import { ROLE_LABELS, rolesLabel } from '../lib/labels';
import { useResource } from '../lib/use-resource';

const ROLE_ORDER = Object.keys(ROLE_LABELS) as Role[];

interface Props {
  next: string;
  onSignedIn: (next: string) => void;
}

export function SignInPage({ next, onSignedIn }: Props) {
  const config = useResource(authConfig, []);
  return (
    <main id="inhalt" class="signin" tabIndex={-1}>
      <div class="signin__panel">
        <div class="signin__brand">
          <span class="brand__mark" aria-hidden="true">KU</span>
          <div>
            <h1 tabIndex={-1}>Anmelden</h1>
            <p class="signin__sub">Gemeinde-Onboarding · Kommunale IT Landsberg am Lech</p>
          </div>
        </div>
        {config.loading && !config.data && <Loading />}
        {config.error !== undefined && <LoadError error={config.error} what="Anmeldeeinstellung" />}
        {config.data?.mode === 'oidc' && <OidcSignIn config={config.data} next={next} />}
        {config.data?.mode === 'demo' && <DemoSignIn next={next} onSignedIn={onSignedIn} />}
      </div>
    </main>
  );
}

function OidcSignIn({ config, next }: { config: Extract<AuthConfig, { mode: 'oidc' }>; next: string }) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const host = (() => {
    try {
      return new URL(config.issuer).host;
    } catch {
      return config.issuer;
    }
  })();
  return (
    <div class="stack">
      <p>Melden Sie sich mit Ihrem Dienstkonto an. Sie werden dazu zum Anmeldedienst ({host}) weitergeleitet.</p>
      {error && <Notice tone="error" title="Anmeldung nicht möglich">{error}</Notice>}
      <button
        type="button"
        class="button button--primary button--large"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(undefined);
          try {
            await beginSignIn(config, next);
          } catch (err) {
            setError(err instanceof Error ? err.message : problemText(err));
            setBusy(false);
          }
        }}
      >
        Mit Dienstkonto anmelden
      </button>
    </div>
  );
}

function DemoSignIn({ next, onSignedIn }: Props) {
  const users = useResource(api.demoUsers, []);
  if (users.error !== undefined) {
    return (
      <Notice tone="error" title="Keine Anmeldung eingerichtet">
        <p>Dieser Server bietet weder Demo-Konten noch eine zentrale Anmeldung an. Bitte wenden Sie sich an die Administration.</p>
      </Notice>
    );
  }
  if (!users.data) return <Loading />;

  const staff = users.data.filter((u) => !u.roles.every((r) => r === 'gemeinde'));
  staff.sort((a, b) => ROLE_ORDER.indexOf(a.roles[0]) - ROLE_ORDER.indexOf(b.roles[0]) || a.name.localeCompare(b.name, 'de'));
  const gemeinde = users.data.filter((u) => u.roles.every((r) => r === 'gemeinde'));
  gemeinde.sort((a, b) => (a.gemeinden[0] ?? '').localeCompare(b.gemeinden[0] ?? '') || a.name.localeCompare(b.name, 'de'));

  const signIn = (u: DemoUser) => {
    saveSession({ token: u.token, mode: 'demo', user: { id: u.id, name: u.name, roles: u.roles, gemeinden: u.gemeinden } });
    onSignedIn(next);
  };

  return (
    <div class="stack">
      <Notice tone="info" title="Demo-Betrieb">
        <p>Diese Installation läuft im eingebetteten Demo-Betrieb. Wählen Sie, als wer Sie arbeiten möchten.</p>
      </Notice>
      <section aria-labelledby="signin-staff">
        <h2 id="signin-staff">Mitarbeitende des KU</h2>
        <ul class="user-grid">
          {staff.map((u) => (
            <li key={u.id}>
              <UserButton user={u} onClick={() => signIn(u)} />
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="signin-gemeinden">
        <h2 id="signin-gemeinden">Gemeinden</h2>
        <ul class="user-grid">
          {gemeinde.map((u) => (
            <li key={u.id}>
              <UserButton user={u} onClick={() => signIn(u)} />
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function UserButton({ user, onClick }: { user: DemoUser; onClick: () => void }) {
  return (
    <button type="button" class="user-button" onClick={onClick}>
      <span class="user-button__name">Anmelden als {user.name}</span>
      <span class="user-button__role">{rolesLabel(user.roles)}</span>
    </button>
  );
}
