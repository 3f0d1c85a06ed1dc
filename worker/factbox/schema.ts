// The one schema of a fact box: TypeScript types, runtime validation, the JSON Schema
// served at /v1/schema.json and the OpenAPI components all come from the definitions below.
// valibot rather than zod: the worker bundle stays around 13 KB gzip instead of ~105 KB,
// and a smaller worker starts faster at the edge.
import * as v from 'valibot';
import { toJsonSchema } from '@valibot/to-json-schema';
import type * as T from '../../widget/render/box';
import { chars, REPORT_TEXT } from '../../widget/render/reports';

/** Bounds keep any valid box small enough to render quickly and to fit the 256 KB body limit. */
export const LIMITS = {
  body: 256 * 1024,
  shortText: 200,
  longText: 2000,
  figures: 50,
  views: 30,
  sources: 50,
  timeline: 50,
  corrections: 200,
  /**
   * Corrections have their own space beside the box's 256 KB, so that a long correction history
   * never stops an editor from fixing the box: at most 200 of them in 512 KB.
   */
  correctionsBytes: 512 * 1024,
  estimates: 10,
  sourceIds: 10,
} as const;

export const SLUG_PATTERN = '^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$';
const slugRe = new RegExp(SLUG_PATTERN);
export const isSlug = (s: string): boolean => slugRe.test(s);

// C0/C1 controls (except tab, newline, carriage return) and lone surrogates have no place in
// text a reader sees; they are refused rather than silently stripped.
// eslint-disable-next-line no-control-regex
const controlRe = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const wellFormed = (s: string) => !controlRe.test(s) && s.isWellFormed();

const text = (max: number) =>
  v.pipe(
    v.string(),
    v.trim(),
    v.minLength(1, 'must not be empty'),
    v.maxLength(max, `must be at most ${max} characters`),
    v.check(wellFormed, 'must not contain control characters or lone surrogates'),
  );
const shortText = text(LIMITS.shortText);
const longText = text(LIMITS.longText);

const ID_PATTERN = '^[a-z0-9][a-z0-9-]{0,31}$';
const id = v.pipe(v.string(), v.regex(new RegExp(ID_PATTERN), 'must be 1-32 characters of a-z, 0-9 and hyphens'));

/** A calendar date as precise as the source allows: 2016, 2016-08 or 2016-08-28. */
const partialDate = v.pipe(
  v.string(),
  v.regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'must be a date: YYYY, YYYY-MM or YYYY-MM-DD'),
);
/** 2016-02-31 has the right shape and is no day at all. */
const isCalendarDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};
const fullDate = v.pipe(
  v.string(),
  v.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be a date: YYYY-MM-DD'),
  v.check(isCalendarDate, 'must be a date that exists'),
);

/**
 * URL validators of schema libraries accept javascript: and data:, so the protocol of the
 * parsed URL is checked against an allowlist. The regex also lands in the JSON Schema.
 */
