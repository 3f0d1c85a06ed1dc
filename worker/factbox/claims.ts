// The claims of a box as schema.org JSON-LD: the one document that /f/ and /embed/ carry in their
// <head>, that GET /v1/factboxes/:slug/claims.jsonld serves, and that embed.js (with data-seo)
// adds to the host page, so that the article that embeds a box gets credit for its figures and
// sources. Only what the box holds goes in: no URL, date or name is made up.
//
// The types, and why (schema.org's definitions; Google's structured-data documentation where it
// has rules for a type; tests/widget/claims-jsonld.test.ts checks them):
// - The box: CreativeWork, its `@id` and `url` the canonical /f/ page, with the publisher, the
//   byline, the dates and the share image: where the claims come from. Not Article: a box is a
//   set of figures and readings beside an article, not the article.
// - Each figure: Claim, "a specific, factually-oriented claim", as the box's sources state it;
//   its `appearance` is the box. Not ClaimReview: that rates a claim (a fact-check), and a box
//   reports what its sources say without rating them.
// - The number of a figure: Observation (a QuantitativeValue observed at a time: value, or
//   minValue/maxValue, unitText, observationDate for the as-of date, variableMeasured for what is
//   counted), as the Claim's `about`. Not Dataset: Google's Dataset rules are for datasets that
//   Dataset Search lists (tables, files, collections to download); a figure from a news story is
//   none. Not PropertyValue: it has no date. Not StatisticalVariable: it needs a population type
//   and a measured property that the box does not have.
// - A contested figure: its Claim is about the span of the estimates (minValue/maxValue) and has
//   one Claim per estimate as `hasPart`, whose `creditText` says who holds it in the box's words.
//   Those words ("Joongang Daily, citing anonymous sources in South Korean intelligence") are
//   neither one Person nor one Organization, so no `author` is made of them.
// - The views: Question (the box's title) with each analyst's reading as a `suggestedAnswer`:
//   competing answers, none accepted. No QAPage: Google's Q&A rich result is for pages where users
//   submit answers (forums); the properties Google asks of a Question and an Answer are given all
//   the same, where the box holds them.
// - The sources: CreativeWork, each once, in the box's `citation`, under a blank-node id
//   (`_:source-<id>`: a source without a URL gets none), referred to by every claim and answer
//   that rests on it.
import type { Answer, Claim, CreativeWork, IdReference, Observation, Organization, Person, Question, WithContext } from 'schema-dts';
import { figureInWords } from '../../widget/render/alt';
import { formatNumber } from '../../widget/render/format';
import { isLang } from '../../widget/render/i18n';
import { labelsFor } from '../../widget/render/i18n/all';
import { CARD, cardUrl, type PageMeta } from '../pages/meta';
import type { FactBox, Figure, Source, View } from './schema';

const sourceId = (id: string) => `_:source-${id}`;
const sourceRef = (id: string): IdReference => ({ '@id': sourceId(id) });

function sourceNode(s: Source): CreativeWork {
  return {
    '@type': 'CreativeWork',
    '@id': sourceId(s.id),
    name: s.title,
    publisher: { '@type': 'Organization', name: s.publisher },
    // Free text ("Elise Hu; Haeryun Kang contributed"), not one Person: credited as written.
    ...(s.author ? { creditText: s.author } : {}),
    datePublished: s.published,
    ...(s.url ? { url: s.url } : {}),
  };
}

type Quantity = Pick<Observation & { '@type': 'Observation' }, 'value' | 'minValue' | 'maxValue'>;

/**
 * A figure's number as QuantitativeValue reads it: "about 1,400" is the value 1,400; "at least"
 * and "more than" give the lower bound (schema.org has no exclusive bound: the claim's text keeps
 * the words), "up to" the upper; a contested figure the span of its estimates.
 */
