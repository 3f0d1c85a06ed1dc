// @vitest-environment happy-dom
// The compact layout (the default of every embed path): what a reader sees without a click, what
// is one click away in native <details>, and the known heights the embed code reserves.
import { render } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { FactBox } from '../../widget/render/components/FactBox';
import heights from '../../widget/render/heights.json';
import { labelsFor } from '../../widget/render/i18n/all';
import { fitHeight, heightFor, RESERVED_HEIGHT, snippet, TYPICAL_WIDTH } from '../../widget/render/snippets';
import type { FactBox as Box } from '../../worker/factbox/schema';
import { defaultBox } from './fixtures';

const en = labelsFor('en');

function dom(box: Box = defaultBox(), props: Partial<Parameters<typeof FactBox>[0]> = {}) {
  const el = document.createElement('div');
  render(<FactBox box={box} labels={en} locale="en" theme="light" {...props} />, el);
  return el;
}

/** Text a reader sees without opening anything: outside every <details>, or in a <summary>. */
function shown(el: Element): string {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  let text = '';
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const details = n.parentElement!.closest('details');
    if (!details || n.parentElement!.closest('summary')?.parentElement === details) text += n.textContent;
  }
  return text.replace(/\s+/g, ' ');
}

describe('the compact layout', () => {
  const box = defaultBox();
  const el = dom(box);
  const glance = shown(el);

  it('is the default, and nothing is open', () => {
    expect(el.querySelector('aside')!.className).toBe('fb cp');
    expect(el.querySelectorAll('details').length).toBeGreaterThan(8);
    expect(el.querySelectorAll('details[open]')).toHaveLength(0);
    expect(renderToString(<FactBox box={box} labels={en} locale="en" theme="auto" />)).not.toContain(' open');
  });

  it('shows the title and the summary up to its first sentence; the rest is one click away', () => {
    expect(glance).toContain(box.title);
    const first = 'In 2016 North Korean diplomats and other officials posted abroad appeared to be leaving their posts more often.';
    expect(glance).toContain(first);
    expect(glance).not.toContain('Almost everything known');
    const more = el.querySelector('details.rm')!;
    expect(more.querySelector('summary')!.textContent).toBe('Read more');
    expect(`${el.querySelector('.ld')!.textContent} ${more.querySelector('p')!.textContent}`).toBe(box.summary);
  });

  it('keeps a summary without a sentence break after 60 characters whole, with no "Read more"', () => {
    const short = dom({ ...box, summary: 'One short sentence. And another.' });
    expect(short.querySelector('.ld')!.textContent).toBe('One short sentence. And another.');
    expect(short.querySelector('details.rm')).toBeNull();
  });

  it('shows every figure: value, unit, label and as-of date, with the contested one marked', () => {
    const items = [...el.querySelectorAll('#figures .g > li')];
    expect(items).toHaveLength(box.figures.length);
    for (const [i, f] of box.figures.entries()) {
      const text = items[i]!.textContent!;
      for (const part of [f.unit, f.label, 'as of']) expect(text).toContain(part);
      expect(items[i]!.closest('details')).toBeNull();
      expect(!!items[i]!.querySelector('.tg')).toBe(!!f.range);
    }
    expect(items[0]!.textContent).toContain('about 1,400');
    expect(items[1]!.textContent).toContain('3 to 7');
    expect(items[1]!.querySelector('.tg')!.textContent!.trim()).toBe('Contested');
    expect(items[2]!.textContent).toContain('more than 12');
    expect(glance).toContain('as of August 2016');
    expect(glance).toContain('as of April 2016');
  });

  it("shows every analyst's name and headline without a click", () => {
    for (const v of box.views) {
      expect(glance).toContain(v.headline);
      expect(glance).toContain(v.name);
    }
  });

  it('shows "Corrected <date>" when the box has corrections, and opens the text from it', () => {
    const corrections = el.querySelector<HTMLDetailsElement>('details#corrections')!;
    expect(corrections.querySelector('summary')!.textContent).toBe('Corrected August 28, 2016');
    expect(corrections.textContent).toContain('He died in 2011, not 2012.');
    // The latest of several.
    const two = dom({ ...box, corrections: [{ date: '2026-01-02', text: 'Later.' }, ...box.corrections] });
    expect(two.querySelector('#corrections summary')!.textContent).toBe('Corrected January 2, 2026');
    // None: no line (the full layout says so).
    const none = dom({ ...box, corrections: [] });
    expect(none.querySelector('#corrections')).toBeNull();
    expect(shown(none)).not.toContain('Corrected');
    expect(dom({ ...box, corrections: [] }, { layout: 'full' }).textContent).toContain('No corrections so far.');
  });

  it('puts everything else one click away: notes, who holds each estimate, views in full, what to watch, timeline, sources, about', () => {
    const hidden = [
      box.figures[0]!.note!,
      box.figures[1]!.estimates![0]!.by,
      box.views[0]!.summary,
      box.views[3]!.quote!,
      box.watch,
      box.timeline[1]!.text,
      box.sources[0]!.author!,
      box.about,
      'He died in 2011, not 2012.',
    ];
    for (const text of hidden) {
      expect(el.textContent).toContain(text);
      expect(glance).not.toContain(text);
    }
  });

  it('gives each part a stable id a URL fragment can name', () => {
    for (const id of ['figures', 'views', 'notes', 'watch', 'timeline', 'corrections', 'sources', 'about'])
      expect(el.querySelector(`#${id}`), id).not.toBeNull();
    // Each closed part is a <details> itself or holds them: what a fragment opens.
    for (const id of ['notes', 'watch', 'timeline', 'corrections', 'sources', 'about'])
      expect(el.querySelector(`#${id}`)!.tagName).toBe('DETAILS');
    expect(el.querySelectorAll('#views details')).toHaveLength(box.views.length);
  });

  it('has headings in order and native disclosure controls only', () => {
    const html = renderToString(<FactBox box={box} labels={en} locale="en" theme="auto" />);
    const levels = [...html.matchAll(/<h(\d)/g)].map((m) => Number(m[1]));
    expect(levels).toEqual([2, 3, 3]);
    // Besides the "Report an error" buttons (one per figure and view, one for the box), nothing but <details>.
    const reports =
      html.match(
        /<button type="button" class="rb" data-report(="[^"]*")? aria-label="Report an error: [^"]+">(Report an error)?<\/button>/g,
      ) ?? [];
    expect(reports).toHaveLength(box.figures.length + box.views.length + 1);
    expect(html.replace(/<button type="button" class="rb"[^>]*>[^<]*<\/button>/g, '')).not.toMatch(/<button|role="button"|tabindex/);
    for (const d of el.querySelectorAll('details')) expect(d.firstElementChild!.tagName).toBe('SUMMARY');
  });

  it('uses the Korean labels for the new parts too', () => {
    const ko = renderToString(<FactBox box={box} labels={labelsFor('ko')} locale="ko" theme="auto" />);
    for (const label of ['더 보기', '이견 있음', '수치에 대한 설명', '2016년 8월 28일 정정']) expect(ko).toContain(label);
  });
});

describe('stages (embed.js renders a new box a stage per frame)', () => {
  const box = defaultBox();
  const whole = dom(box);
  const parts = (el: Element) => ['h2', '.ld', '#figures', '#views', 'footer'].filter((s) => el.querySelector(s));

  it('1 is the title and the lead, 2 adds the figures, and no stage is the whole box', () => {
    expect(parts(dom(box, { stage: 1 }))).toEqual(['h2', '.ld']);
    expect(parts(dom(box, { stage: 2 }))).toEqual(['h2', '.ld', '#figures']);
    expect(parts(whole)).toEqual(['h2', '.ld', '#figures', '#views', 'footer']);
  });

  it('a stage is the start of the whole box, in the same markup: the next stage only adds', () => {
    for (const stage of [1, 2] as const) {
      const html = dom(box, { stage }).querySelector('aside')!.innerHTML;
      expect(whole.querySelector('aside')!.innerHTML.startsWith(html)).toBe(true);
    }
  });

  it('the full layout stages the same way', () => {
    expect(parts(dom(box, { stage: 2, layout: 'full' }))).toEqual(['h2', '.ld', '#figures']);
  });
});

describe('known heights', () => {
  const measured = Object.entries(heights).map(([w, h]) => [Number(w), h] as const);

  it('were measured at the widths embeds meet, and fit a glance', () => {
    expect(measured.map(([w]) => w)).toEqual([320, 390, 500, 600, 700, 1280]);
    for (const [, h] of measured) expect(h).toBeLessThanOrEqual(900);
  });

  it('heightFor is each measured height at its width, linear between, and flat outside', () => {
    for (const [w, h] of measured) expect(heightFor(w)).toBe(h);
    const [[w0, h0], [w1, h1]] = measured as [readonly [number, number], readonly [number, number]];
    expect(heightFor((w0 + w1) / 2)).toBe(Math.ceil((h0 + h1) / 2));
    expect(heightFor(200)).toBe(h0);
    expect(heightFor(4000)).toBe(heights[1280]);
  });

  it("fitHeight (embed.js's, without the table) stays within 15 px of heightFor, and is exact where snippets and phones meet it", () => {
    for (let w = 200; w <= 1400; w += 5) expect(Math.abs(fitHeight(w) - heightFor(w)), `at ${w} px`).toBeLessThanOrEqual(15);
    expect(fitHeight(200)).toBe(heightFor(200));
    expect(fitHeight(390)).toBe(heights[390]); // the phone
    // The snippets' reservation: embed.js keeps it on a desktop column, so nothing shifts.
    expect(fitHeight(TYPICAL_WIDTH)).toBe(RESERVED_HEIGHT);
    expect(fitHeight(4000)).toBe(heights[1280]);
    for (let w = 200; w <= 1400; w += 5) expect(Number.isInteger(fitHeight(w))).toBe(true);
  });

  it('the snippets reserve the height at the typical width, not a guess', () => {
    expect(TYPICAL_WIDTH).toBe(640);
    expect(RESERVED_HEIGHT).toBe(heightFor(640));
    const base = {
      origin: 'https://f.example',
      slug: 'north-korea-defections',
      title: 'What does a defection mean?',
      theme: 'auto',
      lang: 'en',
    } as const;
    expect(snippet({ ...base, method: 'script' })).toContain(`style="min-height:${RESERVED_HEIGHT}px"`);
    expect(snippet({ ...base, method: 'iframe' })).toContain(`height="${RESERVED_HEIGHT}"`);
    expect(snippet({ ...base, method: 'element' })).toContain(`style="display:block;min-height:${RESERVED_HEIGHT}px"`);
  });

  it('the snippets carry the full layout when asked for it', () => {
    const base = { origin: 'https://f.example', slug: 's', title: 'T', theme: 'auto', lang: 'en', layout: 'full' } as const;
    expect(snippet({ ...base, method: 'script' })).toContain('data-layout="full"');
    expect(snippet({ ...base, method: 'element' })).toContain(' layout="full"');
    expect(snippet({ ...base, method: 'iframe' })).toContain('/embed/s?layout=full"');
    expect(snippet({ ...base, layout: 'compact', method: 'script' })).not.toContain('layout');
  });
});
