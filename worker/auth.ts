// Bearer tokens for the authoring API.
//
// FACTBOX_TOKENS holds comma-separated entries, several at once so a token can be rotated without
// downtime. Each entry is exactly one of
//   name:token          an editor
//   name:token:role     role is `editor` or `admin`
// (whitespace around an entry is ignored, none is allowed inside it). The rules:
//   - name: 1-32 characters, starts with a letter, then letters, digits, `.`, `_`, `-`;
//   - a name of 16 or more characters may not look like a token: three quarters or more hex
//     digits, or 8 or more digits, or both letter cases and digits with no `.`, `_` or `-`;
//   - a name may not give a token away: where a name occurs in any configured token (equal,
//     prefix or any substring, ignoring case), that token must have at least 16 characters
//     besides it (so a token is never equal to a name, nor a name plus a few characters);
//   - token: 16-512 characters of visible ASCII (0x21-0x7e) other than `:` and `,`;
//   - no two entries share a name (ignoring case) or a token.
//
// Names are PUBLIC: the name of the token that made a write is recorded as the revision's
// `author`, and the revision list (`/v1/factboxes/{slug}/revisions`) and the `x-factbox-author`
// header are public. A name is a display name an editor may see published ("alice", "cms-prod");
// it must never be a secret, a credential label or any part of a token.
//
// If ANY entry breaks a rule, the whole value is refused: writes answer 503 until it is fixed
// (running half-configured is how a bare token once became a published "name"). Without the
// secret at all, writes answer 403 `writes_disabled`. A Worker has no start-up hook, so the value
// is parsed on the first write an isolate sees (once per value) and problems are logged then, in
// one console.error line that names entries by position and never prints any part of an entry.
//
// Tokens are compared in constant time: both sides are hashed to equal length first, and every
// configured token is compared, so neither length nor position leaks through timing. Failed
// authentications are limited per client (cf-connecting-ip; an IPv6 address counts by its /64),
// and a client over the limit is refused before any comparison, so the limit also stops guessing.
import type { Env } from './env';
import { ApiError } from './errors';

export type Role = 'editor' | 'admin';
export interface Identity {
  /** The token's public display name: recorded as the author of what it writes. */
  name: string;
  role: Role;
}

const MIN_TOKEN_LENGTH = 16;
const MAX_TOKEN_LENGTH = 512;
const NAME = /^[A-Za-z][A-Za-z0-9._-]{0,31}$/;
const TOKEN_CHARS = /^[\x21-\x7e]+$/;
const ROLES: readonly string[] = ['editor', 'admin'] satisfies Role[];

export const TOKEN_RULES =
  'Each entry must be name:token or name:token:admin (or :editor); the name 1-32 letters, digits, ".", "_" or "-", starting with a letter, ' +
  'public (it is published as the author); the token 16-512 visible ASCII characters without ":" or ",", with 16 or more besides any name in it; ' +
  'no name or token used twice.';

interface Token extends Identity {
  digest: Uint8Array;
}

type Config = { state: 'unset' } | { state: 'refused'; problems: string[] } | { state: 'ok'; tokens: Token[] };

const sha256 = async (s: string) => new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(s)));

/** Compares two byte strings of equal length in constant time (the runtime's own where it has one). */
export function equal(a: Uint8Array, b: Uint8Array): boolean {
  const subtle = crypto.subtle as SubtleCrypto & { timingSafeEqual?: (a: ArrayBufferView, b: ArrayBufferView) => boolean };
  if (typeof subtle.timingSafeEqual === 'function') return subtle.timingSafeEqual(a, b);
  let diff = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ (b[i] ?? 0);
  return diff === 0;
}

const count = (s: string, re: RegExp) => s.match(re)?.length ?? 0;

/** A long name that reads like a secret: mostly hex, many digits, or mixed-case alphanumerics. */
export function looksLikeToken(name: string): boolean {
  if (name.length < MIN_TOKEN_LENGTH) return false;
  if (count(name, /[0-9a-f]/gi) * 4 >= name.length * 3) return true;
  if (count(name, /[0-9]/g) >= 8) return true;
  return !/[._-]/.test(name) && /[0-9]/.test(name) && /[a-z]/.test(name) && /[A-Z]/.test(name);
}

