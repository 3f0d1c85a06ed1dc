// A box pinned to one revision (?revision=N on the JSON, /embed/, /f/ and oEmbed): a site that
// embedded revision N keeps N's figures, views and text, but never loses a correction. A
// correction must reach every copy of the claim it corrects, so the pinned box carries its own
// corrections followed by every one added in a later revision, and says which revision is the
// latest so that the reader can be told the box has changed since.
import { ApiError } from '../errors';
import { withLaterCorrections } from './corrections';
import type { FactBox, PinnedFactBox } from './schema';
import type { FactBoxStore, Head } from './store';

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
  const row = await store.at(head, n);
  if (!row) throw new ApiError('not_found', `No revision ${n} of "${slug}".`, { details: { revision: n } });
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

/** The box a read shows: the live one, or one pinned to a revision (with its `pinned` field). */
export type ShownBox = FactBox & { pinned?: PinnedFactBox['pinned'] };

/**
 * What a read of `slug` shows, pinned to revision `pin` or live: the box, the head it comes from
 * (its dates, its latest revision), and its JSON as GET /v1/factboxes/:slug[?revision=N] answers
 * it (for the live box, the stored bytes themselves).
 */
export async function readShown(
  store: FactBoxStore,
  slug: string,
  pin: number | null,
  origin: string,
): Promise<{ box: ShownBox; head: Head; json: string }> {
  if (pin === null) {
    const head = await store.live(slug);
    return { box: JSON.parse(head.body) as ShownBox, head, json: head.body };
  }
  const { box, head } = await readPinned(store, slug, pin, origin);
  return { box, head, json: JSON.stringify(box) };
}
