// Path and query parameters shared by several routes, checked once.
import type { Context } from 'hono';
import { ApiError } from './errors';
import { isSlug } from './factbox/schema';

/** `slug` if it is one, or 400 bad_slug. */
export function checkSlug(slug: string): string {
  if (!isSlug(slug)) throw new ApiError('bad_slug', 'A slug is 1-64 characters of a-z, 0-9 and inner hyphens.');
  return slug;
}

/** The :slug of the route, or 400 bad_slug. */
export const slugParam = (c: Context): string => checkSlug(c.req.param('slug') ?? '');

/** An optional whole-number query parameter within bounds, else 400. */
export function intParam(value: string | undefined, fallback: number, min: number, max: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new ApiError('bad_request', `${name} must be an integer from ${min} to ${max}.`);
  return n;
}

/** A revision number as a URL gives it (path or query): a whole number from 1, written plainly, or 400. */
export function revisionOf(value: string, name = 'A revision'): number {
  if (!/^[1-9]\d{0,8}$/.test(value)) throw new ApiError('bad_request', `${name} is a whole number from 1.`);
  return Number(value);
}

/** The :n of the route (/revisions/:n), or 400. */
export const revisionParam = (c: Context): number => revisionOf(c.req.param('n') ?? '');

/** The query of a read pinned to revision `pin` ("?revision=N"), or "" for the latest. */
export const pinQuery = (pin: number | null | undefined): string => (pin ? `?revision=${pin}` : '');

/** The ?revision= that pins a read to one revision, null when absent, or 400. */
export function pinParam(c: Context): number | null {
  const n = c.req.query('revision');
  return n === undefined ? null : revisionOf(n, 'revision');
}
