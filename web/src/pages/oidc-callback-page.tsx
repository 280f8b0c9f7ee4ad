// Where the identity provider sends the browser back: finish the code exchange, then go where the user wanted.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/endpoints';
import { authConfig } from '../auth/config';
import { completeSignIn } from '../auth/oidc';
import { saveSession } from '../auth/session';
import { Loading, Notice } from '../components/notice';
import { Link, paths } from '../router';

export function OidcCallbackPage({ onSignedIn }: { onSignedIn: (next: string) => void }) {
  const [error, setError] = useState<string>();
  useEffect(() => {
    void (async () => {
      try {
        const cfg = await authConfig();
        if (cfg.mode !== 'oidc') throw new Error('Diese Installation nutzt keine zentrale Anmeldung.');
        const result = await completeSignIn(cfg, new URL(location.href));
        saveSession({ token: result.accessToken, mode: 'oidc', user: result.user, ...(result.expiresAt ? { expiresAt: result.expiresAt } : {}) });
        // The API knows roles and Gemeinden authoritatively; prefer its word where it offers one.
        try {
          const me = await api.me();
          saveSession({ token: result.accessToken, mode: 'oidc', user: me, ...(result.expiresAt ? { expiresAt: result.expiresAt } : {}) });
        } catch {
          // no /me yet: the ID token's claims stand
        }
        onSignedIn(result.next);
      } catch (err) {
        setError(err instanceof Error ? err.message : 'Die Anmeldung ist fehlgeschlagen.');
      }
    })();
  }, []);
  return (
    <main id="inhalt" class="signin" tabIndex={-1}>
      <div class="signin__panel">
        <h1 tabIndex={-1}>Anmeldung</h1>
        {error ? (
          <Notice tone="error" title="Anmeldung fehlgeschlagen">
            <p>{error}</p>
            <p>
              <Link href={paths.signIn}>Erneut anmelden</Link>
            </p>
          </Notice>
        ) : (
          <Loading label="Anmeldung wird abgeschlossen …" />
        )}
      </div>
    </main>
  );
}