export function isAllowedUrl(u: string, protocols: readonly string[]): boolean {
  // Reject anything a browser would "repair" (whitespace, controls) before parsing.
  if (/[\s\u0000-\u001F\u007F]/.test(u) || u.length > 2048) return false;
  try {
    return protocols.includes(new URL(u).protocol);
  } catch {
    return false;
  }
}
const httpUrl = v.pipe(
  v.string(),
  v.regex(/^https?:\/\//i, 'must be an http(s) URL'),
  v.check((u) => isAllowedUrl(u, ['http:', 'https:']), 'must be an http(s) URL'),
);
const feedbackUrl = v.pipe(
  v.string(),
  v.regex(/^(https:\/\/|mailto:)/i, 'must be an https or mailto URL'),
  v.check((u) => isAllowedUrl(u, ['https:', 'mailto:']), 'must be an https or mailto URL'),
);

const sourceIds = v.pipe(
  v.array(id),
  v.minLength(1, 'must name at least one source'),
  v.maxLength(LIMITS.sourceIds, `must have at most ${LIMITS.sourceIds} entries`),
);
const list = <T extends v.GenericSchema>(item: T, max: number) =>
  v.pipe(v.array(item), v.maxLength(max, `must have at most ${max} entries`));

/**
 * A figure's number: finite, and within ±10^13 (ten trillion). A larger count is no figure a reader
 * takes in at a glance: it goes in a larger unit ("36 trillion dollars"). The widget formats every
 * number in this range exactly as Intl would, without Intl (widget/render/format.ts).
 */
export const FIGURE_MAX = 1e13;
const finite = v.pipe(
  v.number(),
  v.finite('must be a finite number'),
  v.minValue(-FIGURE_MAX, 'must be at least -10^13: write larger numbers in a larger unit (trillion…)'),
  v.maxValue(FIGURE_MAX, 'must be at most 10^13: write larger numbers in a larger unit (trillion…)'),
);

export const Estimate = v.strictObject({
  value: finite,
  by: shortText,
  sourceId: id,
});

export const Figure = v.strictObject({
  id,
  label: shortText,
  /** A single figure; give either value or range. */
  value: v.optional(finite),
  /** "about 1,400", "more than 12": how exact the source is. */
  qualifier: v.optional(v.picklist(['about', 'more-than', 'at-least', 'up-to'])),
  /** A contested figure: the span of published estimates, and who holds each. */
  range: v.optional(v.strictObject({ low: finite, high: finite })),
  estimates: v.optional(list(Estimate, LIMITS.estimates)),
  unit: shortText,
  asOf: partialDate,
  sourceIds,
  note: v.optional(longText),
});

export const View = v.strictObject({
  id,
  name: shortText,
  role: shortText,
  affiliation: shortText,
  headline: v.pipe(shortText, v.maxLength(80, 'must be at most 80 characters: a few words')),
  summary: longText,
  /** Verbatim from the source, when given. */
  quote: v.optional(longText),
  sourceIds,
});

export const TimelineEntry = v.strictObject({
  date: partialDate,
  text: longText,
  sourceIds,
});

export const Source = v.strictObject({
  id,
  title: shortText,
  publisher: shortText,
  author: v.optional(shortText),
  published: partialDate,
  /** Only where known: never invented. */
  url: v.optional(httpUrl),
});

export const Correction = v.strictObject({
  date: fullDate,
  text: longText,
});

/** What an editor sends: the server sets slug, revision and updatedAt. */
export const FactBoxInput = v.strictObject({
  lang: v.pipe(v.string(), v.regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'must be a BCP 47 language tag')),
  title: shortText,
  summary: longText,
  figures: list(Figure, LIMITS.figures),
  views: list(View, LIMITS.views),
  timeline: list(TimelineEntry, LIMITS.timeline),
  watch: longText,
  about: longText,
  feedback: feedbackUrl,
  sources: v.pipe(list(Source, LIMITS.sources), v.minLength(1, 'must list at least one source')),
  corrections: list(Correction, LIMITS.corrections),
  /** Who wrote the box, when it is signed: oEmbed's author and JSON-LD's author. */
  byline: v.optional(v.strictObject({ name: shortText, url: v.optional(httpUrl) })),
});

export const FactBox = v.strictObject({
  slug: v.pipe(v.string(), v.regex(slugRe, 'must be 1-64 characters of a-z, 0-9 and inner hyphens')),
  ...FactBoxInput.entries,
  revision: v.pipe(v.number(), v.integer(), v.minValue(1)),
  updatedAt: v.pipe(v.string(), v.isoTimestamp()),
});

/**
 * A read pinned to revision N (GET /v1/factboxes/:slug?revision=N): revision N's content, its
 * corrections followed by every one added since, and where the reader can see what changed.
 */
export const Pinned = v.strictObject({
  revision: v.pipe(v.number(), v.integer(), v.minValue(1)),
  latest: v.pipe(v.number(), v.integer(), v.minValue(1)),
  history: httpUrl,
});
export const PinnedFactBox = v.strictObject({ ...FactBox.entries, pinned: Pinned });

/** Why a box was taken down: a category, and a note readers see in its place. */
export const TAKEDOWN_REASONS = ['court-order', 'safety', 'privacy', 'copyright', 'other'] as const;
export const NewTakedown = v.strictObject({
  reason: v.picklist(TAKEDOWN_REASONS, `must be one of ${TAKEDOWN_REASONS.join(', ')}`),
  note: text(500),
});

export const NewCorrection = v.strictObject({
  text: longText,
  date: v.optional(fullDate),
});

