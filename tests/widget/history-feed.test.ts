// @vitest-environment node
// The changelog of a box without workerd: the field-by-field diff (worker/factbox/diff.ts) on the
// seed box, and its Atom feed read back by a real feed parser from npm, hostile text included.
import { parseFeed } from '@rowanmanning/feed-parser';
import { describe, expect, it } from 'vitest';
import {
  atomFeed,
  type Change,
  changes,
  changesHtml,
  clip,
  el,
  escapeXml,
  excerpts,
  type HistoryEntry,
  revisionLabel,
} from '../../worker/factbox/diff';
import type { FactBox } from '../../worker/factbox/schema';
import { defaultBox } from './fixtures';

const next = (box: FactBox, edit: (b: FactBox) => void): FactBox => {
  const b = structuredClone(box);
  b.revision += 1;
  edit(b);
  return b;
};
const texts = (list: Change[]) => list.map((c) => c.text);

describe('changes between two revisions', () => {
  const before = defaultBox();

  it('calls revision 1 "Box created", and says nothing of an edit that changes nothing', () => {
    expect(changes(null, before)).toEqual([{ kind: 'state', text: 'Box created', path: '' }]);
    expect(
      changes(
        before,
        next(before, () => {}),
      ),
    ).toEqual([]);
    expect(
      changes(
        before,
        next(before, () => {}),
        { before: 'live', after: 'archived' },
      ),
    ).toEqual([{ kind: 'state', text: 'Box archived', path: '' }]);
    expect(
      changes(
        before,
        next(before, () => {}),
        { before: 'archived', after: 'live' },
      ),
    ).toEqual([{ kind: 'state', text: 'Box restored', path: '' }]);
  });

  it('describes figures by their label and amount, matched by id', () => {
    const after = next(before, (b) => {
      b.figures[0]!.value = 1500;
      b.figures[2]!.qualifier = 'at-least';
      b.figures[1]!.estimates![1]!.value = 8;
      b.figures[1]!.asOf = '2016-09';
      b.figures.push({
        id: 'ambassadors',
        label: 'Ambassadors who defected',
        value: 0,
        unit: 'people',
        asOf: '2016-08',
        sourceIds: ['npr'],
      });
    });
    expect(changes(before, after)).toEqual([
      { kind: 'figure', text: 'Figure added: "Ambassadors who defected": 0 people (as of August 2016)', path: '/figures/3' },
      {
        kind: 'figure',
        text: 'Figure "North Koreans who renounce their citizenship and end up in South Korea each year": about 1,400 → about 1,500',
        path: '/figures/0/value',
      },
      {
        kind: 'figure',
        text: `Figure "Defections from North Korea's diplomatic posts abroad in 2016": as of August 2016 → September 2016`,
        path: '/figures/1/asOf',
      },
      {
        kind: 'figure',
        text: `Figure "Defections from North Korea's diplomatic posts abroad in 2016": estimate by "Joongang Daily, citing anonymous sources in South Korean intelligence": 7 → 8`,
        path: '/figures/1/estimates/1/value',
      },
      {
        kind: 'figure',
        text: 'Figure "North Korean restaurant workers who defected together from their post in China in April 2016": more than 12 → at least 12',
        path: '/figures/2',
      },
    ]);
    const removed = next(before, (b) => {
      b.figures = [b.figures[1]!, b.figures[0]!];
    });
    expect(texts(changes(before, removed))).toEqual([
      'Figure removed: "North Korean restaurant workers who defected together from their post in China in April 2016": more than 12 workers',
      'Figures reordered',
    ]);
  });

  it('quotes short excerpts of long texts, not the whole of them', () => {
    const after = next(before, (b) => {
      b.summary = b.summary.replace('more often', 'far more often');
    });
    const [change] = changes(before, after);
    expect(change).toEqual({
      kind: 'text',
      text: 'Summary changed: "…be leaving their posts more often. Almost everything…" → "…be leaving their posts far more often. Almost everything…"',
      path: '/summary',
    });
    expect(excerpts('short', 'shorter')).toEqual(['short', 'shorter']);
    const long = 'word '.repeat(100).trim();
    const [x, y] = excerpts(long, `${long} and a new ending`);
    expect(x).toBe('…word word word word');
    expect(y).toBe('…word word word word and a new ending');
    expect(Array.from(clip('가'.repeat(300), 160))).toHaveLength(160);
  });

  it('names views and sources as readers see them, and pairs a timeline entry rewritten on its date', () => {
    const after = next(before, (b) => {
      b.views[0]!.headline = 'A regime under pressure';
      b.views.splice(3, 1);
      b.sources[0]!.url = 'https://www.kalw.org/story';
      b.timeline[1]!.text = 'In the autumn of 2015, a colonel from the spy agency defects.';
      b.timeline.push({ date: '2016-09', text: 'Another diplomat leaves a post in Europe.', sourceIds: ['npr'] });
      b.watch = 'Whether an ambassador disappears from a post.';
    });
    expect(changes(before, after)).toEqual([
      { kind: 'view', text: 'View removed: Michael Madden — The magnifying-glass problem', path: '/views/3' },
      {
        kind: 'view',
        text: 'View changed: Jeong Joon-hee: headline "A regime under strain" → "A regime under pressure"',
        path: '/views/0/headline',
      },
      {
        kind: 'timeline',
        text: `Timeline entry changed (2015): "In the autumn, a colonel from North Korea's spy agency defects. South Korea announces it only months later, days before a legislative election in which the…" → "In the autumn of 2015, a colonel from the spy agency defects."`,
        path: '/timeline/1/text',
      },
      { kind: 'timeline', text: 'Timeline entry added: September 2016: Another diplomat leaves a post in Europe.', path: '/timeline/4' },
      {
        kind: 'text',
        text: 'What to watch changed: "Whether an actual North Korean ambassador, or one of the officials pictured beside Kim Jong Un, disappears from a post. Both Michael Madden and Yang Moojin…" → "Whether an ambassador disappears from a post."',
        path: '/watch',
      },
      {
        kind: 'source',
        text: 'Source changed: NPR, republished by KALW 91.7 FM, What Does It Mean When A North Korean Diplomat Defects?: address added: "https://www.kalw.org/story"',
        path: '/sources/0/url',
      },
    ]);
  });

  it('sets corrections apart, first, with their date and whole text', () => {
    const after = next(before, (b) => {
      b.corrections.push({ date: '2026-11-30', text: 'The range was 3 to 7, not 4 to 8.' });
      b.title = 'What a defection means';
    });
    const list = changes(before, after);
    expect(list[0]).toEqual({
      kind: 'correction',
      text: 'Correction (November 30, 2026): The range was 3 to 7, not 4 to 8.',
      path: '/corrections/1',
    });
    expect(list[1]).toEqual({
      kind: 'text',
      text: 'Title changed: "What does a defection mean?" → "What a defection means"',
      path: '/title',
    });
    expect(revisionLabel(list)).toBe('correction');
    expect(revisionLabel(changes(null, before))).toBe('created');
    expect(revisionLabel(list.slice(1))).toBe('update');
  });
});

