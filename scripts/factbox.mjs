#!/usr/bin/env node
// The editors' command line: push, pull, correct and history over the HTTP API, like any client.
//   npm run factbox -- push FILE.json --slug SLUG [--url URL]
//   npm run factbox -- pull SLUG [--out FILE.json] [--url URL]
//   npm run factbox -- correct SLUG --text "…" [--date YYYY-MM-DD] [--url URL]
//   npm run factbox -- history SLUG [--url URL]
//   npm run factbox -- reports SLUG [--status open|resolved|rejected] [--url URL]
//   npm run factbox -- resolve SLUG ID --note "…" [--correction N] [--url URL]
//   npm run factbox -- reject SLUG ID --note "…" [--url URL]
// The token comes from FACTBOX_TOKEN; the URL from --url, FACTBOX_URL or http://localhost:8787.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const USAGE = `usage:
  factbox push FILE.json --slug SLUG [--url URL]
  factbox pull SLUG [--out FILE.json] [--url URL]
  factbox correct SLUG --text TEXT [--date YYYY-MM-DD] [--url URL]
  factbox history SLUG [--url URL]
  factbox reports SLUG [--status open|resolved|rejected] [--url URL]
  factbox resolve SLUG ID --note NOTE [--correction N] [--url URL]
  factbox reject SLUG ID --note NOTE [--url URL]
The token is read from FACTBOX_TOKEN. --correction is the index of the correction in the box
(0 for its first) that fixed what the report pointed out.`;

class Fail extends Error {}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    slug: { type: 'string' },
    url: { type: 'string' },
    out: { type: 'string' },
    text: { type: 'string' },
    date: { type: 'string' },
    status: { type: 'string' },
    note: { type: 'string' },
    correction: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
const base = (values.url ?? process.env.FACTBOX_URL ?? 'http://localhost:8787').replace(/\/+$/, '');
const [command, arg, arg2] = positionals;

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

/** Readers' error reports of a box, newest first, every page of them. */
async function reports(slug, status = 'open') {
  const items = [];
  let cursor = null;
  do {
    const q = new URLSearchParams({ status, limit: '200', ...(cursor ? { cursor } : {}) });
    const r = await request('GET', `/v1/factboxes/${slugOf(slug)}/reports?${q}`, { headers: auth() });
    if (!r.res.ok) throw new Fail(explain(r));
    items.push(...r.json.items);
    cursor = r.json.next;
  } while (cursor);
  if (!items.length) return console.log(`no ${status} reports on ${slug}`);
  // A reader's text and address reach the editor's terminal: no control or bidi characters that
  // could rewrite the line or hide part of it.
  const plain = (t) => t.replace(/\s*\n\s*/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '\ufffd');
  for (const x of items) {
    console.log(
      `${x.id}  ${x.createdAt}  revision ${x.revision}  ${plain(x.target) || '(the whole box)'}${x.contact ? `  <${plain(x.contact)}>` : ''}`,
    );
    console.log(`  ${plain(x.text)}`);
    if (x.note)
      console.log(`  ${x.status} by ${x.closedBy ?? '?'}: ${x.note}${x.correction !== null ? ` (correction ${x.correction})` : ''}`);
  }
}

/** Closes a report (resolved or rejected) with a note; the reader's address is deleted. */
async function close(slug, id, status, note, correction) {
  if (!id || !note) throw new Fail(USAGE);
  const body = { status, note };
  if (correction !== undefined) {
    if (!/^\d+$/.test(correction)) throw new Fail('--correction is the index of a correction in the box: 0, 1, 2…');
    body.correction = Number(correction);
  }
  const r = await request('PATCH', `/v1/factboxes/${slugOf(slug)}/reports/${encodeURIComponent(id)}`, {
    headers: { ...auth(), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!r.res.ok) throw new Fail(explain(r));
  console.log(`${status} report ${id} on ${slug}${r.json.correction !== null ? ` (correction ${r.json.correction})` : ''}`);
}

try {
  if (values.help || !command) throw new Fail(USAGE);
  if (command === 'push') await push(arg, values.slug);
  else if (command === 'pull') await pull(arg, values.out);
  else if (command === 'correct') await correct(arg, values.text, values.date);
  else if (command === 'history') await history(arg);
  else if (command === 'reports') await reports(arg, values.status);
  else if (command === 'resolve') await close(arg, arg2, 'resolved', values.note, values.correction);
  else if (command === 'reject') await close(arg, arg2, 'rejected', values.note);
  else throw new Fail(USAGE);
} catch (err) {
  if (!(err instanceof Fail)) throw err;
  console.error(err.message);
  process.exitCode = 1;
}
