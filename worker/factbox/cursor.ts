// Paging of the list endpoint: page sizes, and the cursor (opaque to clients, the last slug of a
// page underneath).
export const LIST_DEFAULT = 50;
export const LIST_MAX = 200;
/** Boxes in one batched read (?slugs=): a live blog's page of boxes in one or two requests. */
export const BATCH_MAX = 20;
/** A box's history comes in pages too, oldest first, continued with ?after=<last revision>. */
export const REVISIONS_DEFAULT = 100;
export const REVISIONS_MAX = 1000;

/** Opaque list cursor: the last slug of a page, base64url so clients do not parse it. */
export const encodeCursor = (slug: string) => btoa(slug).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
export function decodeCursor(cursor: string): string | null {
  try {
    const s = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
    return /^[a-z0-9-]{1,64}$/.test(s) ? s : null;
  } catch {
    return null;
  }
}
/** The editors' list of a box's error reports, newest first. */
export const REPORTS_DEFAULT = 50;
export const REPORTS_MAX = 200;
