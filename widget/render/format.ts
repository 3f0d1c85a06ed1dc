// Number and date formatting in the reader's label language, via Intl (in browsers and workerd).
// Intl formatters are costly to build (tens of µs each): one per locale and kind, reused.

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

export function formatNumber(n: number, locale: string): string {
  let f = numberFormats.get(locale);
  if (!f) numberFormats.set(locale, (f = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 })));
  return f.format(n);
}

/** "2016", "2016-08" or "2016-08-28" → "2016", "August 2016", "August 28, 2016". */
export function formatDate(date: string, locale: string): string {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  if (!m) return String(y);
  const key = `${locale}|${d ? 'd' : 'm'}`;
  let f = dateFormats.get(key);
  if (!f) {
    const opts: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'long', timeZone: 'UTC' };
    if (d) opts.day = 'numeric';
    dateFormats.set(key, (f = new Intl.DateTimeFormat(locale, opts)));
  }
  return f.format(new Date(Date.UTC(y!, m - 1, d ?? 1)));
}

/** Only http(s) and mailto URLs become links; anything else renders as text. */
export function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return ['http:', 'https:', 'mailto:'].includes(new URL(url).protocol) ? url : undefined;
  } catch {
    return undefined;
  }
}
