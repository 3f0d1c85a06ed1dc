#!/usr/bin/env node
// The editors' command line: push, pull, correct and history over the HTTP API, like any client.
//   npm run factbox -- push FILE.json --slug SLUG [--url URL]
//   npm run factbox -- pull SLUG [--out FILE.json] [--url URL]
//   npm run factbox -- correct SLUG --text "…" [--date YYYY-MM-DD] [--url URL]
//   npm run factbox -- history SLUG [--url URL]
// The token comes from FACTBOX_TOKEN; the URL from --url, FACTBOX_URL or http://localhost:8787.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const USAGE = `usage:
  factbox push FILE.json --slug SLUG [--url URL]
  factbox pull SLUG [--out FILE.json] [--url URL]
  factbox correct SLUG --text TEXT [--date YYYY-MM-DD] [--url URL]
  factbox history SLUG [--url URL]
The token is read from FACTBOX_TOKEN.`;

class Fail extends Error {}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    slug: { type: 'string' },
    url: { type: 'string' },
    out: { type: 'string' },
    text: { type: 'string' },
    date: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
const base = (values.url ?? process.env.FACTBOX_URL ?? 'http://localhost:8787').replace(/\/+$/, '');
const [command, arg] = positionals;

function auth() {
  const token = process.env.FACTBOX_TOKEN;
  if (!token) throw new Fail('Set FACTBOX_TOKEN to your editor token.');
  return { authorization: `Bearer ${token}` };
}

async function request(method, path, { headers = {}, body } = {}) {
  let res;
  try {
    res = await fetch(base + path, { method, headers: { accept: 'application/json', ...headers }, body });
  } catch (err) {
    throw new Fail(`Cannot reach ${base}: ${err.cause?.code ?? err.message}`);
  }
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { res, json, text };
}

/** Turns an API error into lines an editor can act on. */
function explain({ res, json }) {
  const e = json?.error;
  if (!e) return `${res.status} ${res.statusText}`;
  const lines = [`${res.status} ${e.code}: ${e.message}`];
  for (const p of e.problems ?? []) lines.push(`  ${p.path || '(the box)'}: ${p.message}`);
  return lines.join('\n');
}

const slugOf = (s) => {
  if (!s) throw new Fail(USAGE);
  return encodeURIComponent(s);
};

async function push(file, slug) {
  if (!file) throw new Fail(USAGE);
  let body;
  try {
    body = JSON.stringify(JSON.parse(readFileSync(file, 'utf8')));
  } catch (err) {
    throw new Fail(`${file}: ${err.message}`);
  }
  // Authenticated, so the read skips the edge cache: the ETag must be the current one.
  const current = await request('GET', `/v1/factboxes/${slugOf(slug)}`, { headers: auth() });
  const condition = current.res.status === 200 ? { 'if-match': current.res.headers.get('etag') } : { 'if-none-match': '*' };
  const r = await request('PUT', `/v1/factboxes/${slugOf(slug)}`, {
    headers: { ...auth(), 'content-type': 'application/json', ...condition },
    body,
  });
  if (!r.res.ok) throw new Fail(explain(r));
  console.log(`${r.res.status === 201 ? 'created' : 'updated'} ${slug}: revision ${r.json.revision} (${r.res.headers.get('etag')})`);
}

async function pull(slug, out) {
  const r = await request('GET', `/v1/factboxes/${slugOf(slug)}`);
  if (!r.res.ok) throw new Fail(explain(r));
  const text = `${JSON.stringify(r.json, null, 2)}\n`;
  if (out) {
    writeFileSync(out, text);
    console.log(`wrote ${out}: ${slug} revision ${r.json.revision}`);
  } else process.stdout.write(text);
}

async function correct(slug, text, date) {
  if (!text) throw new Fail(USAGE);
  const r = await request('POST', `/v1/factboxes/${slugOf(slug)}/corrections`, {
    headers: { ...auth(), 'content-type': 'application/json' },
    body: JSON.stringify(date ? { text, date } : { text }),
  });
  if (!r.res.ok) throw new Fail(explain(r));
  console.log(`corrected ${slug}: revision ${r.json.revision}`);
}

async function history(slug) {
  const r = await request('GET', `/v1/factboxes/${slugOf(slug)}/revisions`);
  if (!r.res.ok) throw new Fail(explain(r));
  console.log('revision  updatedAt                 author      state');
  for (const v of r.json.revisions)
    console.log(`${String(v.revision).padEnd(9)} ${v.updatedAt.padEnd(25)} ${v.author.padEnd(11)} ${v.state}`);
}

try {
  if (values.help || !command) throw new Fail(USAGE);
  if (command === 'push') await push(arg, values.slug);
  else if (command === 'pull') await pull(arg, values.out);
  else if (command === 'correct') await correct(arg, values.text, values.date);
  else if (command === 'history') await history(arg);
  else throw new Fail(USAGE);
} catch (err) {
  if (!(err instanceof Fail)) throw err;
  console.error(err.message);
  process.exitCode = 1;
}
