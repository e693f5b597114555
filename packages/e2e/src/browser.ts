import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/**
 * Debian's Chromium, driven by playwright-core (Playwright's own browser download cannot work on these
 * machines). DOCKET_CHROMIUM names another executable.
 */
export const CHROMIUM = process.env.DOCKET_CHROMIUM ?? '/usr/bin/chromium';

/** Why the browser suites cannot run here, or undefined when they can. */
export function browserUnavailable(): string | undefined {
  return existsSync(CHROMIUM) ? undefined : `no Chromium at ${CHROMIUM} (apt-get install chromium)`;
}

/**
 * Debian's Chromium, headless. Every page opened in it (browser.newPage, or a context's) is watched for
 * what its Content-Security-Policy refuses (`contentSecurityPolicyViolations`).
 */
export async function launchChromium(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // The console honours prefers-reduced-motion: no transitions for axe or a click to race with.
      '--force-prefers-reduced-motion',
    ],
  });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => watchContentSecurityPolicy(await newContext(options));
  return browser;
}

const refusedByPolicy = new WeakMap<Page, string[]>();
const watched = new WeakSet<BrowserContext>();

/** Chromium says on the page's console what a Content-Security-Policy refused (a script, a style, a fetch). */
function watchContentSecurityPolicy(context: BrowserContext): BrowserContext {
  if (watched.has(context)) return context;
  watched.add(context);
  context.on('console', (message) => {
    const page = message.page();
    if (page === null || message.type() !== 'error' || !/Content Security Policy/i.test(message.text()))
      return;
    refusedByPolicy.set(page, [...(refusedByPolicy.get(page) ?? []), message.text()]);
  });
  return context;
}

/** What the gateway's Content-Security-Policy refused on `page` so far (launchChromium's pages only). */
export function contentSecurityPolicyViolations(page: Page): string[] {
  return refusedByPolicy.get(page) ?? [];
}

/** The two sizes the console is judged at: a clerk's desk and the wall screen. */
export const VIEWPORTS = {
  desk: { width: 1440, height: 900 },
  wall: { width: 1920, height: 1080 },
  phone: { width: 390, height: 844 },
} as const;

/** An accessibility finding of axe-core, as the browser suites report it. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown; html: string }[];
}

let axeSource: string | undefined;

/**
 * Runs axe-core (WCAG 2.1 A and AA rules) in the page and answers the serious and critical violations.
 * axe-core's own script is evaluated in the page (its Playwright wrapper needs Node 22). What the page's
 * Content-Security-Policy refused so far is answered too, as a critical finding: a refused script or
 * style leaves the page broken for everyone, and every browser suite asks this on every screen.
 */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(createRequire(__filename).resolve('axe-core/axe.min.js'), 'utf8');
  await settled(page);
  // Evaluated through the DevTools protocol, which the console's Content-Security-Policy (scripts from
  // the gateway only) does not govern; an injected <script> tag would be refused.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run: (context: unknown, options: unknown) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    // The page's document (this function runs in the browser; e2e's own types have no DOM).
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, html: n.html.slice(0, 200) })),
    }));
  });
  const refused = contentSecurityPolicyViolations(page).map((text) => ({
    id: 'content-security-policy',
    impact: 'critical',
    help: text,
    nodes: [],
  }));
  return [...violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'), ...refused];
}

/**
 * Waits until the page is at rest: no button loading, no spinner, no toast, no finite CSS transition or animation
 * running, twice in a row a quarter of a second apart (a click's loading state starts a moment after the
 * click). axe-core judges colours as they are painted, and a loading button (drawn at 65% opacity) or a
 * colour half-way through its transition is not what the user reads once the page has settled.
 */
export async function settled(page: Page): Promise<void> {
  const quiet = () =>
    page.evaluate(() => {
      const doc = (
        globalThis as unknown as {
          document: {
            querySelector(selector: string): unknown;
            getAnimations(): { playState: string; effect: { getTiming(): { iterations?: number } } | null }[];
          };
        }
      ).document;
      if (doc.querySelector('.ant-btn-loading, .ant-spin-spinning') !== null) return false;
      // A toast (antd message) fades out after 3 s: judged half-way through its fade, its text fails
      // contrast. It is transient, so the page is at rest once it is gone.
      if (doc.querySelector('.ant-message-notice') !== null) return false;
      // An endless animation (a caret, a pulse) never ends: only finite ones are waited for.
      return doc
        .getAnimations()
        .every(
          (a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Number.POSITIVE_INFINITY,
        );
    });
  const deadline = Date.now() + 30_000;
  let calm = 0;
  while (calm < 2) {
    if (Date.now() > deadline) throw new Error('the page did not come to rest within 30 s');
    calm = (await quiet()) ? calm + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Signs a page in as a seeded user through the console's own sign-in screen (embedded mode): the
 * user's row, its button. Answers when the console shows the user's home.
 */
export async function signInAs(page: Page, baseUrl: string, userName: string): Promise<void> {
  await page.goto(`${baseUrl}/signin`);
  await page.getByRole('button', { name: new RegExp(userName) }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
}

/** The console's session as it keeps it in the tab (sessionStorage `docket.session`). */
export interface ConsoleSession {
  actor: { id: string; name: string; roles: readonly string[]; department?: string };
  token: string;
}

/**
 * A browser context whose pages open already signed in (the session written before any script runs),
 * for the benchmarks, which time a screen and not the sign-in. zh-CN, at `viewport`.
 */
export async function signedInContext(
  browser: Browser,
  { actor, token }: ConsoleSession,
  viewport: { width: number; height: number },
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' });
  const session = JSON.stringify({ actor, token, expiresAt: Date.now() + 24 * 3_600_000 });
  await context.addInitScript(
    (value) =>
      (
        globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void } }
      ).sessionStorage.setItem('docket.session', value),
    session,
  );
  return context;
}

/** Where `npm run screenshots` puts the console's screenshots (the README shows them). */
const SCREENSHOT_DIR = join(__dirname, '..', '..', '..', 'docs', 'screenshots');

/**
 * Saves a full-page screenshot as docs/screenshots/<name>.png when DOCKET_SCREENSHOTS=1 (`npm run
 * screenshots` runs the browser suites so); otherwise does nothing, so that a test run leaves the
 * repository's files alone.
 */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  if (process.env.DOCKET_SCREENSHOTS !== '1') return;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** A button's name as Ant Design renders it: a space between the two characters of a two-character Chinese label ("受 理"). */
export const exactly = (text: string): RegExp => new RegExp(`^${[...text].join('\\s?')}$`);
