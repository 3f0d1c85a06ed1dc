// @vitest-environment node
// The box's claims as search engines read them (worker/factbox/claims.ts): the served JSON-LD is
// expanded and flattened by a real JSON-LD processor (jsonld, with schema.org's context from a
// local copy of its vocabulary: ./schema-org.ts), then checked against schema.org's vocabulary
// (types, properties, domains, ranges) and Google's rules for the types Google documents.
import jsonld from 'jsonld';
import { describe, expect, it } from 'vitest';
import { claimsJsonLd } from '../../worker/factbox/claims';
import type { FactBox } from '../../worker/factbox/schema';
import { scriptJson } from '../../worker/pages/meta';
import { seedBox } from '../fixtures/seed-box';
import { documentLoader, SDO, schemaOrg } from './schema-org';

const ORIGIN = 'https://factbox.test';
const PAGE = `${ORIGIN}/f/${seedBox.slug}`;
const META = { publisher: { name: 'Factbox', url: ORIGIN, logo: `${ORIGIN}/favicon.svg` }, publishedAt: '2026-11-27T00:00:00.000Z' };
type Json = Record<string, any>;
/** What a crawler reads: the bytes served (escaped for a script block), parsed. */
const served = (box: FactBox = seedBox): Json => JSON.parse(scriptJson(claimsJsonLd(box, META, ORIGIN)));
const options = { documentLoader } as unknown as jsonld.Options.Expand;

/** Every object of a JSON tree. */
function objects(value: unknown, out: Json[] = []): Json[] {
  if (Array.isArray(value)) for (const v of value) objects(v, out);
  else if (value && typeof value === 'object') {
    out.push(value as Json);
    for (const v of Object.values(value)) objects(v, out);
  }
  return out;
}
const byType = (doc: Json, type: string) => objects(doc).filter((o) => o['@type'] === type);

/** How often each key is used in the compact document, and each property IRI once expanded. */
function keyCounts(compact: Json, expanded: unknown) {
  const count = (m: Record<string, number>, k: string) => {
    m[k] = (m[k] ?? 0) + 1;
  };
  const keys: Record<string, number> = {};
  for (const o of objects(compact)) for (const k of Object.keys(o)) if (!k.startsWith('@')) count(keys, `${SDO}${k}`);
  const iris: Record<string, number> = {};
  for (const o of objects(expanded)) for (const k of Object.keys(o)) if (!k.startsWith('@')) count(iris, k);
  // Node objects only: a typed literal ({ "@value", "@type": Date }) is a value, not a node.
  const typed = (o: Json) => '@type' in o && !('@value' in o);
  const types = [objects(compact).filter(typed).length, objects(expanded).filter(typed).length];
  return { keys, iris, types };
}

interface Problem {
  node: string;
  problem: string;
}
/** schema.org's rules, as the Schema Markup Validator applies them: known terms, in their domains and ranges. */
async function vocabularyProblems(doc: Json): Promise<Problem[]> {
  const v = schemaOrg();
  const flat = (await jsonld.flatten(doc as jsonld.JsonLdDocument, undefined, options)) as unknown as Json[];
  const nodes = new Map(flat.map((n) => [n['@id'] as string, n]));
  const typesOf = (n: Json | undefined) => (n?.['@type'] ?? []) as string[];
  const isA = (types: string[], classes: Set<string>) => types.some((t) => [...v.ancestors(t)].some((a) => classes.has(a)));
  const takes = (range: Set<string>, name: string) => isA([...range], new Set([`${SDO}${name}`]));
  const problems: Problem[] = [];
  for (const node of flat) {
    const at = (problem: string) => problems.push({ node: node['@id'], problem });
    const types = typesOf(node);
    for (const t of types) if (!v.classes.has(t)) at(`@type ${t} is no schema.org type`);
    for (const [p, values] of Object.entries(node)) {
      if (p.startsWith('@')) continue;
      if (!v.properties.has(p)) {
        at(`${p} is no schema.org property`);
        continue;
      }
      if (v.superseded.has(p)) at(`${p} is superseded`);
      const domain = v.domains.get(p) ?? new Set();
      if (types.length && !isA(types, domain)) at(`${p} is not a property of ${types.join(', ')}`);
      const range = v.ranges.get(p) ?? new Set();
      for (const value of values as Json[]) {
        let ok: boolean;
        if ('@id' in value) ok = takes(range, 'URL') || isA(typesOf(nodes.get(value['@id'])), range);
        else if (value['@type'])
          ok =
            typeof value['@value'] === 'string' &&
            (range.has(value['@type']) || (value['@type'] === `${SDO}Date` && range.has(`${SDO}DateTime`)));
        else if (typeof value['@value'] === 'number') ok = takes(range, 'Number');
        else if (typeof value['@value'] === 'boolean') ok = takes(range, 'Boolean');
        else ok = ['Text', 'Date', 'DateTime', 'Time'].some((t) => takes(range, t));
        if (!ok) at(`${p} does not take ${JSON.stringify(value)}`);
      }
    }
  }
  return problems;
}

