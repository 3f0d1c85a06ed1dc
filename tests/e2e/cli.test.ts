// The editors' CLI against the running worker: push (create, update), correct, pull, history,
// and readable validation errors.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, inject, it } from 'vitest';

const W = inject('workerOrigin');
const TOKEN = 'e2e-token-0123456789abcdef';
const dir = mkdtempSync(join(tmpdir(), 'factbox-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[], token: string | null = TOKEN) {
  const env = { ...process.env, FACTBOX_URL: W } as Record<string, string>;
  delete env.FACTBOX_TOKEN;
  if (token) env.FACTBOX_TOKEN = token;
  try {
    const { stdout, stderr } = await promisify(execFile)('node', ['scripts/factbox.mjs', ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npm run factbox', () => {
  it('walks an editor through pull, push (create and update), correct and history', async () => {
    const file = join(dir, 'box.json');
    expect((await cli(['pull', 'north-korea-defections', '--out', file])).code).toBe(0);
    const box = JSON.parse(readFileSync(file, 'utf8'));
    expect(box.title).toBe('What does a defection mean?');

    const created = await cli(['push', file, '--slug', 'cli-box']);
    expect(created.stdout).toMatch(/^created cli-box: revision 1/);
    writeFileSync(file, JSON.stringify({ ...box, title: 'Edited by the CLI' }));
    const updated = await cli(['push', file, '--slug', 'cli-box']);
    expect(updated.stdout).toMatch(/^updated cli-box: revision 2/);
    const corrected = await cli([
      'correct',
      'cli-box',
      '--text',
      'A figure was misattributed.',
      '--date',
      new Date().toISOString().slice(0, 10),
    ]);
    expect(corrected.stdout).toMatch(/^corrected cli-box: revision 3/);

    const history = await cli(['history', 'cli-box']);
    expect(history.stdout.trim().split('\n')).toHaveLength(4);
    expect(history.stdout).toMatch(/3\s+\S+\s+e2e\s+live/);
    const pulled = await cli(['pull', 'cli-box']);
    expect(JSON.parse(pulled.stdout).title).toBe('Edited by the CLI');
  });

  it("lists readers' reports and resolves or rejects them", async () => {
    const send = async (text: string, contact?: string) => {
      const res = await fetch(`${W}/v1/factboxes/cli-box/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ target: '/figures/0', revision: 3, text, ...(contact ? { contact } : {}) }),
      });
      expect(res.status).toBe(202);
      return ((await res.json()) as { id: string }).id;
    };
    const first = await send('The yearly figure is from 2015, not 2016.', 'reader@example.org');
    const second = await send('Spam spam spam spam spam.');
    const open = await cli(['reports', 'cli-box']);
    expect(open.code).toBe(0);
    // Newest first, with the part, the revision seen and the address.
    const lines = open.stdout.trim().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^${second}  \\S+  revision 3  /figures/0$`));
    expect(lines[2]).toMatch(new RegExp(`^${first}  \\S+  revision 3  /figures/0  <reader@example.org>$`));
    expect(lines[3]).toBe('  The yearly figure is from 2015, not 2016.');

    // The CLI test box holds the seed box's corrections and one added by the CLI: the last is fixed.
    const box = (await (await fetch(`${W}/v1/factboxes/cli-box`)).json()) as { corrections: unknown[] };
    const last = box.corrections.length - 1;
    const resolved = await cli(['resolve', 'cli-box', first, '--note', 'Corrected.', '--correction', String(last)]);
    expect(resolved.stdout.trim()).toBe(`resolved report ${first} on cli-box (correction ${last})`);
    expect((await cli(['reject', 'cli-box', second, '--note', 'Not about the box.'])).stdout).toMatch(/^rejected report/);
    expect((await cli(['reports', 'cli-box'])).stdout.trim()).toBe('no open reports on cli-box');
    const done = await cli(['reports', 'cli-box', '--status', 'resolved']);
    expect(done.stdout).toContain(`resolved by e2e: Corrected. (correction ${last})`);
    expect(done.stdout).not.toContain('reader@example.org'); // deleted on closing

    const bad = await cli(['resolve', 'cli-box', first, '--note', 'x', '--correction', '99']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^400 invalid_report/);
    expect(bad.stderr).toMatch(/^ {2}\/correction: there is no correction 99/m);
    expect((await cli(['reports', 'cli-box'], null)).stderr).toContain('FACTBOX_TOKEN');
  });

  it('prints validation errors readably, and refuses without a token', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ title: '', sources: [] }));
    const bad = await cli(['push', file, '--slug', 'cli-bad']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^400 invalid_box/);
    expect(bad.stderr).toMatch(/^ {2}\/title: must not be empty$/m);
    const none = await cli(['push', file, '--slug', 'cli-bad'], null);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('FACTBOX_TOKEN');
  });
});
