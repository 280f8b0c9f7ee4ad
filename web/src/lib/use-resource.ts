// Loads data for a page and keeps it fresh: reload on demand, and optionally every few seconds while the tab is
// visible (a run's plan moves while others work on it).
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export interface Resource<T> {
  data?: T;
  error?: unknown;
  loading: boolean;
  reload: () => Promise<void>;
  set: (data: T) => void;
}

export function useResource<T>(load: () => Promise<T>, deps: unknown[], options: { refreshMs?: number } = {}): Resource<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const generation = useRef(0);
  const loader = useRef(load);
  loader.current = load;

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    setState((s) => ({ ...s, loading: true }));
    try {
      const data = await loader.current();
      if (mine === generation.current) setState({ data, loading: false });
    } catch (error) {
      if (mine === generation.current) setState((s) => ({ data: s.data, error, loading: false }));
    }
  }, []);

  useEffect(() => {
    setState({ loading: true });
    void reload();
    if (!options.refreshMs) return;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void reload();
    }, options.refreshMs);
    return () => clearInterval(timer);
  }, deps);

  const set = useCallback((data: T) => setState({ data, loading: false }), []);
  return { ...state, reload, set };
}
