// The public changelog of a box: what changed from one revision to the next, field by field, in
// the reader's terms ("Figure "…": 3 to 7 → 4 to 8"), and the Atom feed of those changes. Pure:
// no D1, no Hono, no Workers types, so that the worker (routes/history.tsx) and Node tests
// (tests/widget/history-feed.test.ts) run the very same code.
import type { Estimate, FactBox, Figure, Source, TimelineEntry, View } from '../../widget/render/box';
import { formatDate, formatNumber } from '../../widget/render/format';
import { en } from '../../widget/render/i18n';

export type ChangeKind = 'correction' | 'figure' | 'view' | 'source' | 'timeline' | 'text' | 'state';

export interface Change {
  kind: ChangeKind;
  /** One line a reader understands, in English; quotes only short excerpts of long texts. */
  text: string;
  /**
   * JSON Pointer (RFC 6901) to what changed: into the new revision, or, for what was removed,
   * into the revision before. "" for the box as a whole (created, archived, restored).
   */
  path: string;
}

/** The state of a revision (store.ts RevisionState, restated: this module loads no Workers types). */
export type RevisionState = 'live' | 'archived';

/** Revisions on one page of the history (/f/:slug/history), and entries in its Atom feed. */
export const HISTORY_PAGE = 50;
export const FEED_ENTRIES = 50;

/** Bump when the texts change: the changes of a revision are served as immutable, keyed by this. */
export const DIFF_VERSION = 1;

const LOCALE = 'en';
const num = (n: number) => formatNumber(n, LOCALE);
const date = (d: string) => formatDate(d, en);
const pointer = (...parts: (string | number)[]) => parts.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

const QUALIFIERS: Record<NonNullable<Figure['qualifier']>, string> = {
  about: 'about',
  'more-than': 'more than',
  'at-least': 'at least',
  'up-to': 'up to',
};

/** How much a figure says: "about 1,400", "3 to 7". */
export function amount(f: Pick<Figure, 'value' | 'range' | 'qualifier'>): string {
  const q = f.qualifier ? `${QUALIFIERS[f.qualifier]} ` : '';
  if (f.range) return `${q}${num(f.range.low)} to ${num(f.range.high)}`;
  return f.value === undefined ? '' : `${q}${num(f.value)}`;
}

/** At most `max` characters, cut at a word where one is near, with an ellipsis; code points never split. */
export function clip(text: string, max = 160): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const cut = chars.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

const CONTEXT_WORDS = 4;
const SHORT = 160;

/**
 * Short excerpts of two versions of a long text: the part that differs, with a few words of
 * context either side, so that a reader sees the change without reading both texts whole.
 */
export function excerpts(before: string, after: string): [string, string] {
  if (Array.from(before).length <= SHORT && Array.from(after).length <= SHORT) return [before, after];
  const a = before.split(/(\s+)/);
  const b = after.split(/(\s+)/);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  // Tokens alternate word, space: CONTEXT_WORDS words of context are twice as many tokens.
  const from = Math.max(0, start - CONTEXT_WORDS * 2);
  const one = (t: string[]) => {
    const to = Math.min(t.length, t.length - end + CONTEXT_WORDS * 2);
    const middle = t.slice(from, to).join('').trim();
    const head = from > 0 ? '…' : '';
    const tail = to < t.length ? '…' : '';
    const body = clip(middle, SHORT);
    return `${head}${body}${body.endsWith('…') ? '' : tail}`;
  };
  return [one(a), one(b)];
}

const quote = (s: string) => `"${s}"`;

/** "label "a" → "b"", or "label added: "b"", or "label removed: "a"", or null when equal. */
function field(label: string, before: string | undefined, after: string | undefined, long = false): string | null {
  if (before === after) return null;
  if (before === undefined) return `${label} added: ${quote(long ? clip(after!, SHORT) : after!)}`;
  if (after === undefined) return `${label} removed: ${quote(long ? clip(before, SHORT) : before)}`;
  const [x, y] = long ? excerpts(before, after) : [before, after];
  return `${label} ${quote(x)} → ${quote(y)}`;
}

const sourceName = (s: Pick<Source, 'publisher' | 'title'>) => `${s.publisher}, ${s.title}`;

