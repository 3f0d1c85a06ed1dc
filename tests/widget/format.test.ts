// widget/render/format.ts formats without Intl (its first use costs a slow phone a long task):
// it must write numbers and dates exactly as Intl does in every label language.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDate, formatNumber } from '../../widget/render/format';
import { FIGURE_MAX } from '../../worker/factbox/schema';
import { labelsFor } from '../../widget/render/i18n/all';
import { LANGS } from '../../widget/render/options';

describe.each(LANGS)('formatting in %s', (lang) => {
  it('writes numbers as Intl.NumberFormat does (at most two decimals)', () => {
    const intl = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
    for (const n of [0, 1, 7, 1400, 1234567, 2.5, 0.25, 1.23456, -42, -1234.5, 1e9])
      expect(formatNumber(n, lang), String(n)).toBe(intl.format(n));
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 999 }), (i, c) => {
        const n = i + c / 1000;
        expect(formatNumber(n, lang)).toBe(intl.format(n));
      }),
    );
    // Every double a figure may hold (the schema bounds them at ±10^13), from subnormals up.
    fc.assert(
      fc.property(fc.double({ min: -FIGURE_MAX, max: FIGURE_MAX, noNaN: true }), (n) => formatNumber(n, lang) === intl.format(n)),
      { numRuns: 2000 },
    );
  });

  it('writes years, months and days as Intl.DateTimeFormat does', () => {
    const day = new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
    const month = new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'long', timeZone: 'UTC' });
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString();
        expect(formatDate(iso.slice(0, 10), labelsFor(lang))).toBe(day.format(d));
        expect(formatDate(iso, labelsFor(lang))).toBe(day.format(d));
        expect(formatDate(iso.slice(0, 7), labelsFor(lang))).toBe(month.format(d));
        expect(formatDate(iso.slice(0, 4), labelsFor(lang))).toBe(String(d.getUTCFullYear()));
      }),
    );
  });
});
