// Status and error messages. Errors interrupt (role=alert); information waits its turn (role=status).
import type { ComponentChildren } from 'preact';
import { ApiError } from '../api/client';

export function Notice({ tone = 'info', children, title }: { tone?: 'info' | 'success' | 'warning' | 'error'; title?: string; children?: ComponentChildren }) {
  return (
    <div class={`notice notice--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {title && <p class="notice__title">{title}</p>}
      {children}
    </div>
  );
}

export function problemText(err: unknown): string {
  if (err instanceof ApiError) return err.problem.detail ?? err.problem.title;
  return 'Ein unerwarteter Fehler ist aufgetreten.';
}

/** A failed load of `what` (a noun: "Vorgang"). 404 reads "nicht gefunden" — also for another Gemeinde's data, which
 * the API answers like a missing one, so that its existence stays hidden. */
export function LoadError({ error, what }: { error: unknown; what: string }) {
  if (error instanceof ApiError && error.status === 404) {
    return (
      <Notice tone="warning" title={`${what} nicht gefunden`}>
        <p>Dieser Eintrag existiert nicht, oder Sie haben keinen Zugriff darauf.</p>
      </Notice>
    );
  }
  if (error instanceof ApiError && error.status === 403) {
    return <Notice tone="error" title="Nicht erlaubt">{problemText(error)}</Notice>;
  }
  return <Notice tone="error" title={`${what} konnte nicht geladen werden`}>{problemText(error)}</Notice>;
}

export function Loading({ label = 'Wird geladen …' }: { label?: string }) {
  return <p class="loading" role="status">{label}</p>;
}
