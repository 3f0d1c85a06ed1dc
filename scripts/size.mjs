// npm run size: what embed.js weighs on the wire, against its budget.
import { readFileSync } from 'node:fs';
import { EMBED_BUDGET_GZIP, sizes } from './sizes.mjs';

const s = sizes(readFileSync('dist/embed.js'));
console.log('| file | raw | gzip | brotli | gzip budget |');
console.log('|---|---:|---:|---:|---:|');
console.log(
  `| embed.js | ${s.raw} | ${s.gzip} | ${s.brotli} | ${EMBED_BUDGET_GZIP} (${s.gzip <= EMBED_BUDGET_GZIP ? 'within' : 'OVER'}) |`,
);
if (s.gzip > EMBED_BUDGET_GZIP) process.exitCode = 1;
