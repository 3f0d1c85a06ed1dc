// What the edge pages say about a box to machines: oEmbed discovery (WordPress reads only the
// server-rendered <head>), Open Graph and Twitter cards for link unfurling, and schema.org
// JSON-LD describing the box truthfully: the question, the competing answers, the figures with
// their sources and dates, the corrections.
import type { FactBox, Source } from '../factbox/schema';
import { ogLocale, type Publisher } from '../publisher';

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

const work = (s: Source) => ({
  '@type': 'CreativeWork',
  name: s.title,
  publisher: { '@type': 'Organization', name: s.publisher },
  ...(s.author ? { author: s.author } : {}),
  datePublished: s.published,
  ...(s.url ? { url: s.url } : {}),
});

export function jsonLd(box: FactBox, url: string, meta: PageMeta): Record<string, unknown> {
  const sources = new Map(box.sources.map((s) => [s.id, s]));
  const cite = (ids: readonly string[]) => ids.flatMap((id) => (sources.has(id) ? [work(sources.get(id)!)] : []));
  return {
    '@context': 'https://schema.org',
    '@type': 'CreativeWork',
    '@id': url,
    url,
    name: box.title,
    headline: box.title,
    description: box.summary,
    inLanguage: box.lang,
    datePublished: meta.publishedAt,
    dateModified: box.updatedAt,
    version: String(box.revision),
    publisher: {
      '@type': 'Organization',
      name: meta.publisher.name,
      url: meta.publisher.url,
      logo: { '@type': 'ImageObject', url: meta.publisher.logo },
    },
    ...(box.byline ? { author: { '@type': 'Person', name: box.byline.name, ...(box.byline.url ? { url: box.byline.url } : {}) } } : {}),
    image: { '@type': 'ImageObject', url: cardUrl(url, box), width: CARD.width, height: CARD.height },
    // The question the box answers, and the experts' competing readings: suggested, none accepted.
    mainEntity: {
      '@type': 'Question',
      name: box.title,
      suggestedAnswer: box.views.map((v) => ({
        '@type': 'Answer',
        name: v.headline,
        text: v.summary,
        author: { '@type': 'Person', name: v.name, jobTitle: v.role, affiliation: { '@type': 'Organization', name: v.affiliation } },
        ...(v.quote ? { citation: { '@type': 'Quotation', text: v.quote, spokenByCharacter: { '@type': 'Person', name: v.name } } } : {}),
      })),
    },
    // Each figure as a measured value with its date and sources.
    hasPart: box.figures.map((f) => ({
      '@type': 'Dataset',
      name: f.label,
      ...(f.note ? { description: f.note } : {}),
      temporalCoverage: f.asOf,
      variableMeasured: {
        '@type': 'PropertyValue',
        name: f.label,
        unitText: f.unit,
        ...(f.range ? { minValue: f.range.low, maxValue: f.range.high } : { value: f.value }),
      },
      citation: cite(f.sourceIds),
    })),
    citation: box.sources.map(work),
    correction: box.corrections.map((c) => ({ '@type': 'CorrectionComment', text: c.text, datePublished: c.date })),
  };
}

/**
 * JSON inside <script type="application/ld+json">: "<", ">", "&" and the JS line separators are
 * escaped as \\u sequences, so no string in the box can close the block or start markup.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function JsonLd({ box, url, meta }: { box: FactBox; url: string; meta: PageMeta }) {
  // Escaped by scriptJson above; a data block, never executed, so CSP does not apply to it.
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: scriptJson(jsonLd(box, url, meta)) }} />;
}