/** What is wrong with each entry, by position; never any text of the entry itself. */
export function checkTokens(source: string): { entries: { name: string; token: string; role: Role }[]; problems: string[] } {
  const raw = source.split(',').map((e) => e.trim());
  const of = (i: number) => `entry ${i + 1} of ${raw.length}`;
  const problems: string[] = [];
  const entries: { name: string; token: string; role: Role; at: number }[] = [];
  raw.forEach((entry, i) => {
    const parts = entry.split(':');
    const [name = '', token = '', role = 'editor'] = parts;
    const problem =
      entry === ''
        ? 'is empty (a stray comma?)'
        : parts.length === 1
          ? 'has no name: write name:token'
          : parts.length > 3
            ? 'has more than three ":"-separated parts (a token may not contain ":")'
            : name === ''
              ? 'has an empty name'
              : !NAME.test(name)
                ? 'has a name that is not 1-32 letters, digits, ".", "_" or "-" starting with a letter'
                : looksLikeToken(name)
                  ? 'has a name that looks like a token (names are public)'
                  : token.length < MIN_TOKEN_LENGTH
                    ? `has a token shorter than ${MIN_TOKEN_LENGTH} characters`
                    : token.length > MAX_TOKEN_LENGTH
                      ? `has a token longer than ${MAX_TOKEN_LENGTH} characters`
                      : !TOKEN_CHARS.test(token)
                        ? 'has a token with characters other than visible ASCII'
                        : !ROLES.includes(role)
                          ? 'has a role other than "editor" or "admin"'
                          : null;
    if (problem) problems.push(`${of(i)} ${problem}`);
    else entries.push({ name, token, role: role as Role, at: i });
  });
  for (const [k, e] of entries.entries()) {
    const lower = e.name.toLowerCase();
    const inToken = entries.find((t) => t.token.toLowerCase().includes(lower) && t.token.length - e.name.length < MIN_TOKEN_LENGTH);
    const sameName = entries.slice(0, k).find((t) => t.name.toLowerCase() === lower);
    const sameToken = entries.slice(0, k).find((t) => t.token === e.token);
    const problem = inToken
      ? `has a name that occurs in the token of entry ${inToken.at + 1}, leaving fewer than ${MIN_TOKEN_LENGTH} other characters (names are public)`
      : sameName
        ? `has the same name as entry ${sameName.at + 1}`
        : sameToken
          ? `has the same token as entry ${sameToken.at + 1}`
          : null;
    if (problem) problems.push(`${of(e.at)} ${problem}`);
  }
  problems.sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0]));
  return { entries, problems };
}

/** Parsed values, a few per isolate: normally one, a handful while a secret is being changed. */
const configs = new Map<string, Promise<Config>>();

/** Parses FACTBOX_TOKENS once per isolate per value, logging what is wrong on that first parse. */
function config(source: string): Promise<Config> {
  let parsed = configs.get(source);
  if (!parsed) {
    parsed = (async (): Promise<Config> => {
      if (source.trim() === '') return { state: 'unset' };
      const { entries, problems } = checkTokens(source);
      if (problems.length) {
        console.error(`factbox: FACTBOX_TOKENS refused, every write answers 503 until it is fixed: ${problems.join('; ')}. ${TOKEN_RULES}`);
        return { state: 'refused', problems };
      }
      return {
        state: 'ok',
        tokens: await Promise.all(entries.map(async ({ name, token, role }) => ({ name, role, digest: await sha256(token) }))),
      };
    })();
    if (configs.size >= 8) configs.delete(configs.keys().next().value!);
    configs.set(source, parsed);
  }
  return parsed;
}

// Failed authentications per client, counted in this isolate (fixed window). Production should
// also put Cloudflare's Rate Limiting binding or a WAF rate-limiting rule in front of the write
// routes: this count is per isolate and a client spread over many isolates sees each one's limit.
export const MAX_FAILURES = 10;
export const FAILURE_WINDOW_MS = 10 * 60_000;
const MAX_CLIENTS = 10_000;
const failures = new Map<string, { start: number; count: number }>();

