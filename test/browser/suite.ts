// The setup every browser test file shares: the web bundle built, a test system (Temporal, PostgreSQL, worker,
// API) and a fresh Chromium started before the file's tests, both stopped after them, and the page errors seen.
// `prepare` brings the system to where the tests begin, over the HTTP API as the people involved would.
import { fetchHttp, type Http } from '../../scripts/bot';
import { startSystem, token, type TestSystem } from '../helpers/system';
import { ensureWebBundle, launchBrowser, type TestBrowser } from './browser';

export interface BrowserSuite {
  readonly sys: TestSystem;
  readonly browser: TestBrowser;
  readonly http: Http;
  /** uncaught errors of every page the tests open (a test expects none) */
  readonly pageErrors: string[];
  /** POSTs as a demo user; anything but 200/201 fails the setup with the answer */
  post(path: string, user: string, body: unknown): Promise<any>;
}

interface Options {
  prepare?: (suite: BrowserSuite) => Promise<void>;
  timeoutMs?: number;
}

export function browserSuite({ prepare, timeoutMs = 180_000 }: Options = {}): BrowserSuite {
  let sys: TestSystem | undefined;
  let browser: TestBrowser | undefined;
  const pageErrors: string[] = [];
  const suite: BrowserSuite = {
    get sys() {
      if (!sys) throw new Error('the test system is not started (used outside the tests?)');
      return sys;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not started (used outside the tests?)');
      return browser;
    },
    get http() {
      return fetchHttp(suite.sys.baseUrl);
    },
    pageErrors,
    async post(path, user, body) {
      const res = await suite.http('POST', path, token(user), body);
      if (res.status !== 200 && res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
  };
  beforeAll(async () => {
    await ensureWebBundle();
    sys = await startSystem();
    if (prepare) await prepare(suite);
    browser = await launchBrowser();
  }, timeoutMs);
  afterAll(async () => {
    await browser?.stop();
    await sys?.stop();
  });
  return suite;
}
