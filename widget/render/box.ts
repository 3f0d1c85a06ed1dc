// The shape of a fact box as the renderers read it. The worker's schema module
// (worker/factbox/schema.ts) validates boxes and checks at compile time that what it accepts is
// exactly this type, so the two cannot drift apart; this file exists so that the render layer
// depends on nothing outside widget/render/.

/** A calendar date as precise as the source allows: 2016, 2016-08 or 2016-08-28. */
export type PartialDate = string;

export interface Estimate {
  value: number;
  by: string;
  sourceId: string;
}

export interface Figure {
  id: string;
  label: string;
  /** A single figure; a figure has either value or range. */
  value?: number;
  /** How exact the source is: "about 1,400", "more than 12". */
  qualifier?: 'about' | 'more-than' | 'at-least' | 'up-to';
  /** A contested figure: the span of published estimates, and who holds each. */
  range?: { low: number; high: number };
  estimates?: Estimate[];
  unit: string;
  asOf: PartialDate;
  sourceIds: string[];
  note?: string;
}

export interface View {
  id: string;
  name: string;
  role: string;
  affiliation: string;
  headline: string;
  summary: string;
  /** Verbatim from the source, when given. */
  quote?: string;
  sourceIds: string[];
}

export interface TimelineEntry {
  date: PartialDate;
  text: string;
  sourceIds: string[];
}

export interface Source {
  id: string;
  title: string;
  publisher: string;
  author?: string;
  published: PartialDate;
  /** Only where known: never invented. */
  url?: string;
}

export interface Correction {
  /** YYYY-MM-DD */
  date: string;
  text: string;
}

/** What an editor sends: the server sets slug, revision and updatedAt. */
export interface FactBoxInput {
  lang: string;
  title: string;
  summary: string;
  figures: Figure[];
  views: View[];
  timeline: TimelineEntry[];
  watch: string;
  about: string;
  feedback: string;
  sources: Source[];
  corrections: Correction[];
  /** Who wrote the box, when it is signed. */
  byline?: { name: string; url?: string };
}

export interface FactBox extends FactBoxInput {
  slug: string;
  revision: number;
  updatedAt: string;
}

/**
 * What a read pinned to one revision (?revision=N) adds to the box: which revision it shows, the
 * latest one, and the history page that says what changed between them. Absent when not pinned.
 */
export interface Pinned {
  revision: number;
  latest: number;
  /** The absolute URL of /f/:slug/history. */
  history: string;
}

/** A box as a pinned read answers it: revision N's content with every correction made since. */
export interface PinnedFactBox extends FactBox {
  pinned: Pinned;
}