/** The client a failure is counted against: its address, an IPv6 address by its /64. */
export function clientKey(req: Request): string {
  const ip = req.headers.get('cf-connecting-ip')?.trim().toLowerCase().slice(0, 64);
  if (!ip) return 'unknown';
  if (!ip.includes(':') || ip.includes('.')) return ip;
  const halves = ip.split('::');
  if (halves.length > 2) return ip;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const groups = halves.length === 2 ? [...head, ...Array<string>(Math.max(0, 8 - head.length - tail.length)).fill('0'), ...tail] : head;
  if (groups.length !== 8 || !groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return ip;
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

function refuseIfLimited(key: string, now: number): void {
  const f = failures.get(key);
  if (!f || now - f.start >= FAILURE_WINDOW_MS || f.count < MAX_FAILURES) return;
  const retry = Math.max(1, Math.ceil((f.start + FAILURE_WINDOW_MS - now) / 1000));
  throw new ApiError(
    'rate_limited',
    `Too many failed authentications from this client: at most ${MAX_FAILURES} in ${FAILURE_WINDOW_MS / 60_000} minutes.`,
    {
      headers: { 'retry-after': String(retry) },
    },
  );
}

function recordFailure(key: string, now: number): void {
  const f = failures.get(key);
  if (f && now - f.start < FAILURE_WINDOW_MS) {
    f.count++;
    return;
  }
  failures.delete(key);
  // Entries are in the order their windows started: drop expired ones from the front, then the
  // oldest if still full, so the map stays bounded however many clients fail.
  for (const [k, v] of failures) {
    if (failures.size < MAX_CLIENTS && now - v.start < FAILURE_WINDOW_MS) break;
    failures.delete(k);
  }
  failures.set(key, { start: now, count: 1 });
}

const challenge = (error?: string) => ({
  'www-authenticate': `Bearer realm="factbox"${error ? `, error="${error}"` : ''}`,
});

/** One answer per request: the session middleware and a handler may both ask, a failure counts once. */
const answered = new WeakMap<Request, Promise<Identity>>();

/**
 * Who signed this request (name and role), or an ApiError: 403 when writes are off, 503 when
 * FACTBOX_TOKENS is malformed, 429 when this client failed too often, 401 otherwise.
 */
export function authenticate(env: Env, req: Request, now = Date.now()): Promise<Identity> {
  let answer = answered.get(req);
  if (!answer) {
    answer = check(env, req, now);
    answered.set(req, answer);
  }
  return answer;
}

async function check(env: Env, req: Request, now: number): Promise<Identity> {
  const configured = await config(env.FACTBOX_TOKENS ?? '');
  if (configured.state === 'unset') throw new ApiError('writes_disabled', 'Writes are disabled on this server: FACTBOX_TOKENS is not set.');
  if (configured.state === 'refused')
    throw new ApiError(
      'writes_misconfigured',
      `Writes are unavailable: FACTBOX_TOKENS has a malformed entry (${configured.problems.join('; ')}), so it is refused as a whole. ${TOKEN_RULES}`,
    );
  const key = clientKey(req);
  refuseIfLimited(key, now);
  const header = req.headers.get('authorization');
  if (!header) throw new ApiError('unauthorized', 'Send Authorization: Bearer <token>.', { headers: challenge() });
  const fail = (message: string, error: string) => {
    recordFailure(key, now);
    return new ApiError('unauthorized', message, { headers: challenge(error) });
  };
  // RFC 9110: the scheme is case-insensitive, followed by one or more spaces or tabs.
  const m = /^bearer[ \t]+([\x21-\x7e]{1,512})$/i.exec(header);
  if (!m) throw fail('The Authorization header must be "Bearer <token>".', 'invalid_request');
  const digest = await sha256(m[1]!);
  let found: Token | null = null;
  for (const t of configured.tokens) if (equal(t.digest, digest) && found === null) found = t;
  if (found === null) throw fail('The token is not valid.', 'invalid_token');
  return { name: found.name, role: found.role };
}

/**
 * Writes per token per minute, counted in this isolate. It stops a runaway client; a
 * deployment across many isolates should add the Workers Rate Limiting binding in front.
 */
const windows = new Map<string, { start: number; count: number }>();
export function rateLimit(env: Env, name: string, now = Date.now()): void {
  const limit = Number(env.FACTBOX_WRITES_PER_MINUTE ?? 120) || 120;
  const w = windows.get(name);
  if (!w || now - w.start >= 60_000) {
    windows.set(name, { start: now, count: 1 });
    return;
  }
  if (++w.count > limit) {
    const retry = Math.max(1, Math.ceil((w.start + 60_000 - now) / 1000));
    throw new ApiError('rate_limited', `At most ${limit} writes a minute per token.`, { headers: { 'retry-after': String(retry) } });
  }
}
