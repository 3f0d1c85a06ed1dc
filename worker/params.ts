// Path parameters shared by several routes, checked once.
import type { Context } from 'hono';
import { ApiError } from './errors';
import { isSlug } from './factbox/schema';

/** The :slug of the route, or 400 bad_slug. */
export function slugParam(c: Context): string {
  const slug = c.req.param('slug') ?? '';
  if (!isSlug(slug)) throw new ApiError('bad_slug', 'A slug is 1-64 characters of a-z, 0-9 and inner hyphens.');
  return slug;
}
