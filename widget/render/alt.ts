// The box in words, for where only an image of it can go (email, RSS): the alt text of the tall
// share card says everything the image shows, so a reader who cannot see it loses nothing.
import type { FactBox, Figure } from './box';
import { formatDate, formatNumber } from './format';
import { en, fill, type Labels } from './i18n';

/** A figure in a sentence, in the given labels' language: the alt text's, and a claim's text in the JSON-LD. */
export function figureInWords(f: Figure, labels: Labels = en, locale = 'en'): string {
  const n = (v: number) => formatNumber(v, locale);
  const value = f.range
    ? `${fill(labels.rangeValue, { low: n(f.range.low), high: n(f.range.high) })} ${f.unit} (${labels.contested.toLowerCase()})`
    : `${fill(f.qualifier ? labels[`${f.qualifier}_q`] : '{value}', { value: n(f.value ?? 0) })} ${f.unit}`;
  return `${f.label}: ${value}, ${fill(labels.asOf, { date: formatDate(f.asOf, labels) })}`;
}

export function boxInWords(box: FactBox): string {
  const parts = [`Fact box: ${box.title}`];
  if (box.figures.length) parts.push(`${en.figures}: ${box.figures.map((f) => figureInWords(f)).join('; ')}`);
  if (box.views.length)
    parts.push(`${en.views}: ${box.views.map((v) => `${v.name} (${v.role}, ${v.affiliation}): ${v.headline}`).join('; ')}`);
  const last = box.corrections.at(-1);
  if (last) parts.push(fill(en.corrected, { date: formatDate(last.date, en) }));
  // Each part a sentence: a full stop unless it already ends in one (a title that is a question).
  return parts.map((p) => (/[.?!]$/.test(p) ? p : `${p}.`)).join(' ');
}
