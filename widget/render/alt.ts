// The box in words, for where only an image of it can go (email, RSS): the alt text of the tall
// share card says everything the image shows, so a reader who cannot see it loses nothing.
import type { FactBox, Figure } from './box';
import { formatDate, formatNumber } from './format';
import { en, fill } from './i18n';

function figureInWords(f: Figure): string {
  const n = (v: number) => formatNumber(v, 'en');
  const value = f.range
    ? `${fill(en.rangeValue, { low: n(f.range.low), high: n(f.range.high) })} ${f.unit} (contested)`
    : `${fill(f.qualifier ? en[`${f.qualifier}_q`] : '{value}', { value: n(f.value ?? 0) })} ${f.unit}`;
  return `${f.label}: ${value}, ${fill(en.asOf, { date: formatDate(f.asOf, en) })}`;
}

export function boxInWords(box: FactBox): string {
  const parts = [`Fact box: ${box.title}`];
  if (box.figures.length) parts.push(`${en.figures}: ${box.figures.map(figureInWords).join('; ')}`);
  if (box.views.length)
    parts.push(`${en.views}: ${box.views.map((v) => `${v.name} (${v.role}, ${v.affiliation}): ${v.headline}`).join('; ')}`);
  const last = box.corrections.at(-1);
  if (last) parts.push(fill(en.corrected, { date: formatDate(last.date, en) }));
  // Each part a sentence: a full stop unless it already ends in one (a title that is a question).
  return parts.map((p) => (/[.?!]$/.test(p) ? p : `${p}.`)).join(' ');
}
