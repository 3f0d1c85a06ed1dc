// The default box, read from the seed migration so the tests and the database never disagree.
import type { FactBox } from '../../worker/factbox/schema';
import { seedBox } from '../fixtures/seed-box';

/** A fresh, mutable copy of the seed box as stored (tests/fixtures/seed-box.ts). */
export function defaultBox(): FactBox {
  return structuredClone(seedBox) as FactBox;
}