/** Which sources a list of ids gained and lost, named as readers see them. */
function sourceRefs(before: readonly string[], after: readonly string[], boxBefore: FactBox, boxAfter: FactBox): string[] {
  const name = (id: string, box: FactBox) => {
    const s = box.sources.find((x) => x.id === id);
    return s ? sourceName(s) : id;
  };
  return [
    ...after.filter((id) => !before.includes(id)).map((id) => `source added: ${name(id, boxAfter)}`),
    ...before.filter((id) => !after.includes(id)).map((id) => `source removed: ${name(id, boxBefore)}`),
  ];
}

interface Matched<T> {
  added: { item: T; index: number }[];
  removed: { item: T; index: number }[];
  kept: { before: T; after: T; index: number }[];
  reordered: boolean;
}

/** Items of two lists matched by id. */
function byId<T extends { id: string }>(before: readonly T[], after: readonly T[]): Matched<T> {
  const old = new Map(before.map((item, index) => [item.id, { item, index }]));
  const now = new Set(after.map((x) => x.id));
  const kept = after.flatMap((item, index) => {
    const o = old.get(item.id);
    return o ? [{ before: o.item, after: item, index }] : [];
  });
  const order = before.filter((x) => now.has(x.id)).map((x) => x.id);
  return {
    added: after.flatMap((item, index) => (old.has(item.id) ? [] : [{ item, index }])),
    removed: before.flatMap((item, index) => (now.has(item.id) ? [] : [{ item, index }])),
    kept,
    reordered: kept.some((k, i) => order[i] !== k.after.id),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function figureChanges(before: FactBox, after: FactBox): Change[] {
  const out: Change[] = [];
  const m = byId(before.figures, after.figures);
  const add = (text: string, path: string) => out.push({ kind: 'figure', text, path });
  for (const { item, index } of m.added)
    add(`Figure added: ${quote(item.label)}: ${amount(item)} ${item.unit} (as of ${date(item.asOf)})`, pointer('figures', index));
  for (const { item, index } of m.removed)
    add(`Figure removed: ${quote(item.label)}: ${amount(item)} ${item.unit}`, pointer('figures', index));
  for (const { before: a, after: b, index } of m.kept) {
    const at = (...p: (string | number)[]) => pointer('figures', index, ...p);
    const subject = `Figure ${quote(b.label)}`;
    if (a.label !== b.label) add(`Figure renamed: ${quote(a.label)} → ${quote(b.label)}`, at('label'));
    const amountChanged = amount(a) !== amount(b);
    if (amountChanged || a.unit !== b.unit) {
      const unit = a.unit !== b.unit;
      const show = (f: Figure) => (unit ? `${amount(f)} ${f.unit}` : amount(f));
      const where = !amountChanged
        ? at('unit')
        : a.range && b.range
          ? at('range')
          : a.value !== undefined && b.value !== undefined && a.qualifier === b.qualifier
            ? at('value')
            : at();
      add(`${subject}: ${show(a)} → ${show(b)}`, where);
    }
    if (a.asOf !== b.asOf) add(`${subject}: as of ${date(a.asOf)} → ${date(b.asOf)}`, at('asOf'));
    const note = field('note', a.note, b.note, true);
    if (note) add(`${subject}: ${note}`, at('note'));
    for (const s of sourceRefs(a.sourceIds, b.sourceIds, before, after)) add(`${subject}: ${s}`, at('sourceIds'));
    if (!same(a.estimates ?? [], b.estimates ?? [])) {
      const olds = a.estimates ?? [];
      const news = b.estimates ?? [];
      const key = (e: Estimate) => `${e.by}\u0000${e.sourceId}`;
      const estimate = (e: Estimate) => `${num(e.value)} (${clip(e.by, 80)})`;
      news.forEach((e, i) => {
        const was = olds.find((o) => key(o) === key(e));
        if (!was) add(`${subject}: estimate added: ${estimate(e)}`, at('estimates', i));
        else if (was.value !== e.value)
          add(`${subject}: estimate by ${quote(clip(e.by, 80))}: ${num(was.value)} → ${num(e.value)}`, at('estimates', i, 'value'));
      });
      olds.forEach((e, i) => {
        if (!news.some((n) => key(n) === key(e))) add(`${subject}: estimate removed: ${estimate(e)}`, at('estimates', i));
      });
    }
  }
  if (m.reordered) add('Figures reordered', '/figures');
  return out;
}

const VIEW_FIELDS: [keyof View & string, string, boolean][] = [
  ['name', 'name', false],
  ['role', 'role', false],
  ['affiliation', 'affiliation', false],
  ['headline', 'headline', false],
  ['summary', 'summary', true],
  ['quote', 'quote', true],
];

function viewChanges(before: FactBox, after: FactBox): Change[] {
  const out: Change[] = [];
  const m = byId(before.views, after.views);
  const add = (text: string, path: string) => out.push({ kind: 'view', text, path });
  for (const { item, index } of m.added) add(`View added: ${item.name} — ${item.headline}`, pointer('views', index));
  for (const { item, index } of m.removed) add(`View removed: ${item.name} — ${item.headline}`, pointer('views', index));
  for (const { before: a, after: b, index } of m.kept) {
    for (const [key, label, long] of VIEW_FIELDS) {
      const text = field(label, a[key] as string | undefined, b[key] as string | undefined, long);
      if (text) add(`View changed: ${a.name}: ${text}`, pointer('views', index, key));
    }
    for (const s of sourceRefs(a.sourceIds, b.sourceIds, before, after))
      add(`View changed: ${b.name}: ${s}`, pointer('views', index, 'sourceIds'));
  }
  if (m.reordered) add('Views reordered', '/views');
  return out;
}

const SOURCE_FIELDS: [keyof Source & string, string][] = [
  ['title', 'title'],
  ['publisher', 'publisher'],
  ['author', 'author'],
  ['published', 'date'],
  ['url', 'address'],
];

function sourceChanges(before: FactBox, after: FactBox): Change[] {
  const out: Change[] = [];
  const m = byId(before.sources, after.sources);
  const add = (text: string, path: string) => out.push({ kind: 'source', text, path });
  for (const { item, index } of m.added) add(`Source added: ${sourceName(item)}`, pointer('sources', index));
  for (const { item, index } of m.removed) add(`Source removed: ${sourceName(item)}`, pointer('sources', index));
  for (const { before: a, after: b, index } of m.kept)
    for (const [key, label] of SOURCE_FIELDS) {
      const text = field(label, a[key], b[key]);
      if (text) add(`Source changed: ${sourceName(a)}: ${text}`, pointer('sources', index, key));
    }
  if (m.reordered) add('Sources reordered', '/sources');
  return out;
}

/**
 * Timeline entries have no id: an entry is the same if its date and text are. An entry removed
 * and one added on the same date read as one entry changed.
 */
function timelineChanges(before: FactBox, after: FactBox): Change[] {
  const out: Change[] = [];
  const add = (text: string, path: string) => out.push({ kind: 'timeline', text, path });
  const key = (t: TimelineEntry) => `${t.date}\u0000${t.text}`;
  const unmatched = before.timeline.map((item, index) => ({ item, index }));
  const added: { item: TimelineEntry; index: number }[] = [];
  after.timeline.forEach((item, index) => {
    const at = unmatched.findIndex((u) => key(u.item) === key(item));
    if (at < 0) {
      added.push({ item, index });
      return;
    }
    const [was] = unmatched.splice(at, 1);
    for (const s of sourceRefs(was!.item.sourceIds, item.sourceIds, before, after))
      add(`Timeline entry changed (${date(item.date)}): ${s}`, pointer('timeline', index, 'sourceIds'));
  });
  for (const { item, index } of added) {
    const pair = unmatched.findIndex((u) => u.item.date === item.date);
    if (pair >= 0) {
      const [was] = unmatched.splice(pair, 1);
      const [x, y] = excerpts(was!.item.text, item.text);
      add(`Timeline entry changed (${date(item.date)}): ${quote(x)} → ${quote(y)}`, pointer('timeline', index, 'text'));
      for (const s of sourceRefs(was!.item.sourceIds, item.sourceIds, before, after))
        add(`Timeline entry changed (${date(item.date)}): ${s}`, pointer('timeline', index, 'sourceIds'));
    } else add(`Timeline entry added: ${date(item.date)}: ${clip(item.text, SHORT)}`, pointer('timeline', index));
  }
  for (const { item, index } of unmatched)
    add(`Timeline entry removed: ${date(item.date)}: ${clip(item.text, SHORT)}`, pointer('timeline', index));
  if (out.length === 0 && !same(before.timeline.map(key), after.timeline.map(key))) add('Timeline reordered', '/timeline');
  return out;
}

/** Corrections are permanent: a new revision can only add them after the ones it had. */
function correctionChanges(before: FactBox, after: FactBox): Change[] {
  const out: Change[] = [];
  const add = (text: string, path: string) => out.push({ kind: 'correction', text, path });
  before.corrections.forEach((c, i) => {
    const now = after.corrections[i];
    // The write API refuses both; a history shows them all the same, should one ever be stored.
    if (!now) add(`Correction removed (${date(c.date)}): ${c.text}`, pointer('corrections', i));
    else if (now.date !== c.date || now.text !== c.text)
      add(`Correction edited (${date(c.date)}): ${c.text} → ${now.text}`, pointer('corrections', i));
  });
  after.corrections.slice(before.corrections.length).forEach((c, i) => {
    add(`Correction (${date(c.date)}): ${c.text}`, pointer('corrections', before.corrections.length + i));
  });
  return out;
}

const TEXTS: [keyof FactBox & string, string, boolean][] = [
  ['title', 'Title changed:', false],
  ['summary', 'Summary changed:', true],
];
const LATE_TEXTS: [keyof FactBox & string, string, boolean][] = [
  ['watch', 'What to watch changed:', true],
  ['about', 'About this box changed:', true],
  ['lang', 'Language changed:', false],
  ['feedback', 'Address for reporting errors changed:', false],
];

function textChanges(before: FactBox, after: FactBox, fields: typeof TEXTS): Change[] {
  return fields.flatMap(([key, label, long]) => {
    const a = before[key] as string;
    const b = after[key] as string;
    if (a === b) return [];
    const [x, y] = long ? excerpts(a, b) : [a, b];
    return [{ kind: 'text' as const, text: `${label} ${quote(x)} → ${quote(y)}`, path: pointer(key) }];
  });
}

function bylineChanges(before: FactBox, after: FactBox): Change[] {
  const a = before.byline;
  const b = after.byline;
  const out: Change[] = [];
  const name = field('Byline', a?.name, b?.name);
  if (name) out.push({ kind: 'text', text: name, path: pointer('byline', ...(a && b ? ['name'] : [])) });
  if (a && b && a.url !== b.url) out.push({ kind: 'text', text: field('Byline link', a.url, b.url)!, path: pointer('byline', 'url') });
  return out;
}

/**
 * What revision `after` changed from `before` (null: revision 1), for readers. Corrections come
 * first, set apart (kind "correction"); then the rest in the order a reader meets it in the box.
 * `state` is the stored state of both revisions: archiving and restoring are changes too.
 */
export function changes(
  before: FactBox | null,
  after: FactBox,
  state: { before?: RevisionState | null; after?: RevisionState } = {},
): Change[] {
  if (!before) return [{ kind: 'state', text: 'Box created', path: '' }];
  const out: Change[] = [];
  const was = state.before ?? 'live';
  const now = state.after ?? 'live';
  if (was === 'live' && now === 'archived') out.push({ kind: 'state', text: 'Box archived', path: '' });
  if (was === 'archived' && now === 'live') out.push({ kind: 'state', text: 'Box restored', path: '' });
  out.push(
    ...correctionChanges(before, after),
    ...textChanges(before, after, TEXTS),
    ...figureChanges(before, after),
    ...viewChanges(before, after),
    ...timelineChanges(before, after),
    ...textChanges(before, after, LATE_TEXTS),
    ...bylineChanges(before, after),
    ...sourceChanges(before, after),
  );
  return out;
}

/** One word for a revision: what a feed entry's title and the history page call it. */
export function revisionLabel(list: readonly Change[]): 'created' | 'archived' | 'restored' | 'correction' | 'update' {
  const state = list.find((c) => c.kind === 'state')?.text;
  if (state === 'Box created') return 'created';
  if (state === 'Box archived') return 'archived';
  if (list.some((c) => c.kind === 'correction')) return 'correction';
  if (state === 'Box restored') return 'restored';
  return 'update';
}

// ---- Atom ---------------------------------------------------------------------------------

/** Markup built only by el(): text is escaped on the way in, so no content is ever raw. */
export class Markup {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

// Characters XML 1.0 does not allow at all (escaping cannot carry them): dropped.
const NOT_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text or an attribute value for XML (and HTML): & < > " ' escaped, characters XML forbids dropped. */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);
}

type Child = Markup | string | number | null | undefined | false | Child[];

/** An element; attributes with an undefined value are left out, string children are escaped. */
export function el(name: string, attrs: Record<string, string | undefined> = {}, ...children: Child[]): Markup {
  if (!/^[a-zA-Z][\w:-]*$/.test(name)) throw new Error(`not an element name: ${name}`);
  const at = Object.entries(attrs)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('');
  const inner = children.map(child).join('');
  return new Markup(children.length === 0 ? `<${name}${at}/>` : `<${name}${at}>${inner}</${name}>`);
}

function child(c: Child): string {
  if (c === null || c === undefined || c === false) return '';
  if (c instanceof Markup) return c.value;
  if (Array.isArray(c)) return c.map(child).join('');
  return escapeXml(String(c));
}

/** One revision as the feed and the history page show it. */
export interface HistoryEntry {
  revision: number;
  updatedAt: string;
  author: string;
  state: RevisionState;
  changes: Change[];
}

export interface FeedInput {
  /** The origin of absolute URLs: https://factbox.example */
  origin: string;
  slug: string;
  /** The box's title at its newest revision. */
  title: string;
  publisher: { name: string; url: string };
  /** Newest first. */
  entries: readonly HistoryEntry[];
}

export const historyPaths = (slug: string) => ({
  page: `/f/${slug}/history`,
  feed: `/f/${slug}/history.atom`,
  box: `/f/${slug}`,
  revision: (n: number) => `/v1/factboxes/${slug}/revisions/${n}`,
  changes: (n: number) => `/v1/factboxes/${slug}/revisions/${n}/changes`,
  /** Revision n on the history page: the page that starts with it. */
  anchor: (n: number) => `/f/${slug}/history?before=${n + 1}#revision-${n}`,
});

/** The changes of one revision as a small HTML fragment (a feed entry's content). */
export function changesHtml(list: readonly Change[]): string {
  const corrections = list.filter((c) => c.kind === 'correction');
  const rest = list.filter((c) => c.kind !== 'correction');
  return [
    corrections.length > 0 && el('p', {}, el('strong', {}, corrections.length > 1 ? 'Corrections' : 'Correction')),
    corrections.length > 0 && el('ul', {}, ...corrections.map((c) => el('li', {}, c.text))),
    rest.length > 0 && el('ul', {}, ...rest.map((c) => el('li', {}, c.text))),
    list.length === 0 && el('p', {}, 'No change to what readers see.'),
  ]
    .map(child)
    .join('');
}

/** An Atom 1.0 feed (RFC 4287) of a box's revisions, newest first. */
export function atomFeed(input: FeedInput): string {
  const { origin, slug, entries } = input;
  const paths = historyPaths(slug);
  const url = (path: string) => `${origin}${path}`;
  const updated = entries[0]?.updatedAt ?? new Date(0).toISOString();
  const feed = el(
    'feed',
    { xmlns: 'http://www.w3.org/2005/Atom', 'xml:lang': 'en' },
    el('id', {}, url(paths.page)),
    el('title', {}, `Changes to “${input.title}”`),
    el('subtitle', {}, `Every revision of this fact box, newest first, from ${input.publisher.name}. Nothing stored is ever lost.`),
    el('updated', {}, updated),
    el('link', { rel: 'self', type: 'application/atom+xml', href: url(paths.feed) }),
    el('link', { rel: 'alternate', type: 'text/html', href: url(paths.page) }),
    el('link', { rel: 'related', type: 'text/html', href: url(paths.box) }),
    el('author', {}, el('name', {}, input.publisher.name), el('uri', {}, input.publisher.url)),
    el('generator', {}, 'Factbox'),
    ...entries.map((e) => {
      const label = revisionLabel(e.changes);
      return el(
        'entry',
        {},
        el('id', {}, url(paths.revision(e.revision))),
        el('title', {}, `Revision ${e.revision}: ${label}`),
        el('updated', {}, e.updatedAt),
        el('author', {}, el('name', {}, e.author)),
        el('link', { rel: 'alternate', type: 'application/json', href: url(paths.revision(e.revision)) }),
        el('link', { rel: 'related', type: 'text/html', href: url(paths.anchor(e.revision)) }),
        el('category', { term: label === 'correction' ? 'correction' : 'update' }),
        el('content', { type: 'html' }, changesHtml(e.changes)),
      );
    }),
  );
  return `<?xml version="1.0" encoding="utf-8"?>\n${feed.value}\n`;
}
