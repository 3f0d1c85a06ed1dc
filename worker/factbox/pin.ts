// A box pinned to one revision (?revision=N on the JSON, /embed/, /f/ and oEmbed): a site that
// embedded revision N keeps N's figures, views and text, but never loses a correction. A
// correction must reach every copy of the claim it corrects, so the pinned box carries its own
// corrections followed by every one added in a later revision, and says which revision is the
// latest so that the reader can be told the box has changed since.
import { ApiError } from '../errors';
import type { Correction, FactBox, PinnedFactBox } from './schema';
import type { FactBoxStore, Head } from './store';

/**
 * Corrections are one list in every revision, append-only (write.ts refuses to drop or edit one),
 * so a correction is the same correction in every revision that has it: it is known by its date
 * and text. The pinned revision's own come first, in their order; then those added later, in the
 * order they were added, which is the order the latest revision lists them in.
 */
const key = (c: Correction) => `${c.date}\u0000${c.text}`;
export function withLaterCorrections(own: readonly Correction[], latest: readonly Correction[]): Correction[] {
  const have = new Set(own.map(key));
  return [...own, ...latest.filter((c) => !have.has(key(c)))];
}

/**
 * Revision `n` of `slug` as a pinned read shows it. The box answers first as the live routes do
 * (404 unknown, 410 archived, 451 taken down); then 404 when it has no revision `n`.
 */
export async function readPinned(
  store: FactBoxStore,
  slug: string,
  n: number,
  origin: string,
): Promise<{ box: PinnedFactBox; head: Head }> {
  const head = await store.live(slug);
  const row = n === head.revision ? head : await store.revision(slug, n);
  if (!row) throw new ApiError('not_found', `No revision ${n} of "${slug}".`);
  const box = JSON.parse(row.body) as FactBox;
  const latest = n === head.revision ? box : (JSON.parse(head.body) as FactBox);
  return {
    box: {
      ...box,
      corrections: withLaterCorrections(box.corrections, latest.corrections),
      pinned: { revision: n, latest: head.revision, history: `${origin}/f/${slug}/history` },
    },
    head,
  };
}
