// What was entered in a task's form, field by field: on the page of a done task and in the submission under review.
// An export pasted as CSV (thousands of lines) is folded to its line count, opened on demand: shown in full, it
// made the page several thousand pixels long.
import { Fragment } from 'preact';
import { displayValue, type FieldSpec } from '../../forms/json-schema';

/** Up to this many lines a CSV value is shown as it is. */
const CSV_SHOWN_LINES = 10;

function CsvValue({ text }: { text: string }) {
  const lines = text.split('\n').filter((line) => line.trim() !== '').length;
  if (lines <= CSV_SHOWN_LINES) return <div class="mono pre">{text}</div>;
  return (
    <details>
      <summary>{lines.toLocaleString('de-DE')} Zeilen (mit Kopfzeile) – anzeigen</summary>
      <div class="mono pre">{text}</div>
    </details>
  );
}

export function FieldFacts({ fields, data }: { fields: FieldSpec[]; data: Record<string, unknown> }) {
  return (
    <dl class="facts facts--wide">
      {fields.map((f) => (
        <Fragment key={f.name}>
          <dt>{f.label}</dt>
          <dd>{f.kind === 'csv' && typeof data[f.name] === 'string' && data[f.name] !== '' ? <CsvValue text={data[f.name] as string} /> : displayValue(f, data[f.name])}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
