// A file field of a task form: an export (CSV or Excel .xlsx) dropped or chosen, read and checked by the API with the
// very check the submit and the automated step make, then shown as a preview of its first rows with every problem
// and its line — before anything is submitted. The field's value is the CSV text the API answered, so the form
// submits what it submitted before.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { api } from '../api/endpoints';
import type { ExportCheck } from '../api/types';
import type { ControlAria } from '../components/field';
import { problemText } from '../components/notice';

const formatInteger = (n: number) => n.toLocaleString('de-DE');

export interface ExportUploadProps {
  aria: ControlAria;
  formId: string;
  field: string;
  label: string;
  value: string;
  /** the form's other entries, for checks that depend on them (the key column of a test migration) */
  values: () => Record<string, unknown>;
  /** changes when those entries change: a file already checked is checked again against them */
  context: string;
  onChange: (csv: string) => void;
  disabled?: boolean;
}

const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // in chunks: String.fromCharCode takes its arguments on the stack
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function ExportUpload({ aria, formId, field, label, value, values, context, onChange, disabled }: ExportUploadProps) {
  const [result, setResult] = useState<ExportCheck>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [over, setOver] = useState(false);

  // the name the file was checked under, kept for checking it again (it is shown with the result)
  const checkedName = useRef('bisherige Daten');
  const check = async (name: string, bytes: Uint8Array): Promise<void> => {
    checkedName.current = name;
    setBusy(true);
    setError(undefined);
    try {
      const checked = await api.checkExport(formId, field, { name, content: toBase64(bytes), values: values() });
      setResult(checked);
      onChange(checked.csv);
    } catch (err) {
      setResult(undefined);
      onChange('');
      setError(err instanceof ApiError && err.problem.errors?.length ? err.problem.errors.map((e) => e.message).join(' ') : problemText(err));
    } finally {
      setBusy(false);
    }
  };
  const take = async (file: File | undefined): Promise<void> => {
    if (file) await check(file.name, new Uint8Array(await file.arrayBuffer()));
  };

  // data kept from before (a returned task, a rejected submission): shown and checked like a file just chosen
  useEffect(() => {
    if (value.trim() !== '' && !result) void check(checkedName.current, new TextEncoder().encode(value));
  }, []); // only when the form is opened

  // the key column or sum fields entered after the file was chosen: the file is checked again against them, once the
  // typing has paused (not when the form opens: the effect above checks then)
  const checkedAgainst = useRef(context);
  useEffect(() => {
    if (context === checkedAgainst.current || value.trim() === '') return;
    checkedAgainst.current = context;
    const timer = setTimeout(() => void check(checkedName.current, new TextEncoder().encode(value)), 600);
    return () => clearTimeout(timer);
  }, [context]);

  return (
    <div class="export-upload">
      <div
        class={`drop-zone${over ? ' drop-zone--over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          if (!disabled) void take(e.dataTransfer?.files[0]);
        }}
      >
        <p>CSV- oder Excel-Datei (.csv, .xlsx) hierher ziehen oder</p>
        <label class="file-button">
          <span>Datei auswählen</span>
          <input
            {...aria}
            type="file"
            accept={ACCEPT}
            disabled={disabled || busy}
            onChange={(e) => {
              const input = e.currentTarget;
              void take(input.files?.[0]).finally(() => {
                input.value = ''; // the same file chosen again (after fixing it) is read again
              });
            }}
          />
        </label>
        {busy && <p role="status">Datei wird geprüft …</p>}
      </div>
      {error && (
        <p class="field__error" role="alert">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
      {result && <CheckResult result={result} label={label} onRemove={() => { setResult(undefined); onChange(''); }} disabled={disabled} />}
    </div>
  );
}

function CheckResult({ result, label, onRemove, disabled }: { result: ExportCheck; label: string; onRemove: () => void; disabled?: boolean }) {
  const { preview } = result;
  const title = preview ? `Vorschau: ${label}, ${preview.rows.length === 1 ? 'die erste Zeile' : `die ersten ${preview.rows.length} Zeilen`}` : '';
  const source = result.format === 'xlsx' ? `Excel-Datei, Tabellenblatt „${result.sheet ?? ''}“` : 'CSV-Datei';
  return (
    <div class="export-result">
      <p>
        <strong>{result.name}</strong> ({source}{preview ? `, ${formatInteger(preview.dataLines)} ${preview.dataLines === 1 ? 'Datenzeile' : 'Datenzeilen'}` : ''}){' '}
        <button type="button" class="button button--secondary button--small" onClick={onRemove} disabled={disabled}>
          Entfernen
        </button>
      </p>
      {result.problemCount > 0 ? (
        <div class="export-problems" role="alert">
          <p>
            <strong>{result.problemCount === 1 ? '1 Problem gefunden' : `${formatInteger(result.problemCount)} Probleme gefunden`}</strong> – bitte die Datei
            korrigieren und erneut hochladen:
          </p>
          <ul>
            {result.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
          {result.problemCount > result.problems.length && <p>… und {formatInteger(result.problemCount - result.problems.length)} weitere.</p>}
        </div>
      ) : (
        <p class="export-ok" role="status">Keine Probleme gefunden.</p>
      )}
      {preview && (
        <>
          {/* shown above the table's box (a wide preview scrolls sideways on a phone, its title must not); the caption
              names the table for screen readers */}
          <p class="small" aria-hidden="true">{title}</p>
        <div class="table-wrap">
          <table class="table export-preview">
            <caption class="sr-only">{title}</caption>
            <thead>
              <tr>
                <th scope="col">Zeile</th>
                {preview.header.map((h, i) => (
                  <th scope="col" key={i}>{h}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((r) => (
                <tr key={r.line}>
                  <th scope="row" class="num">{r.line}</th>
                  {r.fields.map((f, i) => (
                    <td key={i}>{f}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        </>
      )}
    </div>
  );
}
