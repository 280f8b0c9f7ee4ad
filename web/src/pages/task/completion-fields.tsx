// The fields of "Erledigen", shared by the task page and the inbox's completion of several tasks at once: the
// form generated from the task's JSON Schema, or (for tasks without a form) the comment, and the field errors.
import { Field } from '../../components/field';
import type { FieldSpec, FormValues } from '../../forms/json-schema';
import { SchemaForm } from '../../forms/schema-form';

interface Props {
  fields: FieldSpec[];
  formId?: string;
  /** ids of the fields, unique on the page */
  idPrefix?: string;
  values: FormValues;
  setValues: (update: (old: FormValues) => FormValues) => void;
  errors: Record<string, string[]>;
  setErrors: (update: (old: Record<string, string[]>) => Record<string, string[]>) => void;
  disabled: boolean;
  /** without a form, the task is completed with a comment: a reason when a wait ends early */
  comment?: { value: string; set: (v: string) => void; reasonRequired: boolean; rows: number };
}

/** The key under which the comment's errors are kept beside the form's fields. */
export const COMMENT_ERRORS = '__comment';

export function CompletionFields({ fields, formId, idPrefix, values, setValues, errors, setErrors, disabled, comment }: Props) {
  return (
    <>
      {fields.length > 0 && (
        <SchemaForm
          fields={fields}
          formId={formId}
          idPrefix={idPrefix}
          values={values}
          errors={errors}
          disabled={disabled}
          onChange={(name, v) => {
            setValues((old) => ({ ...old, [name]: v }));
            // an error is about the value it was given: once the value changes, it no longer applies
            setErrors(({ [name]: _gone, ...rest }) => rest);
          }}
        />
      )}
      {comment && (
        <Field
          id={`${idPrefix ?? 'complete'}-comment`}
          label={comment.reasonRequired ? 'Begründung für das vorzeitige Beenden' : 'Bemerkung (optional)'}
          required={comment.reasonRequired}
          errors={errors[COMMENT_ERRORS]}
        >
          {(aria) => <textarea {...aria} rows={comment.rows} value={comment.value} onInput={(e) => comment.set(e.currentTarget.value)} />}
        </Field>
      )}
    </>
  );
}
