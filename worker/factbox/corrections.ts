// The corrections a pinned read shows (worker/factbox/pin.ts), apart from storage so that the
// widget tests can check the merge without the Workers types.
import type { Correction } from './schema';

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
