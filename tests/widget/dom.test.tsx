// @vitest-environment happy-dom
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { FactBox } from '../../widget/render/components/FactBox';
import { labelsFor } from '../../widget/render/i18n/all';
import { defaultBox } from './fixtures';

describe('FactBox rendered into a DOM (the client path)', () => {
  it('renders into a shadow root with the landmark, the figures list and native details', () => {
    const host = document.createElement('div');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    render(<FactBox box={defaultBox()} labels={labelsFor('en')} locale="en" theme="light" layout="full" />, root);
    const aside = root.querySelector('aside')!;
    expect(aside.getAttribute('aria-labelledby')).toBe('fb-north-korea-defections-title');
    expect(root.getElementById('fb-north-korea-defections-title')?.textContent).toBe('What does a defection mean?');
    expect(root.querySelectorAll('dl.f > div > dt')).toHaveLength(3);
    expect(root.querySelectorAll('details > summary')).toHaveLength(4);
    // Host-page content stays outside: nothing leaked into the light DOM.
    expect(host.childNodes).toHaveLength(0);
  });

  it('re-renders in place with a new theme', () => {
    const el = document.createElement('div');
    render(<FactBox box={defaultBox()} labels={labelsFor('en')} locale="en" theme="light" />, el);
    const first = el.querySelector('aside');
    render(<FactBox box={defaultBox()} labels={labelsFor('en')} locale="en" theme="dark" />, el);
    expect(el.querySelector('aside')).toBe(first);
    expect(first?.getAttribute('data-theme')).toBe('dark');
  });

  it('keeps the parts a reader opened when it re-renders (a theme toggle) and when it switches layout', () => {
    const el = document.createElement('div');
    render(<FactBox box={defaultBox()} labels={labelsFor('en')} locale="en" theme="light" />, el);
    const views = el.querySelector<HTMLDetailsElement>('#views details')!;
    views.open = true;
    render(<FactBox box={defaultBox()} labels={labelsFor('en')} locale="en" theme="dark" />, el);
    expect(el.querySelector<HTMLDetailsElement>('#views details')).toBe(views);
    expect(views.open).toBe(true);
    render(<FactBox box={defaultBox()} labels={labelsFor('en')} locale="en" theme="dark" layout="full" />, el);
    expect(el.querySelector('aside')!.className).toBe('fb');
    expect(el.querySelectorAll('#watch details, details#watch')).toHaveLength(0);
  });
});
