// The named contact person of a run: what the Gemeinden asked for instead of an anonymous ticket system.
import type { Run } from '../../api/types';

export function ContactCard({ run, forGemeinde }: { run: Run; forGemeinde: boolean }) {
  return (
    <section class="card stat contact" aria-labelledby="stat-contact">
      <h2 id="stat-contact" class="stat__label">
        {forGemeinde ? 'Ihre Ansprechperson' : 'Projektleitung'}
      </h2>
      {run.contact ? (
        <>
          <p class="stat__value contact__name">{run.contact.name ?? run.contact.id}</p>
          <p class="muted">Projektleitung im KU</p>
          {run.contact.email && (
            <p>
              <a href={`mailto:${run.contact.email}?subject=${encodeURIComponent(`Onboarding ${run.gemeinde.name}`)}`}>{run.contact.email}</a>
            </p>
          )}
        </>
      ) : (
        <p class="muted">Noch keine Projektleitung benannt.</p>
      )}
    </section>
  );
}
