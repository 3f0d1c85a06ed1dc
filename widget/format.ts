// Number and date formatting in the reader's label language, via Intl (in browsers and workerd).

export function formatNumber(n: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(n);
}

/** "2016", "2016-08" or "2016-08-28" → "2016", "August 2016", "August 28, 2016". */
export function formatDate(date: string, locale: string): string {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  if (!m) return String(y);
  const opts: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'long', timeZone: 'UTC' };
  if (d) opts.day = 'numeric';
  return new Intl.DateTimeFormat(locale, opts).format(new Date(Date.UTC(y!, m - 1, d ?? 1)));
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
