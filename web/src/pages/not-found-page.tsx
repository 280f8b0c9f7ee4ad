// Pages for paths that lead nowhere, or to something this user may not use.
import { PageTitle } from '../components/layout';
import { useTitle } from '../lib/use-title';
import { Link, paths } from '../router';

export function NotFoundPage() {
  useTitle('Seite nicht gefunden');
  return (
    <div class="page">
      <PageTitle>Seite nicht gefunden</PageTitle>
      <p>Diese Adresse gibt es nicht.</p>
      <p>
        <Link href={paths.home}>Zur Startseite</Link>
      </p>
    </div>
  );
}

export function NotAllowedPage() {
  useTitle('Nicht verfügbar');
  return (
    <div class="page">
      <PageTitle>Nicht verfügbar</PageTitle>
      <p>Diese Seite steht Ihrer Rolle nicht zur Verfügung.</p>
      <p>
        <Link href={paths.home}>Zur Startseite</Link>
      </p>
    </div>
  );
}