describe('the claims JSON-LD, read by a JSON-LD processor with the schema.org context', () => {
  it('loses nothing in expansion: every key of the document is a schema.org property IRI once expanded', async () => {
    const doc = served();
    const expanded = await jsonld.expand(doc as jsonld.JsonLdDocument, options);
    const { keys, iris, types } = keyCounts(doc, expanded);
    expect(Object.keys(iris).every((iri) => iri.startsWith(SDO))).toBe(true);
    expect(iris).toEqual(keys);
    expect(types[1]).toBe(types[0]);
    expect(Object.keys(keys).length).toBeGreaterThan(30);
    // The check can fail: a null value is dropped by expansion.
    const broken = { ...doc, alternativeHeadline: null };
    const after = keyCounts(broken, await jsonld.expand(broken as jsonld.JsonLdDocument, options));
    expect(after.iris).not.toEqual(after.keys);
  });

  it('uses only schema.org types and properties, each on a type it belongs to, with a value of a type it takes', async () => {
    expect(await vocabularyProblems(served())).toEqual([]);
    // The check can fail: a misspelt property, a property of another type, a value of the wrong kind, an unknown type.
    const doc = served();
    doc.autor = 'x';
    doc.mainEntity.suggestedAnswer[0].answerCount = 2;
    doc.hasPart[0].about.observationDate = 5;
    doc.hasPart[1]['@type'] = 'Klaim';
    expect((await vocabularyProblems(doc)).map((p) => p.problem)).toEqual(
      expect.arrayContaining([
        `${SDO}autor is no schema.org property`,
        `${SDO}answerCount is not a property of ${SDO}Answer`,
        expect.stringContaining(`${SDO}observationDate does not take`),
        `@type ${SDO}Klaim is no schema.org type`,
      ]),
    );
  });

  it('types the box as CreativeWork, figures as Claim about an Observation, views as Answers to a Question', async () => {
    const flat = (await jsonld.flatten(served() as jsonld.JsonLdDocument, undefined, options)) as unknown as Json[];
    const types = new Set(flat.flatMap((n) => (n['@type'] ?? []) as string[]).map((t) => t.slice(SDO.length)));
    expect([...types].sort()).toEqual(
      [
        'Answer',
        'Claim',
        'CorrectionComment',
        'CreativeWork',
        'ImageObject',
        'Observation',
        'Organization',
        'Person',
        'QuantitativeValue',
        'Question',
        'Quotation',
      ].sort(),
    );
    expect(types.has('ClaimReview')).toBe(false); // a box reports claims; it does not rate them
  });
});

// Google's rules for the types it documents that the document uses: Question and Answer, from
// https://developers.google.com/search/docs/appearance/structured-data/qapage (the "Question" and
// "Answer" property tables). A box is no QAPage (users cannot add answers), so it is not eligible
// for the Q&A rich result; the properties are given all the same where the box holds them. What
// the box does not hold is listed with the reason, and must stay absent: nothing is made up.
// (Google's other documented type near this one, Dataset, is not used: see worker/factbox/claims.ts.)
type Rule = { type: 'Question' | 'Answer'; path: string; level: 'required' | 'recommended'; held: true | string };
const GOOGLE_RULES: Rule[] = [
  { type: 'Question', path: 'name', level: 'required', held: true },
  { type: 'Question', path: 'answerCount', level: 'required', held: true },
  // "acceptedAnswer or suggestedAnswer": the analysts' readings compete; none is accepted.
  { type: 'Question', path: 'suggestedAnswer', level: 'required', held: true },
  { type: 'Question', path: 'acceptedAnswer', level: 'required', held: 'no reading is the accepted one' },
  { type: 'Question', path: 'author', level: 'recommended', held: true },
  { type: 'Question', path: 'author.name', level: 'recommended', held: true },
  { type: 'Question', path: 'author.url', level: 'recommended', held: true },
  { type: 'Question', path: 'text', level: 'recommended', held: true },
  { type: 'Question', path: 'datePublished', level: 'recommended', held: true },
  { type: 'Question', path: 'upvoteCount', level: 'recommended', held: 'a box has no votes' },
  { type: 'Answer', path: 'text', level: 'required', held: true },
  { type: 'Answer', path: 'author', level: 'required', held: true },
  { type: 'Answer', path: 'author.name', level: 'required', held: true },
  { type: 'Answer', path: 'author.url', level: 'recommended', held: 'the box has no URL for an analyst' },
  { type: 'Answer', path: 'datePublished', level: 'recommended', held: 'the box dates its sources (in citation), not each reading' },
  { type: 'Answer', path: 'url', level: 'recommended', held: 'the box has no anchor of its own for each reading' },
  { type: 'Answer', path: 'upvoteCount', level: 'recommended', held: 'a box has no votes' },
];
const get = (o: Json, path: string): unknown => path.split('.').reduce<any>((x, k) => x?.[k], o);

