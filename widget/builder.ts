// The embed builder's script (served as /builder.js): keeps the snippet and the live preview in
// step with the form, and copies the snippet. Without it the form still works, server-side.
import { isLang } from './render/i18n';
import { METHODS, snippet, type Method } from './render/snippets';
import { isTheme } from './render/themes';

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
  const theme = isTheme(data.get('theme')) ? (data.get('theme') as 'auto') : 'auto';
  const lang = isLang(data.get('lang')) ? (data.get('lang') as 'en') : 'en';
  code.textContent = snippet({ origin, slug, title, method, theme, lang });
  const box = preview.querySelector('fact-box') ?? preview.appendChild(document.createElement('fact-box'));
  box.setAttribute('loading', 'eager');
  box.setAttribute('slug', slug);
  box.setAttribute('theme', theme);
  box.setAttribute('lang', lang);
  history.replaceState(null, '', `?${new URLSearchParams({ slug, method, theme, lang })}`);
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