/** A reader's error report (worker/factbox/reports.ts): its text's bounds are the form's too. */
export { REPORT_TEXT };
/** A report is a few kilobytes at most (2,000 characters of text): 16 KB is plenty. */
export const REPORT_BODY_BYTES = 16 * 1024;
export const NewReport = v.strictObject({
  /** RFC 6901 JSON Pointer into the box at `revision`; "" for the whole box. */
  target: v.pipe(
    v.string(),
    v.maxLength(256, 'must be at most 256 characters'),
    v.regex(/^(\/([^~/]|~[01])*)*$/, 'must be a JSON Pointer: "" or "/figures/1"'),
  ),
  revision: v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(1, 'must be 1 or more')),
  text: v.pipe(
    v.string(),
    v.trim(),
    v.check((s) => chars(s) >= REPORT_TEXT.min, `must be at least ${REPORT_TEXT.min} characters`),
    v.check((s) => chars(s) <= REPORT_TEXT.max, `must be at most ${REPORT_TEXT.max} characters`),
    v.check(wellFormed, 'must not contain control characters or lone surrogates'),
  ),
  /** Only to answer the reader; deleted when the report is closed. */
  contact: v.optional(
    v.pipe(v.string(), v.trim(), v.maxLength(254, 'must be at most 254 characters'), v.email('must be an email address')),
  ),
  /** The honeypot: a field people never see (the form hides it); whatever fills it is a robot. */
  website: v.optional(v.string()),
});

export const REPORT_STATUSES = ['open', 'resolved', 'rejected'] as const;
export const ReportUpdate = v.strictObject({
  status: v.picklist(REPORT_STATUSES, `must be one of ${REPORT_STATUSES.join(', ')}`),
  /** Why: for the editors only, never public. */
  note: longText,
  /** The index of the correction in the box (as in /corrections/N) that resolved the report. */
  correction: v.optional(v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(0, 'must be 0 or more'))),
});

// The types live in the render layer (widget/render/box.ts), which both sides import; these
// checks make the compiler refuse any difference between them and what the schema accepts.
type Same<A, B> = [A, keyof A] extends [B, keyof B] ? ([B, keyof B] extends [A, keyof A] ? true : false) : false;
export const SCHEMA_MATCHES_TYPES: [
  Same<v.InferOutput<typeof FactBoxInput>, T.FactBoxInput>,
  Same<v.InferOutput<typeof FactBox>, T.FactBox>,
  Same<v.InferOutput<typeof Figure>, T.Figure>,
  Same<v.InferOutput<typeof View>, T.View>,
  Same<v.InferOutput<typeof Source>, T.Source>,
  Same<v.InferOutput<typeof Correction>, T.Correction>,
  Same<v.InferOutput<typeof TimelineEntry>, T.TimelineEntry>,
  Same<v.InferOutput<typeof Estimate>, T.Estimate>,
  Same<v.InferOutput<typeof PinnedFactBox>, T.PinnedFactBox>,
] = [true, true, true, true, true, true, true, true, true];
export type FactBoxInput = T.FactBoxInput;
export type FactBox = T.FactBox;
export type PinnedFactBox = T.PinnedFactBox;
export type Figure = T.Figure;
export type View = T.View;
export type Source = T.Source;
export type Correction = T.Correction;
export type TimelineEntry = T.TimelineEntry;

export interface Problem {
  /** JSON Pointer (RFC 6901) to the field at fault; "" for the whole body. */
  path: string;
  message: string;
}

const escapePointer = (k: string | number) => String(k).replace(/~/g, '~0').replace(/\//g, '~1');

function pointerOf(issue: v.BaseIssue<unknown>): string {
  return (issue.path ?? []).map((p) => `/${escapePointer(p.key as string | number)}`).join('');
}

type Loose = Record<string, unknown>;
const records = (v: unknown): Loose[] => (Array.isArray(v) ? v.map((x) => (x && typeof x === 'object' ? (x as Loose) : {})) : []);
const strings = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/**
 * Rules that span fields, which a per-field schema cannot express. They read the body loosely
 * (whatever of it has the right shape), so that they report alongside the schema's own problems
 * rather than only once the rest is valid.
 */
function crossCheck(data: unknown): Problem[] {
  const box = data && typeof data === 'object' ? (data as Loose) : {};
  const problems: Problem[] = [];
  const sourceSet = new Set(records(box.sources).map((s) => s.id));
  const refs = (ids: unknown, at: string) =>
    strings(ids).forEach((sid, i) => {
      if (typeof sid === 'string' && !sourceSet.has(sid))
        problems.push({ path: `${at}/sourceIds/${i}`, message: `no source "${sid}" in this box` });
    });
  const unique = (items: unknown, at: string) => {
    const seen = new Set<unknown>();
    records(items).forEach((item, i) => {
      if (typeof item.id !== 'string') return;
      if (seen.has(item.id)) problems.push({ path: `${at}/${i}/id`, message: `duplicate id "${item.id}"` });
      seen.add(item.id);
    });
  };
  unique(box.sources, '/sources');
  unique(box.figures, '/figures');
  unique(box.views, '/views');
  records(box.figures).forEach((f, i) => {
    const at = `/figures/${i}`;
    refs(f.sourceIds, at);
    if ((f.value === undefined) === (f.range === undefined))
      problems.push({ path: at, message: 'give either value or range, not both or neither' });
    const range = f.range as { low?: unknown; high?: unknown } | undefined;
    if (range && typeof range.low === 'number' && typeof range.high === 'number' && range.low > range.high)
      problems.push({ path: `${at}/range`, message: 'low must not be greater than high' });
    if (f.estimates !== undefined && f.range === undefined)
      problems.push({ path: `${at}/estimates`, message: 'estimates belong to a range' });
    records(f.estimates).forEach((e, j) => {
      if (typeof e.sourceId === 'string' && !sourceSet.has(e.sourceId))
        problems.push({ path: `${at}/estimates/${j}/sourceId`, message: `no source "${e.sourceId}" in this box` });
    });
  });
  records(box.views).forEach((view, i) => {
    refs(view.sourceIds, `/views/${i}`);
  });
  records(box.timeline).forEach((t, i) => {
    refs(t.sourceIds, `/timeline/${i}`);
  });
  return problems;
}

const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).byteLength;

