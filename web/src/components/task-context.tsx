// What a task is about, from an earlier automated step: the approval of an offer shows the offer it approves.
import type { TaskContext } from '../api/types';
import { Notice } from './notice';

const EUR = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' });

interface OfferLine {
  serviceId: string;
  title?: string;
  quantity: number;
  totalEur: number;
}

function offerLines(result: Record<string, unknown>): OfferLine[] {
  const lines = result.lines;
  if (!Array.isArray(lines)) return [];
  return lines.filter((l): l is OfferLine => typeof l === 'object' && l !== null && typeof (l as OfferLine).totalEur === 'number');
}

export function TaskContextCard({ context }: { context: TaskContext }) {
  const lines = offerLines(context.result);
  return (
    <section class="card" aria-labelledby="task-context">
      <h2 id="task-context">Ergebnis: {context.title}</h2>
      {context.summary && <p>{context.summary}</p>}
      {typeof context.result.hinweis === 'string' && <Notice tone="warning">{context.result.hinweis}</Notice>}
      {lines.length > 0 && (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Leistung</th>
              <th scope="col">Menge</th>
              <th scope="col">Betrag</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.serviceId}>
                <td>{l.title ?? l.serviceId}</td>
                <td>{l.quantity}</td>
                <td>{EUR.format(l.totalEur)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
