// Bearer tokens for the authoring API. FACTBOX_TOKENS holds comma-separated name:token pairs
// (several at once, so a token can be rotated without downtime). Tokens are compared in
// constant time: both sides are hashed to equal length first, and every configured token is
// compared, so neither length nor position leaks through timing.
import type { Env } from './env';
import { ApiError } from './errors';

const MIN_TOKEN_LENGTH = 16;

interface Token {
  name: string;
  digest: Uint8Array;
}

const sha256 = async (s: string) => new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(s)));

function equal(a: Uint8Array, b: Uint8Array): boolean {
  const subtle = crypto.subtle as SubtleCrypto & { timingSafeEqual?: (a: ArrayBufferView, b: ArrayBufferView) => boolean };
  if (typeof subtle.timingSafeEqual === 'function') return subtle.timingSafeEqual(a, b);
  let diff = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ (b[i] ?? 0);
  return diff === 0;
}

let cache: { source: string; tokens: Promise<Token[]> } | undefined;

/** Parses FACTBOX_TOKENS once per isolate (per value). Malformed or short entries are ignored. */
function tokens(source: string): Promise<Token[]> {
  if (cache?.source !== source) {
    const pairs = source
      .split(',')
      .map((p) => p.trim())
      .map((p) => [p.slice(0, p.indexOf(':')), p.slice(p.indexOf(':') + 1)] as const)
      .filter(([name, token]) => /^[\w.-]{1,64}$/.test(name) && token.length >= MIN_TOKEN_LENGTH);
    cache = { source, tokens: Promise.all(pairs.map(async ([name, token]) => ({ name, digest: await sha256(token) }))) };
  }
  return cache.tokens;
}

const challenge = (error?: string) => ({
  'www-authenticate': `Bearer realm="factbox"${error ? `, error="${error}"` : ''}`,
});

/** The name of the token that signed this request, or an ApiError (401, or 403 when writes are off). */
export async function authenticate(env: Env, header: string | undefined): Promise<string> {
  const configured = await tokens(env.FACTBOX_TOKENS ?? '');
  if (configured.length === 0)
    throw new ApiError('writes_disabled', 'Writes are disabled on this server: FACTBOX_TOKENS is not set.');
  if (!header) throw new ApiError('unauthorized', 'Send Authorization: Bearer <token>.', { headers: challenge() });
  const m = /^Bearer[ ]+([\x21-\x7e]{1,512})$/.exec(header);
  if (!m) throw new ApiError('unauthorized', 'The Authorization header must be "Bearer <token>".', { headers: challenge('invalid_request') });
  const digest = await sha256(m[1]!);
  let name: string | null = null;
  for (const t of configured) if (equal(t.digest, digest) && name === null) name = t.name;
  if (name === null) throw new ApiError('unauthorized', 'The token is not valid.', { headers: challenge('invalid_token') });
  return name;
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
