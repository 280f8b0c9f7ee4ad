// The browser tab names the page, so people with many tabs (and screen readers) know where they are.
import { useEffect } from 'preact/hooks';

export function useTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} – Gemeinde-Onboarding`;
  }, [title]);
}
