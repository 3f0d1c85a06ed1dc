// @vitest-environment node
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { FactBox } from '../../widget/render/components/FactBox';
import { labelsFor } from '../../widget/render/i18n/all';
import { validateBox } from '../../worker/factbox/schema';
import { defaultBox } from './fixtures';

const en = labelsFor('en');

describe('FactBox rendered to a string (the edge path), full layout', () => {
  const box = defaultBox();
  const html = renderToString(<FactBox box={box} labels={en} locale="en" theme="auto" layout="full" />);

  it('is the seed box, and the seed is valid', () => {
    const result = validateBox(box);
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('is an aside labelled by its title, with headings in order', () => {
    expect(html).toMatch(/^<aside class="fb" data-theme="auto" aria-labelledby="fb-north-korea-defections-title" lang="en">/);
    expect(html).toContain('<h2 id="fb-north-korea-defections-title">What does a defection mean?</h2>');
    const levels = [...html.matchAll(/<h(\d)/g)].map((m) => Number(m[1]));
    expect(levels[0]).toBe(2);
    expect(levels.slice(1).every((l) => l === 3)).toBe(true);
  });

  it('shows figures with unit, as-of date and source, and the contested range with who holds each end', () => {
    expect(html).toContain('<dl class="f">');
    expect(html).toContain('about 1,400');
    expect(html).toContain('as of August 2016');
    expect(html).toContain('3 to 7');
    expect(html).toMatch(/<b>3<\/b>: More conservative estimates/);
    expect(html).toMatch(/<b>7<\/b>: Joongang Daily/);
    expect(html).toContain('<svg viewBox="0 0 300 44"');
    expect(html).toContain('more than 12');
  });

  it('gives each analyst the same collapsible treatment, quotes verbatim', () => {
    expect(html.match(/<details>/g)).toHaveLength(4);
    expect(html).not.toContain('<details ');
    for (const v of box.views) {
      expect(html).toContain(v.name);
      // biome-ignore lint/complexity/noUselessFragments: renderToString takes a node, and escapes the text as the box does
      if (v.quote) expect(html).toContain(renderToString(<>{v.quote}</>));
    }
  });

  it('gives every part a stable id for URL fragments', () => {
    for (const id of ['figures', 'views', 'watch', 'timeline', 'corrections', 'sources', 'about']) expect(html).toContain(`id="${id}"`);
  });

  /** Text as an attribute value holds it. */
  const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

  it('shows the correction dated, the revision date, about and a "Report an error" control for each figure, view and the box', () => {
    expect(html).toContain('<time datetime="2016-08-28">August 28, 2016</time>');
    expect(html).toMatch(/Updated November 27, 2026, revision 1/);
    // The report form (report.js) opens from these; the newsroom's address is on the report page.
    expect(html).toContain(
      `<button type="button" class="rb" data-report aria-label="Report an error: ${box.title}">Report an error</button>`,
    );
    for (const [i, f] of box.figures.entries())
      expect(html).toContain(
        `<button type="button" class="rb" data-report="/figures/${i}" aria-label="Report an error: ${attr(f.label)}"></button>`,
      );
    for (const [i, v] of box.views.entries())
      expect(html).toContain(`data-report="/views/${i}" aria-label="Report an error: ${attr(v.headline)}"`);
    expect(html.match(/data-report[= ]/g)).toHaveLength(box.figures.length + box.views.length + 1);
    expect(html).toContain('About this box');
  });

  it('uses the Korean labels while content stays in its language', () => {
    const ko = renderToString(<FactBox box={box} labels={labelsFor('ko')} locale="ko" theme="dark" layout="full" />);
    expect(ko).toContain('핵심 수치');
    expect(ko).toContain('What does a defection mean?');
    expect(ko).toContain('data-theme="dark"');
  });

  it('escapes content and links only http(s) and mailto URLs', () => {
    const evil = {
      ...box,
      title: '<script>alert(1)</script>',
      summary: '<img src=x onerror=alert(1)>',
      sources: [{ ...box.sources[0]!, url: 'javascript:alert(1)' }],
      feedback: 'javascript:alert(2)',
    };
    for (const layout of ['full', 'compact'] as const) {
      const out = renderToString(<FactBox box={evil} labels={en} locale="en" theme="auto" layout={layout} />);
      expect(out).not.toContain('<script>');
      expect(out).not.toContain('<img');
      expect(out).toContain('&lt;script>alert(1)&lt;/script>');
      expect(out).not.toContain('javascript:');
    }
  });
});
