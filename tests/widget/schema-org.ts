// schema.org, offline: its vocabulary as @vocabulary/schema ships it (schema.org's own
// schemaorg-current-http.nt as N-Quads, every class and property with its subclasses, domains and
// ranges), and the JSON-LD context that https://schema.org serves, rebuilt from that vocabulary by
// schema.org's own rule (software/util/sdojsonldcontext.py in github.com/schemaorg/schemaorg:
// "@vocab" is http://schema.org/, every term maps to schema:term, and a property whose range has
// no Text is coerced to @id when it takes a URL and to Date when it takes a Date). No npm package
// ships the jsonldcontext.json file itself, and this machine reaches no other site; the jsonld
// processor gets the context from the document loader below, as it would from schema.org.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { RemoteDocument } from 'jsonld/jsonld-spec';

export const SDO = 'http://schema.org/';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const RDFS = 'http://www.w3.org/2000/01/rdf-schema#';

export interface Vocabulary {
  classes: Set<string>;
  properties: Set<string>;
  /** Every class with all its superclasses (itself included). */
  ancestors: (cls: string) => Set<string>;
  domains: Map<string, Set<string>>;
  ranges: Map<string, Set<string>>;
  superseded: Set<string>;
  context: Record<string, unknown>;
}

const multimap = () => {
  const m = new Map<string, Set<string>>();
  const add = (k: string, v: string) => (m.get(k) ?? m.set(k, new Set()).get(k)!).add(v);
  return { m, add };
};

function load(): Vocabulary {
  const file = createRequire(import.meta.url).resolve('@vocabulary/schema/schema.nq');
  const classes = new Set<string>();
  const properties = new Set<string>();
  const superseded = new Set<string>();
  const sup = multimap();
  const dom = multimap();
  const rng = multimap();
  const typed = new Set<string>();
  // Only the statements whose object is an IRI are needed: <s> <p> <o> <g> .
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^<([^>]+)> <([^>]+)> <([^>]+)>/.exec(line);
    if (!m) continue;
    const [, s, p, o] = m as unknown as [string, string, string, string];
    if (p === RDF_TYPE) {
      if (s.startsWith(SDO)) typed.add(s);
      if (o === `${RDFS}Class`) classes.add(s);
      if (o === 'http://www.w3.org/1999/02/22-rdf-syntax-ns#Property') properties.add(s);
    } else if (p === `${RDFS}subClassOf`) sup.add(s, o);
    else if (p === `${SDO}domainIncludes`) dom.add(s, o);
    else if (p === `${SDO}rangeIncludes`) rng.add(s, o);
    else if (p === `${SDO}supersededBy`) superseded.add(s);
  }
  const cache = new Map<string, Set<string>>();
  const ancestors = (cls: string): Set<string> => {
    let out = cache.get(cls);
    if (out) return out;
    out = new Set([cls]);
    cache.set(cls, out);
    for (const parent of sup.m.get(cls) ?? []) for (const a of ancestors(parent)) out.add(a);
    return out;
  };

  const context: Record<string, unknown> = {
    type: '@type',
    id: '@id',
    HTML: { '@id': 'rdf:HTML' },
    '@vocab': SDO,
    schema: SDO,
    rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
    rdfs: RDFS,
    xsd: 'http://www.w3.org/2001/XMLSchema#',
  };
  for (const iri of typed) {
    const term = iri.slice(SDO.length);
    if (!term || term.includes('/')) continue;
    const def: Record<string, unknown> = { '@id': `schema:${term}` };
    if (properties.has(iri)) {
      const range = [...(rng.m.get(iri) ?? [])].map((r) => r.slice(SDO.length));
      const types = range.includes('Text') ? [] : [...(range.includes('URL') ? ['@id'] : []), ...(range.includes('Date') ? ['Date'] : [])];
      // schema.org's generator would write a list for the few properties that take both; JSON-LD
      // 1.1 allows one type mapping, so those stay uncoerced (none of them is used here).
      if (types.length === 1) def['@type'] = types[0];
    }
    context[term] = def;
  }
  return { classes, properties, ancestors, domains: dom.m, ranges: rng.m, superseded, context };
}

let vocabulary: Vocabulary | undefined;
export const schemaOrg = (): Vocabulary => (vocabulary ??= load());

/** A jsonld document loader that knows schema.org's context and refuses every other URL. */
export async function documentLoader(url: string): Promise<RemoteDocument> {
  if (!/^https?:\/\/schema\.org\/?$/.test(url)) throw new Error(`no network in the tests: ${url}`);
  return { contextUrl: undefined, documentUrl: url, document: { '@context': schemaOrg().context } as RemoteDocument['document'] };
}
