// What the edge pages say about a box to machines: oEmbed discovery (WordPress reads only the
// server-rendered <head>), Open Graph and Twitter cards for link unfurling, and schema.org
// JSON-LD describing the box truthfully (built in worker/factbox/claims.ts).
import type { FactBox } from '../factbox/schema';
import { ogLocale, type Publisher, type PublisherVars, publisherOf } from '../publisher';

/** A description for link previews: the summary, cut at a word near 200 characters. */
export function describe(box: FactBox, max = 200): string {
  if (box.summary.length <= max) return box.summary;
  const cut = box.summary.slice(0, max);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 0 ? cut.lastIndexOf(' ') : max)}…`;
}

export const oembedHref = (origin: string, pageUrl: string) => `${origin}/oembed?${new URLSearchParams({ url: pageUrl, format: 'json' })}`;

export function Discovery({ origin, pageUrl, box }: { origin: string; pageUrl: string; box: FactBox }) {
  return <link rel="alternate" type="application/json+oembed" href={oembedHref(origin, pageUrl)} title={box.title} />;
}

/** The share image of this very revision (immutable), for og:image, Twitter, oEmbed and JSON-LD. */
export const CARD = { width: 1200, height: 630 } as const;
export const cardUrl = (pageUrl: string, box: FactBox) => `${pageUrl}/revisions/${box.revision}/card.png`;
export const cardAlt = (box: FactBox) =>
  `${box.title} ${box.figures.map((f) => `${f.label}: ${f.range ? `${f.range.low} to ${f.range.high}` : f.value} ${f.unit}`).join('; ')}.`;

/** What the pages know beyond the box: who publishes it, and when its first revision was written. */
export interface PageMeta {
  publisher: Publisher;
  publishedAt: string;
}
/** The page meta of a box: `head` is its stored head (firstAt: when revision 1 was written). */
export const pageMetaOf = (env: PublisherVars, origin: string, head: { firstAt: string }): PageMeta => ({
  publisher: publisherOf(env, origin),
  publishedAt: head.firstAt,
});

export function SocialTags({ box, url, meta }: { box: FactBox; url: string; meta: PageMeta }) {
  const description = describe(box);
  const image = cardUrl(url, box);
  return (
    <>
      <meta name="description" content={description} />
      <link rel="canonical" href={url} />
      <meta property="og:title" content={box.title} />
      <meta property="og:description" content={description} />
      <meta property="og:type" content="article" />
      <meta property="og:url" content={url} />
      <meta property="og:site_name" content={meta.publisher.name} />
      <meta property="og:locale" content={ogLocale(box.lang)} />
      <meta property="article:published_time" content={meta.publishedAt} />
      <meta property="article:modified_time" content={box.updatedAt} />
      {box.byline && <meta name="author" content={box.byline.name} />}
      <meta property="og:image" content={image} />
      <meta property="og:image:type" content="image/png" />
      <meta property="og:image:width" content={String(CARD.width)} />
      <meta property="og:image:height" content={String(CARD.height)} />
      <meta property="og:image:alt" content={cardAlt(box)} />
      <meta name="twitter:card" content="summary_large_image" />
      <meta name="twitter:image" content={image} />
      <meta name="twitter:image:alt" content={cardAlt(box)} />
      <meta name="twitter:title" content={box.title} />
      <meta name="twitter:description" content={description} />
    </>
  );
}

/**
 * JSON inside <script type="application/ld+json">: "<", ">", "&" and the JS line separators are
 * escaped as \\u sequences, so no string in the box can close the block or start markup.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A JSON-LD block (the box's claims: worker/factbox/claims.ts). */
export function JsonLd({ value }: { value: unknown }) {
  // Escaped by scriptJson above; a data block, never executed, so CSP does not apply to it.
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: scriptJson(value) }} />;
}
