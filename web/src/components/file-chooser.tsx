// A file field that speaks German whatever the browser's language: the native input's "Choose File / No file chosen"
// comes from the browser, so the input lies invisible over a button of our own, with the chosen file's name beside it
// (the export upload of task forms looks the same, web/src/forms/export-upload.tsx).
export function FileChooser({ id, accept, file, onChange }: { id?: string; accept: string; file?: File; onChange: (file: File | undefined) => void }) {
  return (
    <span class="file-chooser">
      <span class="file-button">
        Datei auswählen
        <input id={id} type="file" accept={accept} onChange={(e) => onChange(e.currentTarget.files?.[0])} />
      </span>
      <span class="muted small" aria-live="polite">{file ? file.name : 'Keine Datei ausgewählt'}</span>
    </span>
  );
}
