// The frame of every signed-in page: skip link, header with the navigation this user may use, and the main area.
// Gemeinde staff get their own, smaller navigation: the KU's staff pages are not offered to them at all.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { User } from '../api/types';
import { hasRole, isGemeindeOnly, mayKeepCapacity, mayPlan, mayStartRuns } from '../auth/session';
import { rolesLabel } from '../lib/labels';
import { Link, paths } from '../router';

interface NavItem {
  href: string;
  label: string;
  /** also current for paths below it */
  prefix?: string;
}

function navFor(user: User): NavItem[] {
  if (isGemeindeOnly(user)) {
    return [
      { href: paths.portal, label: 'Unser Onboarding', prefix: '/vorgaenge' },
      { href: paths.inbox, label: 'Aufgaben' },
    ];
  }
  return [
    { href: paths.inbox, label: 'Aufgaben' },
    { href: paths.portfolio, label: 'Übersicht', prefix: '/vorgaenge' },
    ...(mayPlan(user) ? [{ href: paths.yearPlan, label: 'Jahresplanung' }] : []),
    ...(mayStartRuns(user) ? [{ href: paths.start, label: 'Onboarding starten' }] : []),
    ...(hasRole(user, 'admin') ? [{ href: paths.people, label: 'Personen' }] : []),
    ...(mayKeepCapacity(user) ? [{ href: paths.capacity, label: 'Kapazität' }] : []),
    ...(hasRole(user, 'admin') ? [{ href: paths.webhooks, label: 'Webhooks' }] : []),
  ];
}

/** The one item the path lies in: the longest that holds it (the Jahresplanung lies below the Übersicht). */
function currentItem(items: NavItem[], path: string): NavItem | undefined {
  const holds = (item: NavItem) => path === item.href || path.startsWith(`${item.href}/`) || (item.prefix !== undefined && path.startsWith(item.prefix));
  return items.filter(holds).sort((a, b) => b.href.length - a.href.length)[0];
}

export function Layout({ user, path, onSignOut, children }: { user: User; path: string; onSignOut: () => void; children: ComponentChildren }) {
  const items = navFor(user);
  const here = currentItem(items, path);
  // On a phone or tablet the navigation and the user box fold behind a menu button: open, they took about 320 px of
  // a phone's 844 px (203 px of a tablet's) before the page began. A new page closes the menu.
  const [menuOpen, setMenuOpen] = useState(false);
  const header = useRef<HTMLElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  useEffect(() => setMenuOpen(false), [path]);
  // open, the menu closes on a click outside the header, and on Escape within it (focus back on its button)
  useEffect(() => {
    if (!menuOpen) return undefined;
    const onClick = (e: MouseEvent) => {
      if (!header.current?.contains(e.target as Node)) setMenuOpen(false);
    };
    document.addEventListener('click', onClick);
    return () => document.removeEventListener('click', onClick);
  }, [menuOpen]);
  const onMenuClick = (e: MouseEvent) => {
    const link = (e.target as Element).closest('a');
    if (!link) return;
    setMenuOpen(false);
    if (link.getAttribute('href') === path) toggle.current?.focus();
  };
  const onHeaderKey = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || !menuOpen) return;
    setMenuOpen(false);
    toggle.current?.focus();
  };
  return (
    <>
      <a class="skip-link" href="#inhalt">
        Zum Inhalt springen
      </a>
      <header class="topbar" ref={header} onKeyDown={onHeaderKey}>
        <div class="topbar__inner">
          <Link href={paths.home} class="brand">
            <span class="brand__mark" aria-hidden="true">KU</span>
            <span class="brand__text">
              <span class="brand__name">Gemeinde-Onboarding</span>
              <span class="brand__sub">Kommunale IT Landsberg am Lech</span>
            </span>
          </Link>
          <button type="button" class="menu-toggle" ref={toggle} aria-expanded={menuOpen} aria-controls="hauptmenue" onClick={() => setMenuOpen((open) => !open)}>
            Menü
          </button>
          {/* a link chosen closes the menu; the current page's does not change the path, so the focus goes back to the button */}
          <div id="hauptmenue" class={menuOpen ? 'topbar__menu topbar__menu--open' : 'topbar__menu'} onClick={onMenuClick}>
            <nav aria-label="Hauptnavigation" class="mainnav">
              <ul>
                {items.map((item) => (
                  <li key={item.href}>
                    <Link href={item.href} aria-current={item === here ? 'page' : undefined}>
                      {item.label}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
            <div class="userbox">
              <span class="userbox__who">
                <span class="userbox__name">{user.name}</span>
                <span class="userbox__role">{rolesLabel(user.roles)}</span>
              </span>
              <Link href={paths.notifications} class="button button--ghost" aria-current={path === paths.notifications ? 'page' : undefined}>
                Benachrichtigungen
              </Link>
              <button type="button" class="button button--ghost" onClick={onSignOut}>
                Abmelden
              </button>
            </div>
          </div>
        </div>
      </header>
      <main id="inhalt" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

/** Page heading that receives focus after navigation, so screen readers announce the new page. */
export function PageTitle({ children, sub }: { children: ComponentChildren; sub?: ComponentChildren }) {
  return (
    <div class="page-title">
      <h1 tabIndex={-1}>{children}</h1>
      {sub && <p class="page-title__sub">{sub}</p>}
    </div>
  );
}
