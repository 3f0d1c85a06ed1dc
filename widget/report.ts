// report.js: the "Report an error" form, a bundle of its own so that embed.js stays small. It is
// loaded on the first click on a [data-report] control:
// - by embed.js, which imports `${origin}/report.<hash>.js` (immutable; import(), so it runs as a
//   module, where it finds no currentScript and wires nothing itself) and then calls
//   FactboxReport.open(control, { origin, slug, revision }) for the control in a box's shadow root;
// - by the edge pages (/embed/:slug, /f/:slug) as a deferred script allowed by URL in their CSP;
//   there it wires the clicks itself, reading the slug and revision from <html data-slug
//   data-report-revision>. A control there is a link to the report page (for readers without
//   JavaScript); the click is taken before it navigates, and before resize.ts would hand a link
//   to WordPress (a capturing listener).
// The form opens inside the box, right after the control's line: no popup, no navigation, no
// cookie, no storage. One form at a time per page; opening another closes the first.
import { h, render } from 'preact';
import { type Outcome, ReportForm } from './report/ReportForm';
import { type Strings, stringsFor } from './report/strings';
import { fill } from './render/i18n';

export interface ReportContext {
  /** The Factbox origin the box came from: the report goes there. */
  origin: string;
  slug: string;
  /** The revision the reader saw: the report's target is resolved against it. */
  revision: number;
}

interface Open {
  control: HTMLElement;
  host: HTMLElement;
}

let current: Open | null = null;
let seq = 0;

/** Closes the open form; focus goes back to the control that opened it unless another takes it. */
function close(refocus = true): void {
  if (!current) return;
  const { control, host } = current;
  current = null;
  render(null, host);
  host.remove();
  control.setAttribute('aria-expanded', 'false');
  if (refocus) control.focus();
}

/** Minutes, for a person, from a Retry-After in seconds. */
const minutes = (s: string | null) => Math.max(1, Math.ceil(Number(s ?? 3600) / 60));

/** POSTs the report and says what came of it in the form's terms. */
async function send(
  ctx: ReportContext,
  target: string,
  fields: { text: string; contact: string; website: string },
  t: Strings,
): Promise<Outcome> {
  let res: Response;
  try {
    res = await fetch(`${ctx.origin}/v1/factboxes/${encodeURIComponent(ctx.slug)}/reports`, {
      method: 'POST',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        target,
        revision: ctx.revision,
        text: fields.text,
        ...(fields.contact ? { contact: fields.contact } : {}),
        website: fields.website,
      }),
      signal: AbortSignal.timeout(15_000),
    });
  } catch {
    return { ok: false, message: t.offline };
  }
  if (res.status === 202) return { ok: true };
  const error = ((await res.json().catch(() => null)) as { error?: { problems?: { path: string; message: string }[] } } | null)?.error;
  const problem = error?.problems?.[0];
  if (res.status === 429) return { ok: false, message: fill(t.limited, { minutes: minutes(res.headers.get('retry-after')) }) };
  if (res.status === 400 && problem?.path === '/text')
    return { ok: false, field: 'text', message: fill(t.badText, { problem: problem.message }) };
  if (res.status === 400 && problem?.path === '/contact') return { ok: false, field: 'contact', message: t.badEmail };
  if (res.status === 400) return { ok: false, message: t.changed };
  if (res.status === 404 || res.status === 410 || res.status === 451) return { ok: false, message: t.gone };
  return { ok: false, message: t.failed };
}

/**
 * Opens the form for `control` (an element with data-report="<JSON Pointer>") inside its box,
 * after the line it stands on. A second click on the same control closes it.
 */
function open(control: Element, ctx: ReportContext): void {
  const el = control as HTMLElement;
  if (current?.control === el) {
    close();
    return;
  }
  close(false);
  const target = el.getAttribute('data-report') ?? '';
  const host = document.createElement('div');
  // After the control's own line (a figure's, a view's source line, the footer), inside the box.
  const line = el.closest('p') ?? el;
  line.after(host);
  current = { control: el, host };
  el.setAttribute('aria-expanded', 'true');
  const title = el.getAttribute('aria-label') ?? el.textContent ?? '';
  // The box's label language: its "Fact box" kicker carries it (FactBox.tsx), on every page.
  const lang = el.closest('.fb')?.querySelector('.k')?.getAttribute('lang') ?? document.documentElement.lang;
  const t = stringsFor(lang);
  render(
    h(ReportForm, {
      id: `fb-report-${++seq}`,
      title,
      send: (fields) => send(ctx, target, fields, t),
      close: () => close(),
      t,
      lang: lang === 'ko' ? 'ko' : 'en',
    }),
    host,
  );
}

declare global {
  var FactboxReport: { open: typeof open } | undefined;
}

if (!globalThis.FactboxReport) {
  globalThis.FactboxReport = { open };
  // On an edge page of this origin: wire the controls here (embed.js does it on host pages).
  const root = document.documentElement;
  const slug = root.getAttribute('data-slug');
  const revision = Number(root.getAttribute('data-report-revision'));
  const script = document.currentScript as HTMLScriptElement | null;
  if (slug && revision > 0 && script?.src) {
    const ctx = { origin: new URL(script.src).origin, slug, revision };
    // The report page (/f/:slug/report): its button works now, for the part its ?target= names.
    const here = document.querySelector<HTMLElement>('[data-report-here]');
    const target = new URLSearchParams(location.search).get('target');
    if (here) {
      here.hidden = false;
      if (target && /^(\/[^/]*)*$/.test(target)) here.querySelector('[data-report]')?.setAttribute('data-report', target);
    }
    document.addEventListener(
      'click',
      (event) => {
        const control = (event.target as Element | null)?.closest?.('.fb [data-report]');
        if (!control || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
        event.preventDefault();
        open(control, ctx);
      },
      true,
    );
  }
}
