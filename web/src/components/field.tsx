// A labelled form control with its hint and its errors wired up for screen readers (aria-describedby).
import type { ComponentChildren } from 'preact';

export interface FieldProps {
  id: string;
  label: ComponentChildren;
  required?: boolean;
  hint?: ComponentChildren;
  errors?: string[];
  /** render the control; it receives the attributes that connect it to label, hint and errors */
  children: (aria: ControlAria) => ComponentChildren;
}

export interface ControlAria {
  id: string;
  'aria-invalid'?: 'true';
  'aria-describedby'?: string;
  'aria-required'?: 'true';
}

export function Field({ id, label, required, hint, errors, children }: FieldProps) {
  const describedBy = [hint ? `${id}-hint` : '', errors?.length ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={`field${errors?.length ? ' field--invalid' : ''}`}>
      <label for={id} class="field__label">
        {label}
        {required && <RequiredMark />}
      </label>
      {hint && <p class="field__hint" id={`${id}-hint`}>{hint}</p>}
      {children({
        id,
        ...(errors?.length ? { 'aria-invalid': 'true' as const } : {}),
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(required ? { 'aria-required': 'true' as const } : {}),
      })}
      <FieldErrors id={`${id}-error`} errors={errors} />
    </div>
  );
}

export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p class="field__error" id={id}>
      <span aria-hidden="true">⚠ </span>
      {errors.join(' · ')}
    </p>
  );
}

export function RequiredMark() {
  return (
    // aria-required on the control tells screen readers; the asterisk is for the eye
    <span class="field__required" aria-hidden="true"> *</span>
  );
}
