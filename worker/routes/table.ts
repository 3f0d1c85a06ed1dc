// Every route of the worker, described once: the 405 answers (Allow) and the OpenAPI document
// are generated from this table, the schemas come from the schema module, and enums and limits
// from the constants the handlers use. tests/worker/routes.test.ts checks that this table and
// the routes hono actually has are the same set.
import { LANGS, LAYOUTS, THEMES } from '../../widget/render/options';
import { LIMITS, MAX_REQUEST_BYTES } from '../factbox/schema';
import { BATCH_MAX, LIST_DEFAULT, LIST_MAX, REPORTS_DEFAULT, REPORTS_MAX, REVISIONS_DEFAULT, REVISIONS_MAX } from '../factbox/cursor';
import { FEED_ENTRIES, HISTORY_PAGE } from '../factbox/diff';
import { REPORT_BODY_BYTES, REPORT_STATUSES, REPORT_TEXT } from '../factbox/schema';

type Method = 'get' | 'put' | 'post' | 'patch' | 'delete';
type Schema =
  | 'FactBox'
  | 'FactBoxOrPinned'
  | 'FactBoxInput'
  | 'NewCorrection'
  | 'NewTakedown'
  | 'Takedown'
  | 'List'
  | 'ListOrBatch'
  | 'Revisions'
  | 'Health'
  | 'OEmbed'
  | 'EmbedManifest'
  | 'Labels'
  | 'NewReport'
  | 'ReportUpdate'
  | 'Report'
  | 'Reports'
  | 'ReportAccepted';

export interface Operation {
  summary: string;
  /** Needs a bearer token. */
  auth?: boolean;
  query?: { name: string; description: string; schema: Record<string, unknown>; required?: boolean }[];
  headers?: { name: string; description: string; required?: boolean }[];
  body?: Schema;
  /** status → description, and what the body is (a schema name or a media type). */
  responses: Record<string, readonly [string, (Schema | `${string}/${string}`)?]>;
}

const slug = { name: 'If-None-Match', description: 'An ETag you hold: 304 if it is still current.' };
const bookmark = { name: 'X-D1-Bookmark', description: 'A bookmark from an earlier write: the read sees at least that write.' };
const theme = { name: 'theme', description: `${THEMES.join(', ')}: auto follows prefers-color-scheme`, schema: { enum: [...THEMES] } };
const lang = { name: 'lang', description: `The widget's labels: ${LANGS.join(', ')}`, schema: { enum: [...LANGS] } };
const layout = { name: 'layout', description: `${LAYOUTS.join(' or ')}: how much shows before a click`, schema: { enum: [...LAYOUTS] } };
/** ?revision=N on the box and its pages: pins the read to revision N (see README, "Pin or follow"). */
const revision = {
  name: 'revision',
  description:
    'Pin to this revision: its content as it was, with every correction added since, and (JSON) a "pinned" field; absent: the latest revision',
  schema: { type: 'integer', minimum: 1 },
};
const readErrors = {
  '400': ['Malformed slug'],
  '404': ['No such box'],
  '410': ['The box is archived'],
  '451': ['Removed for legal reasons'],
  '503': ['Storage unavailable; see Retry-After'],
} as const;
/** The errors of a read that may be pinned with ?revision=. */
const pinnableErrors = { ...readErrors, '400': ['Malformed slug or revision'], '404': ['No such box, or no such revision'] } as const;
const writeErrors = {
  '400': ['Invalid body: every problem with a JSON Pointer path'],
  '401': ['Missing or wrong token'],
  '403': ['Writes are disabled on this server'],
  '412': ['Stale If-Match, or the box exists (create)'],
  '413': [
    `Request over ${MAX_REQUEST_BYTES / 1024} KB, box over ${LIMITS.body / 1024} KB without its corrections, or corrections over ${LIMITS.correctionsBytes / 1024} KB or ${LIMITS.corrections}`,
  ],
  '415': ['Not application/json'],
  '429': ['Too many writes; see Retry-After'],
} as const;

const png = (summary: string, pinned: boolean): Partial<Record<Method, Operation>> => ({
  get: {
    summary,
    headers: [slug],
    responses: {
      '200': ['PNG', 'image/png'],
      '304': ['Not modified'],
      ...readErrors,
      '400': [pinned ? 'Malformed slug or revision' : 'Malformed slug'],
      ...(pinned ? { '404': ['No such box or revision'] } : {}),
    },
  },
});

