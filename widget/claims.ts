// data-seo (off by default): the box's claims as JSON-LD (GET /v1/factboxes/:slug/claims.jsonld,
// worker/factbox/claims.ts) in the host page's light DOM, right after the embed, so that the
// article that embeds the box gets credit for its figures and sources. Search engines read JSON-LD
// that a script adds. The block is data and never runs; only Trusted Types have a say (below).

interface ScriptPolicy {
  createScript(s: string): unknown;
}
let made: ScriptPolicy | null | undefined;

/**
 * A host page that requires Trusted Types refuses a script's text set as a plain string, even a
 * data block's. This policy passes through only the claims' text, which has just parsed as JSON
 * and goes into a block that never runs; it stays in this module. A host whose CSP names its
 * allowed policies (trusted-types) allows "factbox-claims" for data-seo; if it does not, the
 * claims are left out and the page is as it was.
 */
function policy(): ScriptPolicy | null {
  if (made === undefined) {
    const tt = (self as { trustedTypes?: { createPolicy(name: string, rules: ScriptPolicy): ScriptPolicy } }).trustedTypes;
    made = null; // tried once: a refused name is not asked for again
    if (tt) made = tt.createPolicy('factbox-claims', { createScript: (s: string) => s });
  }
  return made;
}

/** Adds (or, on a re-render, replaces) the claims of `slug` after `el`; a failure leaves the page as it was, and says so. */
export async function addClaims(el: Element, origin: string, slug: string, pin = ''): Promise<void> {
  try {
    await add(el, origin, slug, pin);
  } catch (err) {
    console.warn(`[factbox] no claims for "${slug}"`, err);
  }
}

/** `pin` is "?revision=N" for a pinned embed: the claims of what it shows. */
async function add(el: Element, origin: string, slug: string, pin: string): Promise<void> {
  const res = await fetch(`${origin}/v1/factboxes/${slug}/claims.jsonld${pin}`, { credentials: 'omit', referrerPolicy: 'no-referrer' });
  if (!res.ok || !res.headers.get('content-type')?.startsWith('application/ld+json')) return;
  const text = await res.text();
  JSON.parse(text); // only JSON goes into the page
  const next = el.nextElementSibling;
  const block = next instanceof HTMLScriptElement && next.dataset.factboxClaims === slug ? next : document.createElement('script');
  block.type = 'application/ld+json';
  block.dataset.factboxClaims = slug;
  const trusted = policy();
  // Where Trusted Types are not required a plain string does; where they are, without a policy the claims stay out.
  block.text = (trusted ? trusted.createScript(text) : text) as string;
  if (block !== next) el.after(block);
}
