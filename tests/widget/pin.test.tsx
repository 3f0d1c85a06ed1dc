// @vitest-environment happy-dom
// Pin or follow in the component (the client path, as embed.js renders it): a box pinned to an
// older revision says so and links to the history; "Updated <date>" links to the history when the
// component is given its URL, and only then; the merge of corrections a pinned read relies on.
import fc from 'fast-check';
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import type { Correction } from '../../widget/render/box';
import { FactBox, type FactBoxProps } from '../../widget/render/components/FactBox';
import { labelsFor } from '../../widget/render/i18n/all';
import { withLaterCorrections } from '../../worker/factbox/corrections';
import { defaultBox } from './fixtures';

const HISTORY = 'https://factbox.test/f/north-korea-defections/history';
const en = labelsFor('en');

function draw(props: Partial<FactBoxProps> = {}): HTMLElement {
  const el = document.createElement('div');
  render(<FactBox box={defaultBox()} labels={en} locale="en" theme="light" {...props} />, el);
  return el;
}
const links = (el: HTMLElement) => [...el.querySelectorAll('a')].map((a) => ({ href: a.getAttribute('href'), text: a.textContent }));
const pinned = (revision: number, latest: number, history = HISTORY) => ({
  ...defaultBox(),
  revision,
  pinned: { revision, latest, history },
});

describe('a pinned box', () => {
  for (const layout of ['compact', 'full'] as const) {
    it(`says it has been updated since, linking to the history, right under its title (${layout})`, () => {
      const el = draw({ box: pinned(1, 3), layout });
      const notice = el.querySelector('h2 + p')!;
      expect(notice.textContent).toBe(en.newer);
      expect(notice.querySelector('a')!.getAttribute('href')).toBe(HISTORY);
      // Not given newTab: it opens in place; inside an iframe (newTab) it opens a tab.
      expect(notice.querySelector('a')!.getAttribute('target')).toBeNull();
      const framed = draw({ box: pinned(1, 3), layout, newTab: true });
      expect(framed.querySelector('h2 + p a')!.getAttribute('target')).toBe('_blank');
    });
  }

  it('in the reader’s language', () => {
    const el = draw({ box: pinned(1, 2), labels: labelsFor('ko'), locale: 'ko' });
    expect(el.querySelector('h2 + p a')!.textContent).toBe(labelsFor('ko').newer);
  });

  it('has no notice when it is the latest revision, nor when it is not pinned', () => {
    for (const box of [pinned(3, 3), defaultBox()]) {
      const el = draw({ box });
      expect(el.textContent).not.toContain(en.newer);
      expect(el.querySelector('h2 + p')!.className).toBe('ld');
    }
  });

  it('links the history only if it is an http(s) URL', () => {
    const el = draw({ box: pinned(1, 3, 'javascript:alert(1)') });
    expect(el.querySelector('h2 + p')!.textContent).toBe(en.newer);
    expect(el.querySelector('h2 + p a')).toBeNull();
    expect(el.innerHTML).not.toContain('javascript:');
  });

  it('shows every correction it is given, the later ones with its own', () => {
    const box = pinned(1, 3);
    box.corrections = [...box.corrections, { date: '2026-11-28', text: 'A correction made in revision 3.' }];
    const el = draw({ box, layout: 'full' });
    const own = defaultBox().corrections[0]!;
    expect([...el.querySelectorAll('#corrections li')].map((li) => li.textContent)).toEqual([
      `August 28, 2016: ${own.text}`,
      'November 28, 2026: A correction made in revision 3.',
    ]);
  });
});

describe('"Updated <date>" in the footer', () => {
  it('links to the history when the component is given its URL, in both layouts', () => {
    for (const layout of ['compact', 'full'] as const) {
      const el = draw({ historyUrl: HISTORY, layout });
      expect(links(el)).toContainEqual({ href: HISTORY, text: 'Updated November 27, 2026, revision 1' });
    }
  });

  it('is plain text without one, or with a URL that is not http(s)', () => {
    for (const historyUrl of [undefined, 'javascript:alert(1)', 'data:text/html,x']) {
      const el = draw(historyUrl ? { historyUrl } : {});
      expect(el.querySelector('footer')!.textContent).toContain('Updated November 27, 2026, revision 1');
      expect(links(el).filter((l) => l.text?.startsWith('Updated'))).toEqual([]);
      expect(el.innerHTML).not.toMatch(/javascript:|data:text/);
    }
  });
});

describe('the corrections of a pinned read', () => {
  const correction = fc.record({ date: fc.constantFrom('2016-08-28', '2020-01-01', '2026-11-28'), text: fc.string({ minLength: 1 }) });

  it('are the revision’s own, then each later one once, in the order they were added', () => {
    fc.assert(
      fc.property(fc.uniqueArray(correction, { selector: (c) => `${c.date} ${c.text}` }), fc.nat(), (all, cut) => {
        // Corrections are append-only: an older revision holds a prefix of the latest's list.
        const own = all.slice(0, all.length ? cut % (all.length + 1) : 0);
        expect(withLaterCorrections(own, all)).toEqual(all);
        // Nothing is lost or doubled whichever side holds it.
        expect(withLaterCorrections(all, own)).toEqual(all);
        expect(withLaterCorrections(all, all)).toEqual(all);
      }),
    );
    const a: Correction = { date: '2016-08-28', text: 'a' };
    const b: Correction = { date: '2026-11-28', text: 'b' };
    expect(withLaterCorrections([a], [a, b])).toEqual([a, b]);
    expect(withLaterCorrections([], [a, b])).toEqual([a, b]);
  });
});
