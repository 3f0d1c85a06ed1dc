// HTTP helpers of the worker's own: JSON responses, strong ETags and If-Match. If-None-Match
// and 304s on reads are hono's etag middleware (worker/index.ts); the edge cache is worker/cache.ts.
import { CACHE_CONTROL } from './cache';
import type { Head } from './factbox/store';

export async function strongEtag(...parts: (string | number)[]): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(parts.join('\u0000')));
  const hex = [...new Uint8Array(digest).slice(0, 12)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `"${hex}"`;
}

/** The ETag of a box revision: it changes with every revision. */
export const headEtag = (head: Pick<Head, 'slug' | 'revision' | 'body'>) => strongEtag(head.slug, head.revision, head.body);

/**
 * RFC 9110 If-Match: true when one of the listed entity tags is `etag` by strong comparison.
 * A weak tag (W/"…") never matches, and "*" is not accepted here: a write must name what it read.
 */
export function ifMatches(header: string | null | undefined, etag: string): boolean {
  if (!header || etag.startsWith('W/')) return false;
  return header.split(',').some((t) => t.trim() === etag);
}

export function jsonBody(body: string, init: { status?: number; etag?: string; cacheControl?: string; contentType?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': `${init.contentType ?? 'application/json'}; charset=utf-8` };
  if (init.etag) headers.etag = init.etag;
  headers['cache-control'] = init.cacheControl ?? CACHE_CONTROL.read;
  return new Response(body, { status: init.status ?? 200, headers });
}

export const json = (value: unknown, init: Parameters<typeof jsonBody>[1] = {}) => jsonBody(JSON.stringify(value), init);