const HOSTILE = '<script>alert("x")</script> & ]]> \'quoted\' \u0007';

function history(): HistoryEntry[] {
  return [
    {
      revision: 3,
      updatedAt: '2026-11-30T10:00:00.000Z',
      author: 'alice',
      state: 'live',
      changes: [
        { kind: 'correction', text: `Correction (November 30, 2026): ${HOSTILE}`, path: '/corrections/1' },
        { kind: 'text', text: `Title changed: "A" → "${HOSTILE}"`, path: '/title' },
      ],
    },
    {
      revision: 2,
      updatedAt: '2026-11-29T09:30:00.000Z',
      author: 'bob <b@x>',
      state: 'live',
      changes: [{ kind: 'figure', text: 'Figure "Defections": 3 to 7 → 4 to 8', path: '/figures/1/range' }],
    },
    {
      revision: 1,
      updatedAt: '2026-11-28T08:00:00.000Z',
      author: 'alice',
      state: 'live',
      changes: [{ kind: 'state', text: 'Box created', path: '' }],
    },
  ];
}

describe('the Atom feed', () => {
  const xml = atomFeed({
    origin: 'https://factbox.test',
    slug: 'hostile',
    title: HOSTILE,
    publisher: { name: 'Newsroom & Co <b>', url: 'https://news.example/?a=1&b=2' },
    entries: history(),
  });
  const feed = parseFeed(xml);

  it('is Atom 1.0 with its id, title, updated, self and alternate links, and the publisher as author', () => {
    expect(feed.meta).toEqual({ type: 'atom', version: '1.0' });
    expect(feed.title).toBe(`Changes to “<script>alert("x")</script> & ]]> 'quoted' ”`);
    expect(feed.self).toBe('https://factbox.test/f/hostile/history.atom');
    expect(feed.url).toBe('https://factbox.test/f/hostile/history');
    expect(feed.updated?.toISOString()).toBe('2026-11-30T10:00:00.000Z');
    expect(feed.authors).toEqual([{ name: 'Newsroom & Co <b>', url: 'https://news.example/?a=1&b=2', email: null }]);
    expect(xml).toContain('<id>https://factbox.test/f/hostile/history</id>');
  });

  it('has one entry per revision, newest first, with a correction category on corrected ones', () => {
    expect(feed.items.map((i) => i.title)).toEqual(['Revision 3: correction', 'Revision 2: update', 'Revision 1: created']);
    expect(feed.items.map((i) => i.id)).toEqual([3, 2, 1].map((n) => `https://factbox.test/v1/factboxes/hostile/revisions/${n}`));
    expect(feed.items.map((i) => i.url)).toEqual([3, 2, 1].map((n) => `https://factbox.test/v1/factboxes/hostile/revisions/${n}`));
    expect(feed.items.map((i) => i.categories.map((c) => c.term))).toEqual([['correction'], ['update'], ['update']]);
    expect(feed.items.map((i) => i.updated?.toISOString())).toEqual([
      '2026-11-30T10:00:00.000Z',
      '2026-11-29T09:30:00.000Z',
      '2026-11-28T08:00:00.000Z',
    ]);
    expect(feed.items[1]!.authors.map((a) => a.name)).toEqual(['bob <b@x>']);
  });

  it('escapes hostile text: no markup, no CDATA end, no character XML forbids', () => {
    expect(xml).not.toMatch(/<script|<b>|]]>|\u0007/);
    expect(xml).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; ]]&gt; &apos;quoted&apos;');
    // The entry's content is HTML, escaped once more for XML: a reader shows the text, runs nothing.
    expect(xml).toContain(
      '<content type="html">&lt;p&gt;&lt;strong&gt;Correction&lt;/strong&gt;&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Correction (November 30, 2026): ' +
        '&amp;lt;script&amp;gt;alert(&amp;quot;x&amp;quot;)&amp;lt;/script&amp;gt; &amp;amp; ]]&amp;gt; &amp;apos;quoted&amp;apos; &lt;/li&gt;&lt;/ul&gt;',
    );
    // The parser decodes entities once more than XML does (it is lenient with double-escaped
    // feeds): what it reads back is the text exactly as the editor wrote it.
    expect(feed.items[0]!.content).toBe(
      `<p><strong>Correction</strong></p><ul><li>Correction (November 30, 2026): <script>alert("x")</script> & ]]> 'quoted' </li></ul>` +
        `<ul><li>Title changed: "A" → "<script>alert("x")</script> & ]]> 'quoted' "</li></ul>`,
    );
    expect(feed.items[2]!.content).toBe('<ul><li>Box created</li></ul>');
  });

  it('builds markup only through the escaping helper', () => {
    expect(escapeXml('a<b>&"\'\u0000')).toBe('a&lt;b&gt;&amp;&quot;&apos;');
    expect(el('a', { href: '?x=1&y="2"', title: undefined }, '<i>', el('b', {}, 'ok')).value).toBe(
      '<a href="?x=1&amp;y=&quot;2&quot;">&lt;i&gt;<b>ok</b></a>',
    );
    expect(el('category', { term: 'update' }).value).toBe('<category term="update"/>');
    expect(() => el('a onclick', {})).toThrow();
    expect(changesHtml([])).toBe('<p>No change to what readers see.</p>');
  });

  it('is an empty but valid feed for a box with no revisions given', () => {
    const empty = parseFeed(
      atomFeed({ origin: 'https://factbox.test', slug: 'x', title: 'X', publisher: { name: 'N', url: 'https://n.example' }, entries: [] }),
    );
    expect(empty.items).toEqual([]);
    expect(empty.title).toBe('Changes to “X”');
  });
});
