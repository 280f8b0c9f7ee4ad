// A Gantt-style timeline in plain HTML/CSS: rows with planned and actual bars, projected delays, milestones,
// month grid and a today line. Percent positions keep it fluid from tablet to wide screen. The same data is
// always also available as a table on the page, for screen readers and for printing.
import type { ComponentChildren } from 'preact';
import { formatDate, formatMonth, parseDay, todayIso } from '../lib/format';

export type BarKind = 'planned' | 'actual' | 'forecast' | 'phase' | 'span';

export interface TimelineBar {
  start: string;
  end: string;
  kind: BarKind;
  /** step state or health, used for the bar's colour */
  tone?: string;
  critical?: boolean;
  title: string;
}

export interface TimelineMarker {
  date: string;
  kind: 'milestone' | 'target' | 'projected';
  title: string;
}

export interface TimelineRow {
  key: string;
  label: ComponentChildren;
  level: 'group' | 'item';
  critical?: boolean;
  bars: TimelineBar[];
  markers?: TimelineMarker[];
}

interface Props {
  rows: TimelineRow[];
  caption: string;
  /** fix the visible range (e.g. a calendar year); otherwise it spans the data */
  from?: string;
  to?: string;
  legend?: ('planned' | 'actual' | 'forecast' | 'critical' | 'milestone' | 'target' | 'span')[];
  id?: string;
  /** what is said when there is nothing to draw */
  empty?: string;
}

const DAY = 86_400_000;

function months(from: number, to: number): { at: number; label: string; year: boolean }[] {
  const out: { at: number; label: string; year: boolean }[] = [];
  const d = new Date(from);
  d.setUTCDate(1);
  d.setUTCHours(12, 0, 0, 0);
  if (d.getTime() < from) d.setUTCMonth(d.getUTCMonth() + 1);
  while (d.getTime() <= to) {
    // a new year is labelled by its number alone: short enough not to collide with the next month
    const year = d.getUTCMonth() === 0;
    out.push({ at: d.getTime(), label: year ? String(d.getUTCFullYear()) : formatMonth(d), year });
    d.setUTCMonth(d.getUTCMonth() + 1);
  }
  return out;
}

export function Timeline({
  rows, caption, from, to, legend = ['planned', 'actual', 'forecast', 'critical', 'milestone'], id = 'zeitplan', empty = 'Für diesen Vorgang liegt noch kein Zeitplan vor.',
}: Props) {
  const today = todayIso();
  const dates = rows.flatMap((r) => [...r.bars.flatMap((b) => [b.start, b.end]), ...(r.markers ?? []).map((m) => m.date)]);
  if (dates.length === 0) return <p class="muted">{empty}</p>;
  const times = [...dates, today].map((d) => parseDay(d).getTime());
  const min = from ? parseDay(from).getTime() : Math.min(...times) - 7 * DAY;
  const max = to ? parseDay(to).getTime() : Math.max(...times) + 14 * DAY;
  const span = Math.max(DAY, max - min);
  const pos = (d: string) => Math.max(0, Math.min(100, ((parseDay(d).getTime() - min) / span) * 100));
  const width = (a: string, b: string) => Math.max(0.4, pos(b) - pos(a));
  const grid = months(min, max);
  const todayPos = pos(today);
  const showToday = parseDay(today).getTime() >= min && parseDay(today).getTime() <= max;

  return (
    <figure class="timeline" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} class="sr-only">
        {caption}
      </figcaption>
      <div class="timeline__body">
        <div class="timeline__axis" aria-hidden="true">
          <div class="timeline__label" />
          <div class="timeline__track timeline__track--axis">
            {grid.map((m, i) =>
              // thin out labels when many months are shown, keeping year starts
              grid.length <= 14 || m.year || i % 2 === 0 ? (
                <span key={m.at} class={`timeline__month${m.year ? ' is-year' : ''}`} style={{ left: `${((m.at - min) / span) * 100}%` }}>
                  {m.label}
                </span>
              ) : null,
            )}
            {showToday && (
              <span class="timeline__today-label" style={{ left: `${todayPos}%` }}>
                Heute
              </span>
            )}
          </div>
        </div>
        <div class="timeline__overlay" aria-hidden="true">
          {grid.map((m) => (
            <span key={m.at} class={`timeline__gridline${m.year ? ' is-year' : ''}`} style={{ left: `${((m.at - min) / span) * 100}%` }} />
          ))}
          {showToday && <span class="timeline__today" style={{ left: `${todayPos}%` }} title={`Heute, ${formatDate(today)}`} />}
        </div>
        {rows.map((r) => (
          <div key={r.key} class={`timeline__row timeline__row--${r.level}${r.critical ? ' is-critical' : ''}`}>
            <div class="timeline__label">
              {r.label}
              {r.critical && <span class="sr-only"> (kritischer Pfad)</span>}
            </div>
            <div class="timeline__track">
              {r.bars.map((b, i) => (
                <span
                  key={i}
                  class={`bar bar--${b.kind}${b.tone ? ` bar--${b.tone}` : ''}${b.critical ? ' bar--critical' : ''}`}
                  style={{ left: `${pos(b.start)}%`, width: `${width(b.start, b.end)}%` }}
                  title={b.title}
                />
              ))}
              {r.markers?.map((m, i) => (
                <span key={`m${i}`} class={`marker marker--${m.kind}`} style={{ left: `${pos(m.date)}%` }} title={m.title} />
              ))}
            </div>
          </div>
        ))}
      </div>
      <ul class="legend" aria-label="Legende">
        {legend.includes('planned') && (
          <li>
            <span class="legend__swatch bar--planned" /> geplant
          </li>
        )}
        {legend.includes('actual') && (
          <li>
            <span class="legend__swatch bar--actual bar--done" /> tatsächlich
          </li>
        )}
        {legend.includes('span') && (
          <li>
            <span class="legend__swatch bar--span bar--green" />
            <span class="legend__swatch bar--span bar--amber" />
            <span class="legend__swatch bar--span bar--red" /> Start bis Go-live laut Prognose (Farbe: Terminlage)
          </li>
        )}
        {legend.includes('forecast') && (
          <>
            <li>
              <span class="legend__swatch bar--forecast" /> Prognose
            </li>
            <li>
              <span class="legend__swatch bar--forecast bar--late" /> Prognose später als geplant
            </li>
          </>
        )}
        {legend.includes('critical') && (
          <li>
            <span class="legend__swatch bar--planned bar--critical" /> kritischer Pfad
          </li>
        )}
        {legend.includes('milestone') && (
          <li>
            <span class="legend__marker marker--milestone" /> Meilenstein
          </li>
        )}
        {legend.includes('target') && (
          <li>
            <span class="legend__marker marker--target" /> Ziel-Go-live
          </li>
        )}
        <li>
          <span class="legend__today" /> heute
        </li>
      </ul>
    </figure>
  );
}
