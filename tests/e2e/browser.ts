// The browser tests' one way to a host page (browserAndHost, openHost), axe-core, and small helpers.
export { launch } from './chromium';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launch } from './chromium';
import { hostServer } from './net';

export const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.2 A and AA rules of axe-core; open shadow roots are included by axe. */
export async function axeViolations(target: Page | Frame, selector?: string) {
  await target.evaluate(axeSource);
  return target.evaluate(async (sel) => {
    const axe = (
      window as unknown as {
        axe: {
          run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; help: string; nodes: { target: unknown }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(sel ? { include: [[sel]] } : document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
  }, selector);
}

export async function expectNoAxeViolations(target: Page | Frame, selector?: string) {
  expect(await axeViolations(target, selector)).toEqual([]);
}

/** Text of a box rendered in a shadow root. */
export function shadowText(page: Page, selector: string): Promise<string> {
  return page.$eval(selector, (el) => el.shadowRoot?.textContent ?? '');
}

/** Waits until embed.js has rendered into `selector`. */
export async function ready(page: Page, selector = '[data-factbox-ready]') {
  await page.waitForSelector(selector, { state: 'attached', timeout: 15_000 });
}

/**
 * One Chromium and one host-page server (another origin) for a test file, closed after it. After
 * each test every browser context is closed, with its pages (whoever opened them, and whether the
 * test passed or failed), so a test need not close what it opens.
 */
export function browserAndHost() {
  const shared = {} as { browser: Browser; host: Awaited<ReturnType<typeof hostServer>> };
  beforeAll(async () => {
    shared.browser = await launch();
    shared.host = await hostServer();
  });
  afterEach(async () => {
    await Promise.all((shared.browser?.contexts() ?? []).map((ctx) => ctx.close()));
  });
  afterAll(async () => {
    await shared.browser?.close();
    await shared.host?.close();
  });
  return shared;
}

export type Shared = ReturnType<typeof browserAndHost>;

/** A whole host page: an English document with a title, `head` appended to its head, `body` as its body. */
export const hostPage = (body: string, head = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host page</title>${head}</head><body>${body}</body></html>`;

export interface HostPageOptions {
  /** The body's content; wrapped by hostPage() with `head`. */
  body: string;
  head?: string;
  /** A Content-Security-Policy header for the page. */
  csp?: string;
  headers?: Record<string, string>;
}

export interface PageOptions {
  /** The viewport; Playwright's 1280 × 720 unless one of them is given. */
  width?: number;
  height?: number;
  colorScheme?: 'light' | 'dark';
  /** false: a context with JavaScript disabled. */
  javaScript?: boolean;
  /** Open the page in this context (its own settings apply) instead of a new one. */
  context?: BrowserContext;
  /** Runs on the new page before it navigates: routes, init scripts. */
  beforeGoto?: (page: Page) => unknown;
}

export interface HostOptions extends HostPageOptions, PageOptions {
  /** Appended to the page's URL, e.g. '#views'. */
  hash?: string;
}

/** What a page opened by openHost or openPage has collected since it was created. */
export interface Opened {
  page: Page;
  url: string;
  /** Uncaught exceptions in the page (pageerror). */
  errors: string[];
  /** console.error messages (failed loads among them), and console.warn messages. */
  consoleErrors: string[];
  warnings: string[];
  /** The URL of every request the page made. */
  requests: string[];
}

let served = 0;

/** Serves hostPage(body, head) on the host origin at a fresh path and returns its URL; to navigate a page already open. */
export function hostUrl(shared: Shared, { body, head, csp, headers }: HostPageOptions): string {
  const path = `/host-${++served}-${Math.random().toString(36).slice(2, 8)}`;
  return shared.host.set(path, { body: hostPage(body, head), headers: { ...headers, ...(csp && { 'content-security-policy': csp }) } });
}

/**
 * Serves a host page on the other origin at a fresh path (hostUrl), opens it in a new page (in a
 * new context unless `context` is given) and collects its errors, console messages and requests.
 * The page is closed after the test by browserAndHost().
 */
export function openHost(shared: Shared, opts: HostOptions): Promise<Opened> {
  return openPage(shared, hostUrl(shared, opts) + (opts.hash ?? ''), opts);
}

/** Opens any URL (the worker's own pages, say) in a new page, as openHost does. */
export async function openPage(shared: Shared, url: string, opts: PageOptions = {}): Promise<Opened> {
  const viewport = opts.width || opts.height ? { width: opts.width ?? 1280, height: opts.height ?? 720 } : undefined;
  let page: Page;
  if (opts.context) {
    if (opts.javaScript === false) throw new Error('javaScript: false needs a new context, not `context`');
    page = await opts.context.newPage();
    if (viewport) await page.setViewportSize(viewport);
    if (opts.colorScheme) await page.emulateMedia({ colorScheme: opts.colorScheme });
  } else {
    page = await shared.browser.newPage({
      ...(viewport && { viewport }),
      colorScheme: opts.colorScheme ?? 'light',
      javaScriptEnabled: opts.javaScript ?? true,
    });
  }
  const opened: Opened = { page, url, errors: [], consoleErrors: [], warnings: [], requests: [] };
  page.on('pageerror', (e) => opened.errors.push(String(e)));
  page.on('console', (m) => (m.type() === 'warning' ? opened.warnings : m.type() === 'error' ? opened.consoleErrors : []).push(m.text()));
  page.on('request', (r) => opened.requests.push(r.url()));
  await opts.beforeGoto?.(page);
  await page.goto(url);
  return opened;
}
