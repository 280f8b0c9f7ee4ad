// Renders the fields of a task form (see json-schema.ts) with labels, hints and the API's errors inline.
// The surrounding <form> belongs to the caller, which decides what submitting means.
import type { TargetedEvent } from 'preact';
import { Field, FieldErrors, RequiredMark } from '../components/field';
import { ENUM_LABELS } from '../lib/labels';
import { ExportUpload } from './export-upload';
import { toData, type FieldSpec, type FormValues } from './json-schema';

export interface SchemaFormProps {
  fields: FieldSpec[];
  values: FormValues;
  errors: Record<string, string[]>;
  onChange: (name: string, value: string | boolean) => void;
  disabled?: boolean;
  idPrefix?: string;
  /** the form's id: its file fields check an uploaded export at the API */
  formId?: string;
}

function numberHint(f: FieldSpec): string {
  const what = f.kind === 'integer' ? 'Ganze Zahl' : 'Zahl';
  if (f.constValue !== undefined) return `Muss ${String(f.constValue)} sein.`;
  const n = (x: number) => x.toLocaleString('de-DE');
  if (f.min !== undefined && f.max !== undefined) return `${what} von ${n(f.min)} bis ${n(f.max)}`;
  if (f.min !== undefined) return `${what}, mindestens ${n(f.min)}`;
  if (f.max !== undefined) return `${what}, höchstens ${n(f.max)}`;
  return what;
}

export function SchemaForm({ fields, values, errors, onChange, disabled, idPrefix = 'feld', formId }: SchemaFormProps) {
  // the entries a file's check may depend on (a test migration's key column and sum fields): a file checked before
  // they were entered is checked again once they change
  const checkContext = JSON.stringify(fields.filter((f) => f.kind !== 'csv').map((f) => values[f.name] ?? ''));
  return (
    <div class="schema-form">
      {fields.some((f) => f.required) && (
        <p class="form-legend">
          Mit <span aria-hidden="true">*</span> markierte Felder sind Pflichtfelder.
        </p>
      )}
      {fields.map((f) => (
        <FieldControl
          key={f.name}
          f={f}
          id={`${idPrefix}-${f.name}`}
          value={values[f.name]}
          errors={errors[f.name]}
          onChange={onChange}
          disabled={disabled}
          formId={formId}
          formData={() => toData(fields, values)}
          checkContext={checkContext}
        />
      ))}
    </div>
  );
}

interface ControlProps {
  f: FieldSpec;
  id: string;
  value: string | boolean | undefined;
  errors?: string[];
  onChange: (name: string, value: string | boolean) => void;
  disabled?: boolean;
  formId?: string;
  formData: () => Record<string, unknown>;
  checkContext: string;
}

function FieldControl({ f, id, value, errors, onChange, disabled, formId, formData, checkContext }: ControlProps) {
  const text = typeof value === 'string' ? value : '';
  const onInput = (e: TargetedEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => onChange(f.name, e.currentTarget.value);

  if (f.kind === 'checkbox' || f.kind === 'confirm' || f.kind === 'constChoice') {
    const label = f.kind === 'constChoice' ? `${f.label}: ${ENUM_LABELS[String(f.constValue)] ?? String(f.constValue)}` : f.label;
    const hint =
      f.kind === 'confirm'
        ? 'Muss bestätigt sein, damit die Aufgabe erledigt werden kann.'
        : f.kind === 'constChoice'
          ? 'Nur diese Entscheidung schließt die Aufgabe ab; andernfalls bitte die Aufgabe zurückgeben.'
          : undefined;
    const describedBy = [hint ? `${id}-hint` : '', errors?.length ? `${id}-error` : ''].filter(Boolean).join(' ');
    return (
      <div class={`field field--check${errors?.length ? ' field--invalid' : ''}`}>
        <div class="check">
          <input
            type="checkbox"
            id={id}
            checked={value === true}
            disabled={disabled}
            onChange={(e) => onChange(f.name, e.currentTarget.checked)}
            {...(errors?.length ? { 'aria-invalid': 'true' } : {})}
            {...(describedBy ? { 'aria-describedby': describedBy } : {})}
            {...(f.required ? { 'aria-required': 'true' } : {})}
          />
          <label for={id}>
            {label}
            {f.required && <RequiredMark />}
          </label>
        </div>
        {hint && <p class="field__hint" id={`${id}-hint`}>{hint}</p>}
        <FieldErrors id={`${id}-error`} errors={errors} />
      </div>
    );
  }

  // a date field is the browser's own date picker, in the browser's language: no format is promised for it
  const hint =
    f.kind === 'number' || f.kind === 'integer'
      ? numberHint(f)
      : f.kind === 'list'
        ? `Ein Eintrag pro Zeile${f.maxItems ? `, höchstens ${f.maxItems}` : ''}`
        : f.kind === 'csv'
          ? 'CSV-Datei (Spalten durch Semikolon getrennt) oder Excel-Datei (.xlsx), erste Zeile mit den Spaltennamen. Vor dem Erledigen zeigt die Vorschau die ersten Zeilen und jedes Problem.'
          : undefined;

  return (
    <Field id={id} label={f.label} required={f.required} hint={hint} errors={errors}>
      {(aria) => {
        switch (f.kind) {
          case 'select':
            return (
              <select {...aria} value={text} disabled={disabled} onChange={onInput}>
                <option value="">Bitte wählen …</option>
                {f.options?.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            );
          case 'date':
            return <input {...aria} type="date" value={text} disabled={disabled} onInput={onInput} class="input--date" />;
          case 'number':
          case 'integer':
            return (
              <input {...aria} type="text" inputMode={f.kind === 'integer' ? 'numeric' : 'decimal'} autoComplete="off" value={text} disabled={disabled} onInput={onInput} class="input--number" />
            );
          case 'csv':
            return formId ? (
              <ExportUpload
                aria={aria}
                formId={formId}
                field={f.name}
                label={f.label}
                value={text}
                values={() => {
                  const { [f.name]: _self, ...others } = formData();
                  return others;
                }}
                onChange={(csv) => onChange(f.name, csv)}
                context={checkContext}
                disabled={disabled}
              />
            ) : (
              <textarea {...aria} rows={8} spellcheck={false} class="mono" value={text} disabled={disabled} onInput={onInput} />
            );
          case 'textarea':
          case 'list':
            return <textarea {...aria} rows={f.kind === 'list' ? 4 : 3} value={text} disabled={disabled} onInput={onInput} />;
          default:
            return <input {...aria} type="text" maxLength={f.maxLength} value={text} disabled={disabled} onInput={onInput} />;
        }
      }}
    </Field>
  );
}
