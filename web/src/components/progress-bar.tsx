// Progress as a bar with its number beside it; screen readers get the value from the progressbar role.
import { formatPercent } from '../lib/format';

export function ProgressBar({ value, label = 'Fortschritt', compact = false }: { value: number; label?: string; compact?: boolean }) {
  const pct = Math.round(Math.max(0, Math.min(1, value)) * 100);
  return (
    <div class={`progress${compact ? ' progress--compact' : ''}`}>
      <div class="progress__track" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-valuetext={formatPercent(value)}>
        <div class="progress__fill" style={{ width: `${pct}%` }} />
      </div>
      <span class="progress__value">{formatPercent(value)}</span>
    </div>
  );
}