export const ROUTES: Record<string, Partial<Record<Method, Operation>>> = {
  '/healthz': { get: { summary: 'Liveness; touches no storage', responses: { '200': ['OK', 'Health'] } } },
  '/v1/schema.json': {
    get: { summary: 'JSON Schema (2020-12) of a FactBox', responses: { '200': ['The schema', 'application/schema+json'] } },
  },
  '/openapi.json': { get: { summary: 'This document', responses: { '200': ['OpenAPI 3.1', 'application/json'] } } },
  '/v1/factboxes': {
    get: {
      summary: 'List live boxes, in slug order, keyset-paginated',
      query: [
        {
          name: 'limit',
          description: `Page size, 1-${LIST_MAX} (default ${LIST_DEFAULT})`,
          schema: { type: 'integer', minimum: 1, maximum: LIST_MAX },
        },
        { name: 'cursor', description: 'The opaque "next" of the previous page', schema: { type: 'string' } },
        {
          name: 'slugs',
          description: `Instead of a page: up to ${BATCH_MAX} boxes by slug, comma-separated, as { items: [{ slug, etag, box } | { slug, error }] } in that order`,
          schema: { type: 'string' },
        },
      ],
      headers: [bookmark],
      responses: {
        '200': ['A page of boxes (List), or with slugs the boxes asked for (Batch)', 'ListOrBatch'],
        '400': ['Bad limit, cursor or slugs'],
      },
    },
  },
  '/v1/factboxes/:slug': {
    get: {
      summary: 'One box: the latest revision, or with ?revision=N revision N with every later correction',
      query: [revision],
      headers: [slug, bookmark],
      responses: { '200': ['The box (FactBox), or pinned (PinnedFactBox)', 'FactBoxOrPinned'], '304': ['Not modified'], ...pinnableErrors },
    },
    put: {
      summary: 'Create (If-None-Match: *) or update (If-Match: <ETag>) a box; restores an archived one',
      auth: true,
      headers: [
        { name: 'If-Match', description: 'The ETag the edit is based on (update)' },
        { name: 'If-None-Match', description: '"*" to create or restore' },
      ],
      body: 'FactBoxInput',
      responses: {
        '200': ['Updated', 'FactBox'],
        '201': ['Created or restored', 'FactBox'],
        ...writeErrors,
        '404': ['No such box (update)'],
        '409': ['An existing correction was dropped or edited'],
        '410': ['Archived: restore with If-None-Match: *'],
        '428': ['If-Match is required'],
      },
    },
    delete: {
      summary: 'Archive a box: reads answer 410, the revisions stay',
      auth: true,
      headers: [{ name: 'If-Match', description: 'The current ETag', required: true }],
      responses: {
        '204': ['Archived'],
        ...writeErrors,
        '404': ['No such box'],
        '410': ['Already archived'],
        '428': ['If-Match is required'],
      },
    },
  },
  '/v1/factboxes/:slug/claims.jsonld': {
    get: {
      summary:
        "The box's claims as schema.org JSON-LD for the page that embeds it (embed.js data-seo): each figure a Claim with its Observation (value, unit, as-of date) and sources, each estimate with who holds it, the views as the suggested answers to the box's Question",
      query: [revision],
      headers: [slug, bookmark],
      responses: { '200': ['JSON-LD', 'application/ld+json'], '304': ['Not modified'], ...pinnableErrors },
    },
  },
  '/v1/factboxes/:slug/corrections': {
    post: {
      summary: 'Append a correction (permanent) and bump the revision',
      auth: true,
      headers: [{ name: 'If-Match', description: 'Optional: only if the box is still at this ETag' }],
      body: 'NewCorrection',
      responses: { '201': ['The corrected box', 'FactBox'], ...writeErrors, '404': ['No such box'], '410': ['Archived'] },
    },
  },
  '/v1/factboxes/:slug/takedown': {
    post: {
      summary: 'Take a box down (admin): every public read of it and its revisions answers 451 until lifted; nothing is deleted',
      auth: true,
      body: 'NewTakedown',
      responses: {
        '201': ['Taken down', 'Takedown'],
        ...writeErrors,
        '403': ['Not an admin token, or writes are disabled'],
        '404': ['No such box'],
        '409': ['Already taken down'],
      },
    },
    delete: {
      summary: 'Lift a takedown (admin); the lifting is recorded too',
      auth: true,
      responses: {
        '204': ['Lifted'],
        ...writeErrors,
        '403': ['Not an admin token, or writes are disabled'],
        '404': ['No such box'],
        '409': ['Not taken down'],
      },
    },
  },
  '/v1/factboxes/:slug/reports': {
    get: {
      summary: "The box's reports of one status, newest first, in pages (editors)",
      auth: true,
      query: [
        { name: 'status', description: `${REPORT_STATUSES.join(', ')} (default open)`, schema: { enum: [...REPORT_STATUSES] } },
        {
          name: 'limit',
          description: `Page size, 1-${REPORTS_MAX} (default ${REPORTS_DEFAULT})`,
          schema: { type: 'integer', minimum: 1, maximum: REPORTS_MAX },
        },
        { name: 'cursor', description: 'The opaque "next" of the previous page', schema: { type: 'string' } },
      ],
      responses: {
        '200': ['A page of reports', 'Reports'],
        '400': ['Bad status, limit or cursor'],
        '401': ['Missing or wrong token'],
        '404': ['No such box'],
      },
    },
    post: {
      summary: `A reader's error report about one part of a box (public, CORS-open, Origin: null too): { target (JSON Pointer, "" for the box), revision, text (${REPORT_TEXT.min}-${REPORT_TEXT.max} characters), contact? }. The text is never public; the address is deleted when the report is closed`,
      body: 'NewReport',
      responses: {
        '202': ['Received; editors will read it', 'ReportAccepted'],
        '400': ['Invalid report: a pointer naming nothing in that revision, no such revision, a bad email, text out of bounds'],
        '404': ['No such box'],
        '410': ['The box is archived'],
        '413': [`Body over ${REPORT_BODY_BYTES / 1024} KB`],
        '415': ['Not application/json'],
        '429': ['Too many reports from this client on this box in an hour, or too many open reports on the box; see Retry-After'],
        '451': ['Removed for legal reasons'],
      },
    },
  },
  '/v1/factboxes/:slug/reports/:id': {
    patch: {
      summary:
        "Set a report's status with a note (editors); resolved may name the correction (its index in the box) that fixed it. Closing deletes the reader's address",
      auth: true,
      body: 'ReportUpdate',
      responses: {
        '200': ['The report', 'Report'],
        ...writeErrors,
        '400': ['Invalid update, or no such correction'],
        '404': ['No such box or report'],
        '413': [`Body over ${REPORT_BODY_BYTES / 1024} KB`],
      },
    },
  },
  '/v1/factboxes/:slug/revisions': {
    get: {
      summary: 'The history, oldest first, in pages: number, time, author, state of each revision',
      query: [
        {
          name: 'limit',
          description: `Page size, 1-${REVISIONS_MAX} (default ${REVISIONS_DEFAULT})`,
          schema: { type: 'integer', minimum: 1, maximum: REVISIONS_MAX },
        },
        {
          name: 'after',
          description: 'The "next" of the previous page: revisions after this one',
          schema: { type: 'integer', minimum: 0 },
        },
      ],
      responses: {
        '200': ['A page of the history', 'Revisions'],
        '400': ['Bad limit or after'],
        '404': ['No such box'],
        '451': ['Removed for legal reasons'],
      },
    },
  },
  '/v1/factboxes/:slug/revisions/:n': {
    get: {
      summary: 'A box as it was at revision n, byte for byte',
      responses: {
        '200': ['The box', 'FactBox'],
        '400': ['Not a revision number'],
        '404': ['No such revision'],
        '451': ['Removed for legal reasons'],
      },
    },
  },
  '/embed.js': { get: { summary: 'The script-tag loader (short cache)', responses: { '200': ['JavaScript', 'text/javascript'] } } },
  '/embed.json': {
    get: { summary: 'The pinned build of embed.js with its SRI integrity', responses: { '200': ['Manifest', 'EmbedManifest'] } },
  },
  '/report.js': {
    get: {
      summary:
        'The report form, loaded by embed.js and the edge pages on the first "Report an error" click (short cache; /report.<hash>.js is immutable)',
      responses: { '200': ['JavaScript', 'text/javascript'] },
    },
  },
  '/embed.css': { get: { summary: "The widget's stylesheet", responses: { '200': ['CSS', 'text/css'] } } },
  '/i18n/:file': {
    get: {
      summary: `The widget's labels in another language (${LANGS.map((l) => `${l}.json`).join(', ')})`,
      responses: { '200': ['Labels', 'Labels'], '404': ['No such language'] },
    },
  },
  '/favicon.ico': { get: { summary: 'The site icon', responses: { '200': ['Icon', 'image/x-icon'] } } },
  '/favicon.svg': { get: { summary: 'The site icon, as SVG', responses: { '200': ['Icon', 'image/svg+xml'] } } },
  '/robots.txt': { get: { summary: 'Everything may be crawled; /embed/ pages say noindex', responses: { '200': ['Text', 'text/plain'] } } },
  '/': {
    get: {
      summary: 'The embed builder: choose a box, a method, a theme; copy the code',
      query: [{ name: 'slug', description: 'The box', schema: { type: 'string' } }, theme, lang],
      responses: { '200': ['HTML', 'text/html'] },
    },
  },
  '/more.js': {
    get: {
      summary:
        "What embed.js imports only when a page needs it, as an ES module: more.<hash>.js, immutable under the current build's hash (another hash gets the current build, briefly cached)",
      responses: { '200': ['JavaScript', 'text/javascript'] },
    },
  },
  '/builder.js': { get: { summary: "The embed builder's script", responses: { '200': ['JavaScript', 'text/javascript'] } } },
  '/f/:slug': {
    get: {
      summary: 'The box as a shareable page, with Open Graph, JSON-LD and oEmbed discovery',
      query: [theme, lang, layout, revision],
      responses: { '200': ['HTML', 'text/html'], ...pinnableErrors },
    },
  },
  '/v1/factboxes/:slug/revisions/:n/changes': {
    get: {
      summary:
        "What revision n changed from n-1, in readers' terms: { slug, revision, updatedAt, author, changes: [{ kind, text, path }] }; immutable",
      responses: {
        '200': ['The changes', 'application/json'],
        '400': ['Not a revision number'],
        '404': ['No such box or revision'],
        '451': ['Removed for legal reasons'],
      },
    },
  },
  '/f/:slug/history': {
    get: {
      summary: `The changelog of a box as a page: every revision newest first, ${HISTORY_PAGE} a page, corrections set apart; an archived box keeps its history`,
      query: [
        {
          name: 'before',
          description: 'Only revisions before this one (the "Older revisions" link)',
          schema: { type: 'integer', minimum: 1 },
        },
      ],
      headers: [slug],
      responses: {
        '200': ['HTML', 'text/html'],
        '304': ['Not modified'],
        '400': ['Malformed slug or before'],
        '404': ['No such box'],
        '451': ['Removed for legal reasons'],
      },
    },
  },
  '/f/:slug/history.atom': {
    get: {
      summary: `The changelog as an Atom 1.0 feed: the newest ${FEED_ENTRIES} revisions, category "correction" or "update"`,
      headers: [slug],
      responses: {
        '200': ['Atom feed', 'application/atom+xml'],
        '304': ['Not modified'],
        '400': ['Malformed slug'],
        '404': ['No such box'],
        '451': ['Removed for legal reasons'],
      },
    },
  },
  '/f/:slug/report': {
    get: {
      summary: 'How to report an error in a box: a page on this origin (it opens from inside a sandboxed embed)',
      responses: { '200': ['HTML', 'text/html'], ...readErrors },
    },
  },
  '/f/:slug/card.png': png('The box as a 1200×630 PNG share image (og:image); kept five minutes', false),
  '/f/:slug/card-tall.png': png('The box as a PNG for email and RSS: 600 px wide at 2x, as tall as its content', false),
  '/f/:slug/revisions/:n/card.png': png('The share image of revision n; immutable', true),
  '/f/:slug/revisions/:n/card-tall.png': png('The tall image of revision n; immutable', true),
  '/oembed': {
    get: {
      summary: 'oEmbed 1.0 provider for /f/ and /embed/ URLs of this server',
      query: [
        {
          name: 'url',
          description: 'A /f/:slug or /embed/:slug URL of this server; with ?revision=N the embed stays pinned to revision N',
          schema: { type: 'string' },
          required: true,
        },
        { name: 'format', description: 'json (xml answers 501)', schema: { enum: ['json', 'xml'] } },
        { name: 'maxwidth', description: 'Largest width the consumer accepts', schema: { type: 'integer', minimum: 1 } },
        { name: 'maxheight', description: 'Largest height the consumer accepts', schema: { type: 'integer', minimum: 1 } },
      ],
      responses: {
        '200': ['oEmbed rich response', 'OEmbed'],
        '400': ['Missing or malformed url, or a malformed revision in it'],
        '404': ['Not a fact box URL of this server, or no such revision'],
        '410': ['Archived'],
        '501': ['format=xml'],
      },
    },
  },
  '/embed/:slug.js': {
    get: {
      summary: "One box's script: embed.js with the box, its stylesheet and labels inside, so its first paint takes one request",
      query: [lang, revision],
      headers: [slug],
      responses: { '200': ['JavaScript', 'text/javascript'], '304': ['Not modified'], ...pinnableErrors },
    },
  },
  '/embed/:slug': {
    get: {
      summary: 'The box as an iframe page, rendered on the edge',
      query: [theme, lang, layout, revision],
      responses: { '200': ['HTML', 'text/html'], ...pinnableErrors },
    },
  },
};

/** Allow header values per Hono path. */
export function allowOf(ops: Partial<Record<Method, Operation>>): string {
  const methods = Object.keys(ops).map((m) => m.toUpperCase());
  if (ops.get) methods.splice(1, 0, 'HEAD');
  return [...methods, 'OPTIONS'].join(', ');
}
