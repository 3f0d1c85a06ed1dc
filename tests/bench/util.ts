// Shared bits of the benchmarks: statistics, markdown tables, the default box's page parts.

export const median = (xs: number[]) => quantile(xs, 0.5);
export function quantile(xs: number[], q: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  return s[lo]! + (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!) * (pos - lo);
}

export function table(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.map(line)].join('\n');
}

export const fmt = (n: number, digits = 0) =>
  Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : 'n/a';
export const ratio = (n: number) => (Number.isFinite(n) ? `${n.toFixed(2)}×` : 'n/a');

export const SLUG = 'north-korea-defections';

/**
 * The default box as static HTML, its stylesheet and markup as the edge's /embed/ page has them:
 * the floor the benchmarks measure the embeds against (the box inlined in the article, no script).
 */
export async function inlinedBox(origin: string): Promise<string> {
  const html = await (await fetch(`${origin}/embed/${SLUG}`)).text();
  return `<style>${/<style>([\s\S]*?)<\/style>/.exec(html)![1]}</style>${/<aside[\s\S]*<\/aside>/.exec(html)![0]}`;
}
