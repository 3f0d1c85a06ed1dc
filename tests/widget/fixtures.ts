// The default box, read from the seed migration so the tests and the database never disagree.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FactBox } from '../../worker/factbox/schema';

export function defaultBox(): FactBox {
  const sql = readFileSync(resolve('worker/migrations/0002_default_box.sql'), 'utf8');
  const json = /'(\{[\s\S]*\})'/.exec(sql)![1]!.replace(/''/g, "'");
  return JSON.parse(json) as FactBox;
}