function quantity(f: Figure): Quantity {
  if (f.range) return { minValue: f.range.low, maxValue: f.range.high };
  const v = f.value ?? 0; // validated: a figure without a range has a value
  if (f.qualifier === 'at-least' || f.qualifier === 'more-than') return { minValue: v };
  if (f.qualifier === 'up-to') return { maxValue: v };
  return { value: v };
}

const observed = (f: Figure, q: Quantity): Observation => ({
  '@type': 'Observation',
  variableMeasured: f.label,
  ...q,
  unitText: f.unit,
  observationDate: f.asOf,
});

const person = (v: View): Person => ({
  '@type': 'Person',
  name: v.name,
  jobTitle: v.role,
  affiliation: { '@type': 'Organization', name: v.affiliation },
});

function answer(v: View): Answer {
  return {
    '@type': 'Answer',
    name: v.headline,
    text: v.summary,
    author: person(v),
    citation: [
      ...v.sourceIds.map(sourceRef),
      ...(v.quote ? [{ '@type': 'Quotation' as const, text: v.quote, spokenByCharacter: person(v) }] : []),
    ],
  };
}

/**
 * The box's claims as a JSON-LD document (schema.org), for the /f/ and /embed/ pages and the host
 * page that embeds the box. `origin` is this server's: the box's canonical page is /f/:slug on it.
 */
export function claimsJsonLd(box: FactBox, meta: PageMeta, origin: string): WithContext<CreativeWork> {
  const url = `${origin}/f/${box.slug}`;
  const appearsIn = { '@id': url };
  // The claims' words in the box's language where the widget has its labels, else in English. The
  // base language is the locale: a valid BCP 47 tag (say en-a1) can still be one Intl refuses.
  const base = box.lang.split('-')[0]!.toLowerCase();
  const locale = isLang(base) ? base : 'en';
  const labels = labelsFor(locale);

  const claim = (f: Figure): Claim => ({
    '@type': 'Claim',
    name: f.label,
    text: figureInWords(f, labels, locale),
    ...(f.note ? { description: f.note } : {}),
    about: observed(f, quantity(f)),
    appearance: appearsIn,
    citation: f.sourceIds.map(sourceRef),
    ...(f.estimates?.length
      ? {
          hasPart: f.estimates.map(
            (e): Claim => ({
              '@type': 'Claim',
              name: f.label,
              text: `${e.by}: ${formatNumber(e.value, locale)} ${f.unit}`,
              creditText: e.by,
              about: observed(f, { value: e.value }),
              appearance: appearsIn,
              citation: sourceRef(e.sourceId),
            }),
          ),
        }
      : {}),
  });

  const publisher: Organization = {
    '@type': 'Organization',
    name: meta.publisher.name,
    url: meta.publisher.url,
    logo: { '@type': 'ImageObject', url: meta.publisher.logo },
  };
  const author: Person | undefined = box.byline && {
    '@type': 'Person',
    name: box.byline.name,
    ...(box.byline.url ? { url: box.byline.url } : {}),
  };
  const image = cardUrl(url, box);
  const px = (value: number) => ({ '@type': 'QuantitativeValue' as const, value, unitCode: 'E37' }); // E37: pixel (UN/CEFACT)
  const question: Question = {
    '@type': 'Question',
    name: box.title,
    text: box.title,
    // The box asks the question: its byline, else the newsroom.
    author: author ?? publisher,
    datePublished: meta.publishedAt,
    answerCount: box.views.length,
    suggestedAnswer: box.views.map(answer),
  };

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
    publisher,
    ...(author ? { author } : {}),
    image: { '@type': 'ImageObject', url: image, contentUrl: image, width: px(CARD.width), height: px(CARD.height) },
    // A box without views asks nothing it answers: no Question (Google's rules want an answer).
    ...(box.views.length ? { mainEntity: question } : {}),
    hasPart: box.figures.map(claim),
    citation: box.sources.map(sourceNode),
    correction: box.corrections.map((c) => ({ '@type': 'CorrectionComment', text: c.text, datePublished: c.date })),
  };
}
