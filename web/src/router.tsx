// A small history-API router: the server answers every client route with index.html, so paths are real URLs
// that can be bookmarked, shared in a mail and opened in a new tab.
import type { AnchorHTMLAttributes, ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

const EVENT = 'ku:navigate';

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  window.dispatchEvent(new Event(EVENT));
}

export interface Location {
  path: string;
  query: URLSearchParams;
}

function read(): Location {
  return { path: location.pathname, query: new URLSearchParams(location.search) };
}

export function useLocation(): Location {
  const [loc, setLoc] = useState(read);
  const firstRendered = useRef(`${location.pathname}${location.search}`);
  useEffect(() => {
    const update = () => setLoc(read());
    window.addEventListener('popstate', update);
    window.addEventListener(EVENT, update);
    // Effects run children first: a <Redirect> rendered on the first pass has already navigated before this
    // listener existed. Read the address once more after subscribing so such a change is not lost (a blank page).
    if (`${location.pathname}${location.search}` !== firstRendered.current) update();
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(EVENT, update);
    };
  }, []);
  return loc;
}

/** Matches `/aufgaben/:id` against a path; parameters come back decoded. */
export function match(pattern: string, path: string): Record<string, string> | undefined {
  const p = pattern.split('/');
  const s = path.replace(/\/+$/, '').split('/');
  if (p.length !== s.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) params[p[i].slice(1)] = decodeURIComponent(s[i]);
    else if (p[i] !== s[i]) return undefined;
  }
  return params;
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string; children?: ComponentChildren };

/** An ordinary link (middle click, open in new tab work) that navigates in place on a plain click. */
export function Link({ href, children, ...rest }: LinkProps) {
  const onClick = (e: MouseEvent) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(href);
  };
  return (
    <a href={href} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}

export const paths = {
  home: '/',
  signIn: '/anmelden',
  oidcCallback: '/anmelden/rueckruf',
  inbox: '/aufgaben',
  task: (id: string) => `/aufgaben/${encodeURIComponent(id)}`,
  run: (id: string) => `/vorgaenge/${encodeURIComponent(id)}`,
  portfolio: '/uebersicht',
  yearPlan: '/uebersicht/jahresplanung',
  start: '/onboarding-starten',
  portal: '/portal',
  people: '/personen',
  capacity: '/kapazitaet',
  webhooks: '/webhooks',
  notifications: '/benachrichtigungen',
};

/** Replaces the current history entry once rendered (a redirect must not run during render). */
export function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}
