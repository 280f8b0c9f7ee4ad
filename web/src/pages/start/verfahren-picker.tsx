// Choosing Verfahren from a catalogue of 300+: a filter field, a scrollable checkbox list grouped by category,
// and the chosen ones as removable chips. Plain checkboxes keep it keyboard- and screen-reader-friendly.
import { useMemo, useState } from 'preact/hooks';
import type { Verfahren } from '../../api/types';
import { FieldErrors } from '../../components/field';

/** Case- and accent-insensitive, so "dieb" finds "Dießen" and "ok fis" finds "OK.FIS". */
function norm(s: string): string {
  return s.toLocaleLowerCase('de').normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ß/g, 'ss').replace(/[^a-z0-9]+/g, ' ').trim();
}

interface Props {
  all: Verfahren[];
  selected: string[];
  onChange: (ids: string[]) => void;
  errors?: string[];
}

export function VerfahrenPicker({ all, selected, onChange, errors }: Props) {
  const [filter, setFilter] = useState('');
  const [onlySelected, setOnlySelected] = useState(false);
  const index = useMemo(() => all.map((v) => ({ v, text: norm(`${v.name} ${v.vendor ?? ''} ${v.category}`) })), [all]);
  const chosen = new Set(selected);
  const words = norm(filter).split(' ').filter(Boolean);
  const shown = index.filter(({ v, text }) => (!onlySelected || chosen.has(v.id)) && words.every((w) => text.includes(w))).map(({ v }) => v);
  const groups = new Map<string, Verfahren[]>();
  for (const v of shown) groups.set(v.category, [...(groups.get(v.category) ?? []), v]);
  const toggle = (id: string, on: boolean) => onChange(on ? [...selected, id] : selected.filter((x) => x !== id));
  const byId = new Map(all.map((v) => [v.id, v]));

  return (
    <fieldset class={`field picker${errors?.length ? ' field--invalid' : ''}`} aria-describedby={`picker-status${errors?.length ? ' picker-error' : ''}`}>
      <legend class="field__label">
        Verfahren
      </legend>
      <p class="field__hint">Die Fachverfahren, die migriert werden; für jedes entsteht eine Verfahrensmigration.</p>
      {selected.length > 0 && (
        <ul class="chips" aria-label="Ausgewählte Verfahren">
          {selected.map((id) => (
            <li key={id} class="chip">
              {byId.get(id)?.name ?? id}
              <button type="button" class="chip__remove" onClick={() => toggle(id, false)} aria-label={`${byId.get(id)?.name ?? id} entfernen`}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="picker__tools">
        <div class="field field--inline picker__filter">
          <label for="verfahren-filter" class="field__label">
            Verfahren filtern
          </label>
          <input id="verfahren-filter" type="search" value={filter} placeholder="Name, Hersteller oder Kategorie" onInput={(e) => setFilter(e.currentTarget.value)} autoComplete="off" />
        </div>
        <div class="check">
          <input id="verfahren-only-selected" type="checkbox" checked={onlySelected} onChange={(e) => setOnlySelected(e.currentTarget.checked)} />
          <label for="verfahren-only-selected">Nur ausgewählte</label>
        </div>
        {selected.length > 0 && (
          <button type="button" class="link-button" onClick={() => onChange([])}>
            Auswahl aufheben
          </button>
        )}
      </div>
      <p id="picker-status" class="picker__status" role="status">
        {shown.length} von {all.length} Verfahren angezeigt · {selected.length} ausgewählt
      </p>
      <div class="picker__list" tabIndex={-1}>
        {shown.length === 0 && <p class="muted">Kein Verfahren passt zum Filter.</p>}
        {[...groups.entries()].map(([category, items]) => (
          <div key={category} role="group" aria-labelledby={`cat-${norm(category).replace(/ /g, '-')}`} class="picker__group">
            <p id={`cat-${norm(category).replace(/ /g, '-')}`} class="picker__category">
              {category}
            </p>
            {items.map((v) => (
              <div key={v.id} class="check">
                <input id={`vf-${v.id}`} type="checkbox" checked={chosen.has(v.id)} onChange={(e) => toggle(v.id, e.currentTarget.checked)} />
                <label for={`vf-${v.id}`}>
                  {v.name}
                  {v.vendor && <span class="muted"> · {v.vendor}</span>}
                </label>
              </div>
            ))}
          </div>
        ))}
      </div>
      <FieldErrors id="picker-error" errors={errors} />
    </fieldset>
  );
}