/** The largest request a write may send: a full box plus a full correction history. */
export const MAX_REQUEST_BYTES = LIMITS.body + LIMITS.correctionsBytes;

/** The two size budgets of a box: its content, and its corrections. */
export function sizeProblems(box: { corrections: readonly unknown[] }): Problem[] {
  const problems: Problem[] = [];
  if (bytes({ ...box, corrections: [] }) > LIMITS.body)
    problems.push({ path: '', message: `the box without its corrections must be at most ${LIMITS.body / 1024} KB` });
  if (bytes(box.corrections) > LIMITS.correctionsBytes)
    problems.push({ path: '/corrections', message: `the corrections must be at most ${LIMITS.correctionsBytes / 1024} KB together` });
  return problems;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

function run<S extends v.GenericSchema>(
  schema: S,
  data: unknown,
  cross: (data: unknown) => Problem[] = () => [],
): Validated<v.InferOutput<S>> {
  const result = v.safeParse(schema, data, { abortEarly: false });
  const problems = [...(result.success ? [] : result.issues.map((i) => ({ path: pointerOf(i), message: i.message }))), ...cross(data)];
  // One problem once: two rules of one field (a URL's pattern and its protocol check) can say the same.
  const seen = new Set<string>();
  const unique = problems.filter((p) => !seen.has(`${p.path}\u0000${p.message}`) && seen.add(`${p.path}\u0000${p.message}`));
  return result.success && unique.length === 0 ? { ok: true, value: result.output } : { ok: false, problems: unique };
}

/** Every problem at once, each once, with a JSON Pointer path. */
export function validateInput(data: unknown): Validated<FactBoxInput> {
  return run(FactBoxInput, data, crossCheck);
}

export function validateBox(data: unknown): Validated<FactBox> {
  return run(FactBox, data, crossCheck);
}

export function validateCorrection(data: unknown) {
  return run(NewCorrection, data);
}

export function validateTakedown(data: unknown) {
  return run(NewTakedown, data);
}

export function validateReport(data: unknown) {
  return run(NewReport, data);
}

export function validateReportUpdate(data: unknown) {
  return run(ReportUpdate, data);
}

const jsonSchemaConfig = { target: 'draft-2020-12', errorMode: 'ignore' } as const;

/** JSON Schema (draft 2020-12) of the stored box, generated from the definitions above. */
export function factBoxJsonSchema(): Record<string, unknown> {
  return {
    title: 'FactBox',
    description: 'A fact box: key figures with sources and as-of dates, competing views, a timeline, and permanent corrections.',
    ...(toJsonSchema(FactBox, jsonSchemaConfig) as Record<string, unknown>),
  };
}

export const jsonSchemas = () => ({
  FactBox: toJsonSchema(FactBox, jsonSchemaConfig),
  FactBoxInput: toJsonSchema(FactBoxInput, jsonSchemaConfig),
  NewCorrection: toJsonSchema(NewCorrection, jsonSchemaConfig),
  PinnedFactBox: toJsonSchema(PinnedFactBox, jsonSchemaConfig),
  NewTakedown: toJsonSchema(NewTakedown, jsonSchemaConfig),
  NewReport: toJsonSchema(NewReport, jsonSchemaConfig),
  ReportUpdate: toJsonSchema(ReportUpdate, jsonSchemaConfig),
});
