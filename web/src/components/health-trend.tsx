// The last eight weeks of a run's health (issue 15, portfolio): one mark per week in colour AND shape, with the
// whole course in words for screen readers.
import type { HealthTrend as Trend } from '../api/planning-types';
import { HEALTH_LABELS } from '../lib/labels';
import { formatDate } from '../lib/format';

const SHAPES = { green: '●', amber: '▲', red: '■' } as const;

export function HealthTrend({ trend, runId }: { trend?: Trend; runId: string }) {
  const item = trend?.items.find((i) => i.runId === runId);
  if (!trend || !item) return null;
  const words = item.health.map((h, i) => `${formatDate(trend.weeks[i])}: ${h ? HEALTH_LABELS[h] : 'noch nicht gestartet'}`).join(', ');
  return (
    <span class="health-trend" data-trend={item.health.map((h) => h ?? '-').join(',')}>
      <span class="sr-only">Verlauf der letzten 8 Wochen: {words}</span>
      {item.health.map((h, i) => (
        <span key={trend.weeks[i]} aria-hidden="true" title={`${formatDate(trend.weeks[i])}: ${h ? HEALTH_LABELS[h] : '–'}`} class={`health-trend__mark${h ? ` health--${h}` : ''}`}>
          {h ? SHAPES[h] : '·'}
        </span>
      ))}
    </span>
  );
}