describe("Google's rules for Question and Answer", () => {
  const doc = served();
  for (const rule of GOOGLE_RULES)
    it(`${rule.type}.${rule.path} (${rule.level}): ${rule.held === true ? 'given' : `absent, since ${rule.held}`}`, () => {
      const nodes = byType(doc, rule.type);
      expect(nodes.length).toBeGreaterThan(0);
      for (const node of nodes) {
        if (rule.held === true) expect(get(node, rule.path), `${rule.type}.${rule.path}`).toBeTruthy();
        else expect(get(node, rule.path), `${rule.type}.${rule.path}`).toBeUndefined();
      }
    });

  it('counts the answers it gives, and asks no Question of a box without views', () => {
    expect(doc.mainEntity.answerCount).toBe(doc.mainEntity.suggestedAnswer.length);
    expect(doc.mainEntity.answerCount).toBe(seedBox.views.length);
    expect(served({ ...structuredClone(seedBox as FactBox), views: [] }).mainEntity).toBeUndefined();
  });
});

describe('what the claims say: only what the box holds', () => {
  const doc = served();
  const sources = new Map((doc.citation as Json[]).map((s) => [s['@id'], s]));

  it('gives every figure as a Claim with its value, unit, as-of date and sources, appearing in the box', () => {
    expect(doc.hasPart).toHaveLength(seedBox.figures.length);
    for (const [i, f] of seedBox.figures.entries()) {
      const claim = doc.hasPart[i];
      expect(claim).toMatchObject({ '@type': 'Claim', name: f.label, appearance: { '@id': PAGE } });
      expect(claim.about).toMatchObject({ '@type': 'Observation', variableMeasured: f.label, unitText: f.unit, observationDate: f.asOf });
      expect(claim.citation.map((c: Json) => sources.get(c['@id'])?.name)).toEqual(
        f.sourceIds.map((id) => seedBox.sources.find((s) => s.id === id)!.title),
      );
      if (f.note) expect(claim.description).toBe(f.note);
    }
    const [arrivals, defections, workers] = doc.hasPart;
    // "about 1,400": the value, with the words in the claim's text.
    expect(arrivals.about).toMatchObject({ value: 1400 });
    expect(arrivals.text).toBe(
      'North Koreans who renounce their citizenship and end up in South Korea each year: about 1,400 people a year, as of August 2016',
    );
    // "more than a dozen": a lower bound, never a made-up exact value.
    expect(workers.about).toMatchObject({ minValue: 12 });
    expect(workers.about.value).toBeUndefined();
    expect(workers.text).toContain('more than 12 workers');
    // The contested figure: the span, and each estimate with who holds it, from its source.
    expect(defections.about).toMatchObject({ minValue: 3, maxValue: 7 });
    expect(defections.text).toContain('3 to 7 defections (contested)');
    const estimates = seedBox.figures[1]!.estimates!;
    expect(defections.hasPart).toHaveLength(estimates.length);
    for (const [j, e] of estimates.entries()) {
      expect(defections.hasPart[j]).toMatchObject({
        '@type': 'Claim',
        creditText: e.by,
        about: { '@type': 'Observation', value: e.value, unitText: 'defections', observationDate: '2016-08' },
        citation: { '@id': `_:source-${e.sourceId}` },
        appearance: { '@id': PAGE },
      });
      expect(defections.hasPart[j].author).toBeUndefined(); // "who holds it" is the box's words, not a made-up Person
    }
  });

  it("gives the views as the competing answers to the box's question, with their quotes and sources", () => {
    expect(doc.mainEntity).toMatchObject({
      '@type': 'Question',
      name: seedBox.title,
      author: { '@type': 'Organization', name: 'Factbox' },
    });
    expect(doc.mainEntity.acceptedAnswer).toBeUndefined();
    for (const [i, v] of seedBox.views.entries()) {
      const a = doc.mainEntity.suggestedAnswer[i];
      expect(a).toMatchObject({
        '@type': 'Answer',
        name: v.headline,
        text: v.summary,
        author: { '@type': 'Person', name: v.name, jobTitle: v.role, affiliation: { name: v.affiliation } },
      });
      expect(a.citation).toContainEqual({ '@id': `_:source-${v.sourceIds[0]}` });
      expect(a.citation).toContainEqual({
        '@type': 'Quotation',
        text: v.quote,
        spokenByCharacter: expect.objectContaining({ name: v.name }),
      });
    }
  });

  it('names the sources, the publisher and the canonical page as where the claims come from', () => {
    const [npr] = seedBox.sources;
    expect(doc.citation).toEqual([
      {
        '@type': 'CreativeWork',
        '@id': '_:source-npr',
        name: npr!.title,
        publisher: { '@type': 'Organization', name: npr!.publisher },
        creditText: npr!.author,
        datePublished: npr!.published,
      },
    ]);
    expect(doc).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'CreativeWork',
      '@id': PAGE,
      url: PAGE,
      inLanguage: 'en',
      publisher: { '@type': 'Organization', name: 'Factbox', url: ORIGIN, logo: { '@type': 'ImageObject', url: `${ORIGIN}/favicon.svg` } },
      datePublished: META.publishedAt,
      dateModified: seedBox.updatedAt,
      image: { contentUrl: `${PAGE}/revisions/1/card.png`, width: { value: 1200 }, height: { value: 630 } },
      correction: [{ '@type': 'CorrectionComment', datePublished: '2016-08-28' }],
    });
  });

  it('invents no URL: every URL is the box page, its card, the newsroom, or one the box holds', () => {
    const box: FactBox = {
      ...structuredClone(seedBox as FactBox),
      byline: { name: 'Kim Ji-won', url: 'https://daily.example/staff/kim' },
      sources: [{ ...seedBox.sources[0]!, url: 'https://www.kalw.org/story' }],
    };
    const allowed = new Set([PAGE, `${PAGE}/revisions/1/card.png`, ORIGIN, `${ORIGIN}/favicon.svg`, box.byline!.url, box.sources[0]!.url]);
    const urlsOf = (doc: Json) => JSON.stringify({ ...doc, '@context': undefined }).match(/https?:\/\/[^"]+/g)!;
    const urls = urlsOf(served(box));
    expect(new Set(urls)).toEqual(allowed);
    // Without them the box's own pages are all there is.
    expect(urlsOf(served()).every((u) => u.startsWith(ORIGIN))).toBe(true);
  });

  it("words a Korean box's claims in Korean", async () => {
    const ko: FactBox = { ...structuredClone(seedBox as FactBox), lang: 'ko', figures: [{ ...seedBox.figures[0]!, unit: '명' }] };
    const doc = served(ko);
    expect(doc.inLanguage).toBe('ko');
    expect(doc.hasPart[0].text).toContain('약 1,400 명');
    expect(doc.hasPart[0].text).toContain('2016년 8월 기준');
    expect(await vocabularyProblems(doc)).toEqual([]);
  });

  it('words a box in a language without labels (or a tag Intl refuses) in English', () => {
    for (const lang of ['fr', 'en-a1']) {
      const doc = served({ ...structuredClone(seedBox as FactBox), lang });
      expect(doc.inLanguage).toBe(lang);
      expect(doc.hasPart[0].text, lang).toContain('about 1,400 people a year, as of August 2016');
    }
  });

  it('keeps markup in the content inert in the served bytes', () => {
    const box: FactBox = { ...structuredClone(seedBox as FactBox), title: '</script><script>alert(1)</script>' };
    const text = scriptJson(claimsJsonLd(box, META, ORIGIN));
    expect(text).not.toContain('<');
    expect(JSON.parse(text).name).toBe(box.title);
  });
});
