// The closing line of npm test: totals over the three vitest runs (their JSON reports), and of
// .ci/run, which runs it again after npm run test:wordpress has added its own.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
// `--wordpress`: .ci/run, after npm run test:wordpress.
const runs = ['worker', 'widget', 'e2e', ...(process.argv.includes('--wordpress') ? ['wordpress'] : [])];
for (const name of runs) {
  const file = `test-results/${name}.json`;
  if (!existsSync(file)) {
    console.error(`missing ${file}: did test:${name} run?`);
    process.exit(1);
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
if (failed > 0 || passed === 0) process.exitCode = 1;
