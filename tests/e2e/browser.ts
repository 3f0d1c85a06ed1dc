// axe-core and small helpers for the browser tests.
export { launch } from './chromium';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { launch } from './chromium';
import { hostServer } from './net';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.2 A and AA rules of axe-core; open shadow roots are included by axe. */
export async function axeViolations(target: Page | Frame, selector?: string) {
  await target.evaluate(axeSource);
  return target.evaluate(async (sel) => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; help: string; nodes: { target: unknown }[] }[] }> } }).axe;
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

/** One Chromium and one host-page server (another origin) for a test file, closed after it. */
export function browserAndHost() {
  const shared = {} as { browser: Browser; host: Awaited<ReturnType<typeof hostServer>> };
  beforeAll(async () => {
    shared.browser = await launch();
    shared.host = await hostServer();
  });
  afterAll(async () => {
    await shared.browser?.close();
    await shared.host?.close();
  });
  return shared;
}
