// The README's authoring walkthrough, executed as written against the real worker (wrangler dev):
// the only substitutions are the server's address and where .dev.vars is.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, inject, it } from 'vitest';

const W = inject('workerOrigin');
const dir = mkdtempSync(join(tmpdir(), 'factbox-readme-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const devVars = join(dir, '.dev.vars');
writeFileSync(devVars, 'FACTBOX_TOKENS=alice:alice-token-0123456789abcdef\n');

/** The shell block that follows `<!-- walkthrough:NAME -->` in the README. */
function block(name: string): string {
  const readme = readFileSync('README.md', 'utf8');
  const at = readme.indexOf(`<!-- walkthrough:${name} -->`);
  expect(at, name).toBeGreaterThan(-1);
  const m = /```sh\n([\s\S]*?)```/.exec(readme.slice(at))!;
  return m[1]!.replaceAll('http://localhost:8787', W).replaceAll('.dev.vars', devVars);
}

async function run(script: string) {
  const env = { ...process.env, FACTBOX_URL: W };
  delete (env as Record<string, string | undefined>).FACTBOX_TOKEN;
  const { stdout, stderr } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', script], { env, timeout: 60_000 });
  return stdout + stderr;
}

const statuses = (out: string) => [...out.matchAll(/HTTP\/[\d.]+ (\d{3}) /g)].map((m) => Number(m[1]));

describe('the README walkthrough', () => {
  it('creates, updates, corrects, lists, pages and archives a box with curl, step by step', async () => {
    const out = await run(block('curl'));
    // create, update, correct, archive; every step succeeds
    expect(statuses(out)).toEqual([201, 200, 201, 204]);
    expect(out).toContain('"revisions":[{"revision":1');
    expect(out).toMatch(/"items":\[\{"slug":"[a-z0-9-]+"/);
    expect(await (await fetch(`${W}/v1/factboxes/my-box`)).status).toBe(410);
  });

  it("walks a reader's error report through to an editor, with curl and the CLI", async () => {
    const out = await run(block('reports'));
    // the reader's report, the editor's PATCH
    expect(statuses(out)).toEqual([202, 200]);
    expect(out).toContain('"target":"/figures/1"');
    expect(out).toContain('"status":"resolved"');
    expect(out).toMatch(/"contact":null/);
    expect(out).toContain('  Please add the 2017 figures to this box.');
    expect(out).toMatch(/rejected report [0-9a-f-]{36} on north-korea-defections/);
  });

  it('then does the same with the CLI, which writes nothing into the repository', async () => {
    const out = await run(block('cli'));
    expect(out).toMatch(/wrote .*box\.json: north-korea-defections/);
    expect(out).toMatch(/created my-cli-box: revision 1/);
    expect(out).toMatch(/corrected my-cli-box: revision 2/);
    expect(out).toMatch(/2\s+\S+\s+alice\s+live/);
  });
});
