// Debian's Chromium driven by playwright-core (no downloaded browser), with a fresh profile per test file, and
// helpers the browser tests share: the web bundle, sign-in, screenshots.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { buildWeb } from '../../scripts/build-web';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.resolve(__dirname, '..', '..', 'test-artifacts', 'screenshots');

/** Builds web/dist; a test against a missing or stale bundle would test nothing real. */
export async function ensureWebBundle(): Promise<void> {
  try {
    const { outDir } = await buildWeb();
    if (!fs.existsSync(path.join(outDir, 'index.html')) || !fs.existsSync(path.join(outDir, 'app.js'))) throw new Error('no index.html/app.js written');
  } catch (err) {
    throw new Error(`The web UI bundle (web/dist) could not be built — run \`npm run build:web\` and fix its errors first: ${(err as Error).message}`);
  }
}

export interface TestBrowser {
  context: BrowserContext;
  stop(): Promise<void>;
}

export async function launchBrowser(): Promise<TestBrowser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (Debian package "chromium"; set CHROMIUM_PATH to use another)`);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ku-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
    viewport: { width: 1366, height: 900 },
    acceptDownloads: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  context.setDefaultTimeout(20_000);
  return {
    context,
    async stop() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * A new tab, signed out, opened where a person starts: the start page `/`, or a link from a mail. sessionStorage
 * (and so the sign-in) is per tab, so each tab can be another person.
 */
export async function newTab(browser: TestBrowser, baseUrl: string, errors: string[], entry = '/'): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('pageerror', (err) => errors.push(`${page.url()}: ${err.message}`));
  await page.goto(`${baseUrl}${entry}`);
  // signed out, every entry leads to the sign-in page, which must really render (it once stayed blank)
  await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
  return page;
}

/** Signs in through the demo user list, as a person would: by clicking their name on the page they were sent to. */
export async function signIn(page: Page, baseUrl: string, name: string): Promise<void> {
  if (!page.url().includes('/anmelden')) await page.goto(`${baseUrl}/`);
  await page.getByRole('button', { name: new RegExp(`^Anmelden als ${name}\\b`) }).click();
  // on a phone the sign-out sits behind the menu button: signed in once it is on the page
  await page.getByRole('button', { name: 'Abmelden', includeHidden: true }).waitFor({ state: 'attached' });
}

/**
 * Opens a task as its person does: by its link on the page they see after signing in (the inbox, or the Gemeinde's
 * portal), in the row of its Gemeinde where there is one, reloading while the read side catches up.
 */
export async function openTask(page: Page, title: string, gemeinde?: string): Promise<void> {
  const where = gemeinde ? page.getByRole('row').filter({ hasText: gemeinde }) : page;
  const link = where.getByRole('link', { name: title, exact: true }).first();
  await eventually(page, async () => (await link.count()) > 0, `the link to "${title}"`);
  await link.click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
}

/** Follows an entry of the main navigation and waits for its page (whose heading is the entry's name). */
export async function navigateTo(page: Page, entry: 'Aufgaben' | 'Übersicht'): Promise<void> {
  // on a phone or tablet the navigation is behind the menu button, as a person finds it
  const menu = page.getByRole('button', { name: 'Menü' });
  if (await menu.isVisible()) await menu.click();
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: entry }).click();
  await page.getByRole('heading', { level: 1, name: entry }).waitFor();
}

/** Goes to a Gemeinde's onboarding as staff do: Übersicht in the main navigation, then the Gemeinde's link. */
export async function openOnboarding(page: Page, gemeinde: string): Promise<void> {
  await navigateTo(page, 'Übersicht');
  await page.getByRole('link', { name: gemeinde, exact: true }).first().click();
  await page.getByRole('heading', { level: 1, name: new RegExp(gemeinde) }).waitFor();
}

export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  // let late data (polling, catalogue) settle so the picture shows the page as a person sees it
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.screenshot({ path: file, fullPage: options.fullPage ?? true });
  return file;
}

/** Reloads until the check passes: the read side catches up with a completed task within moments. */
export async function eventually(page: Page, check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await page.waitForTimeout(500);
    await page.reload();
  }
}
