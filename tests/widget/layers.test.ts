// The render layer (widget/render/) is what the worker and the browser share: it may import
// nothing outside itself, the worker may import nothing of widget/ but it, and the browser
// entry points never import the worker.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const files = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name))
    .map((e) => relative(root, join(e.parentPath, e.name)));

/** Every relative import of a file, as a path from the repository root. */
function importsOf(file: string): string[] {
  const src = readFileSync(join(root, file), 'utf8');
  return [...src.matchAll(/(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]/g)].map((m) =>
    relative(root, resolve(dirname(join(root, file)), m[1]!)),
  );
}

describe('layers', () => {
  it('widget/render imports only itself', () => {
    const bad = files('widget/render').flatMap((f) =>
      importsOf(f)
        .filter((i) => !i.startsWith('widget/render/'))
        .map((i) => `${f} -> ${i}`),
    );
    expect(bad).toEqual([]);
  });
  it('the worker imports only the render layer of widget/', () => {
    const bad = files('worker').flatMap((f) =>
      importsOf(f)
        .filter((i) => i.startsWith('widget/') && !i.startsWith('widget/render/'))
        .map((i) => `${f} -> ${i}`),
    );
    expect(bad).toEqual([]);
  });
  it('the browser entry points never import the worker', () => {
    const bad = files('widget').flatMap((f) =>
      importsOf(f)
        .filter((i) => i.startsWith('worker/'))
        .map((i) => `${f} -> ${i}`),
    );
    expect(bad).toEqual([]);
  });
});
