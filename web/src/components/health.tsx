// Health in colour AND words (and a shape), so it reads without colour vision and on a grey-scale printout.
import type { Health } from '../api/types';
import { HEALTH_LABELS } from '../lib/labels';

const SHAPES: Record<Health, string> = { green: '●', amber: '▲', red: '■' };

export function HealthBadge({ health, detail }: { health: Health; detail?: string }) {
  return (
    <span class={`health health--${health}`}>
      <span aria-hidden="true" class="health__shape">{SHAPES[health]}</span>
      {HEALTH_LABELS[health] ?? health}
      {detail && <span class="health__detail"> · {detail}</span>}
    </span>
  );
}
