// The embed builder's script (served as /builder.js): keeps the snippet and the live preview in
// step with the form, and copies the snippet. Without it the form still works, server-side.
import { boxInWords } from './render/alt';
import type { FactBox } from './render/box';
import { parseOptions } from './render/options';
import { METHODS, snippet, type Method } from './render/snippets';

const form = document.getElementById('builder') as HTMLFormElement;
const code = document.getElementById('code')!;
const preview = document.getElementById('preview')!;
const status = document.getElementById('status')!;
const origin = location.origin;

function update() {
  const data = new FormData(form);
  const select = form.elements.namedItem('slug') as HTMLSelectElement;
  const slug = select.value;
  const title = select.selectedOptions[0]?.dataset.title ?? slug;
  const method = (METHODS as readonly string[]).includes(String(data.get('method'))) ? (data.get('method') as Method) : 'script';
  const { theme, lang, layout } = parseOptions((name) => data.get(name) as string | null);
  // "This version" pins the revision the selected box is at now.
  const version = data.get('version') === 'this' ? 'this' : 'latest';
  const current = select.selectedOptions[0]?.dataset.revision ?? '';
  document.getElementById('revision')!.textContent = current;
  const revision = version === 'this' && current ? Number(current) : undefined;
  code.textContent = snippet({ origin, slug, title, method, theme, lang, layout, revision });
  // The email image's alt text is the box in words: it needs the box itself.
  if (method === 'email')
    void fetch(`/v1/factboxes/${slug}`)
      .then((res) => (res.ok ? (res.json() as Promise<FactBox>) : null))
      .then((b) => {
        if (b && select.value === slug)
          code.textContent = snippet({ origin, slug, title, method, theme, lang, layout, revision, alt: boxInWords(b) });
      })
      .catch(() => {});
  const box = preview.querySelector('fact-box') ?? preview.appendChild(document.createElement('fact-box'));
  box.setAttribute('loading', 'eager');
  box.setAttribute('slug', slug);
  box.setAttribute('theme', theme);
  box.setAttribute('lang', lang);
  box.setAttribute('layout', layout);
  if (revision) box.setAttribute('revision', String(revision));
  else box.removeAttribute('revision');
  history.replaceState(null, '', `?${new URLSearchParams({ slug, method, theme, lang, layout, version })}`);
  status.textContent = '';
}

form.addEventListener('change', update);
form.addEventListener('submit', (e) => {
  e.preventDefault();
  update();
});
document.getElementById('copy')!.addEventListener('click', async () => {
  try {
    await navigator.clipboard.writeText(code.textContent ?? '');
    status.textContent = 'Copied to the clipboard.';
  } catch {
    getSelection()?.selectAllChildren(code);
    status.textContent = 'Selected: press Ctrl+C (⌘C) to copy.';
  }
});
update();
