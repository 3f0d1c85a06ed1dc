// The route table (worker/routes/table.ts) drives the 405 answers and the OpenAPI document:
// it must describe exactly the routes hono has, and its enums and limits are the handlers' own.
import { describe, expect, it } from 'vitest';
import { LANGS, LAYOUTS, THEMES } from '../../widget/render/options';
import { LIMITS, MAX_REQUEST_BYTES } from '../../worker/factbox/schema';
import { app } from '../../worker/index';
import { openApiDocument } from '../../worker/openapi';
import { LIST_MAX } from '../../worker/factbox/cursor';
import { ROUTES } from '../../worker/routes/table';

/** Each versioned file (embed.js, more.js, report.js) is one path of the table, and the per-box script is /embed/:slug.js. */
const tablePath = (p: string) => (p.startsWith('/embed/:file{') ? '/embed/:slug.js' : p.replace(/^\/:file\{(\w+).*$/, '/$1.js'));

describe('the route table', () => {
  it('lists every route hono serves, with its methods, and nothing else', () => {
    const served = new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${tablePath(r.path)}`));
    const described = new Set(Object.entries(ROUTES).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)));
    expect([...served].sort()).toEqual([...described].sort());
  });

  it('takes its enums and limits from the constants the handlers use', () => {
    const doc = JSON.stringify(openApiDocument('https://factbox.test'));
    const params = (path: string) =>
      (
        openApiDocument('https://factbox.test').paths as unknown as Record<
          string,
          { get: { parameters?: { name: string; schema?: { enum?: string[]; maximum?: number } }[] } }
        >
      )[path]!.get.parameters ?? [];
    const param = (path: string, name: string) => params(path).find((p) => p.name === name)!.schema!;
    expect(param('/embed/{slug}', 'theme').enum).toEqual([...THEMES]);
    expect(param('/embed/{slug}', 'lang').enum).toEqual([...LANGS]);
    expect(param('/embed/{slug}', 'layout').enum).toEqual([...LAYOUTS]);
    expect(param('/v1/factboxes', 'limit').maximum).toBe(LIST_MAX);
    expect(doc).toContain(`Request over ${MAX_REQUEST_BYTES / 1024} KB, box over ${LIMITS.body / 1024} KB`);
  });
});
