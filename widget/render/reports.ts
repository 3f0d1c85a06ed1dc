// What a reader's error report may say, the same in the form (widget/report/ReportForm.tsx) and in
// the API that stores it (worker/factbox/schema.ts, NewReport).

/** The text's bounds, in characters as a reader counts them (chars). */
export const REPORT_TEXT = { min: 10, max: 2000 } as const;

/** Characters as a reader counts them: code points, not UTF-16 units. */
export const chars = (s: string) => [...s].length;
