// Runs a TypeScript entry point under Node: bundles it with esbuild (dependencies stay external)
// into dist/run/, then imports it. Used by npm run bench and npm run soak.
import { build } from 'esbuild';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';

const entry = process.argv[2];
const outfile = `dist/run/${basename(entry).replace(/\.tsx?$/, '.mjs')}`;
await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  logLevel: 'warning',
});
await import(pathToFileURL(outfile).href);
