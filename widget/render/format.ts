// Number and date formatting in the reader's label language (en or ko, the languages of
// widget/render/i18n), exactly as Intl formats them there (tests/widget/format.test.ts holds
// them to it) but without Intl: its first use in a page sets up ICU, which took a third of the
// box's render time in Chromium, and much more than 50 ms on a slow phone (npm run bench, 7).

import { fill, type Labels } from './i18n';

/**
 * 1400 → "1,400", 2.456 → "2.46" (at most two decimals, grouped by thousands, as en and ko write
 * them). Rounded as the decimal the number is written as, like Intl (1.005 → "1.01"), not as the
 * binary double (1.005 × 100 = 100.4999…). For every number a figure may hold (the schema keeps
 * them within ±10^13, where a hundredth is still exact in a double).
 */
export function formatNumber(n: number, _locale: string): string {
  const abs = Math.abs(n);
  const [int, frac] = abs < 0.005 ? ['0'] : String(+`${Math.round(+`${abs}e2`)}e-2`).split('.');
  return `${1 / n < 0 ? '-' : ''}${int!.replace(/\B(?=(\d{3})+$)/g, ',')}${frac ? `.${frac}` : ''}`;
}

/**
 * "2016", "2016-08" or "2016-08-28" → "2016", "August 2016", "August 28, 2016" (ko: "2016년 8월
 * 28일"), with the month names and patterns of the labels (which embed.js loads anyway).
 */
export function formatDate(date: string, labels: Pick<Labels, 'months' | 'dateDay' | 'dateMonth'>): string {
  const [year, m, day] = date.slice(0, 10).split('-').map(Number);
  if (!m) return String(year);
  return fill(day ? labels.dateDay : labels.dateMonth, { year: year!, month: labels.months.split(' ')[m - 1]!, day: day! });
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
