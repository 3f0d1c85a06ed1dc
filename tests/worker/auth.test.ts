// FACTBOX_TOKENS parsing, the Bearer scheme, roles and the failed-authentication limit.
// Every test uses its own FACTBOX_TOKENS value (the parse is cached per value) and its own
// cf-connecting-ip (failures are counted per client), so none depends on another's state.
import { env } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { authenticate, MAX_FAILURES } from '../../worker/auth';
import { ALICE, call, editable, errorOf, rows } from './helpers';

afterEach(() => vi.restoreAllMocks());

/** A write that needs authentication and changes nothing: DELETE of a box that does not exist. */
const probe = (authorization: string, ip: string, bindings: Partial<typeof env> = {}) =>
  call(
    '/v1/factboxes/auth-probe-none',
    { method: 'DELETE', headers: { authorization, 'if-match': '"x"', 'cf-connecting-ip': ip } },
    bindings,
  );

const create = async (slug: string, authorization: string, bindings: Partial<typeof env> = {}, ip = '192.0.2.1') =>
  call(
    `/v1/factboxes/${slug}`,
    {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'if-none-match': '*', authorization, 'cf-connecting-ip': ip },
      body: JSON.stringify(await editable()),
    },
    bindings,
  );

/** True if any run of 6 characters of any token appears in text. */
const leaks = (text: string, tokens: string[]) =>
  tokens.some((t) => [...Array(t.length - 5).keys()].some((i) => text.includes(t.slice(i, i + 6))));

/** Writes with a good token under `tokens`: the whole value must be refused with 503. */
async function refused(tokens: string, good: string, ip: string) {
  const res = await probe(`Bearer ${good}`, ip, { FACTBOX_TOKENS: tokens });
  expect(res.status, tokens).toBe(503);
  const err = await errorOf(res);
  expect(err.code).toBe('writes_misconfigured');
  expect(err.message).toMatch(/FACTBOX_TOKENS has a malformed entry/);
  expect(err.message).toMatch(/name:token/);
  return err.message;
}

describe('FACTBOX_TOKENS', () => {
  it('refuses a bare token entry: writes answer 503, no author is a token prefix, one log line without the token', async () => {
    const good = 'bare-case-good-token-0123456789';
    const bare = 'Zk4fQ9wLp2Xr7Tm3Hv8Nc5Bd1';
    const tokens = `editor1:${good},${bare}`;
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    for (const token of [bare, good, `${bare.slice(0, -1)}A`]) {
      const res = await create('bare-token', `Bearer ${token}`, { FACTBOX_TOKENS: tokens }, '192.0.2.10');
      expect(res.status).toBe(503);
      const { message } = await errorOf(res);
      expect(message).toMatch(/entry 2 of 2 has no name/);
      expect(leaks(message, [bare, good])).toBe(false);
    }
    expect(await rows('bare-token')).toEqual([]);
    const { results } = await env.DB.prepare('SELECT DISTINCT author FROM revisions').all<{ author: string }>();
    expect(results.filter((r) => bare.startsWith(r.author) || good.startsWith(r.author))).toEqual([]);
    expect(log).toHaveBeenCalledTimes(1);
    const line = log.mock.calls[0]!.map(String).join(' ');
    expect(line).toMatch(/FACTBOX_TOKENS refused/);
    expect(line).toMatch(/entry 2 of 2 has no name/);
    expect(line).not.toMatch(/\n/);
    expect(leaks(line, [bare, good])).toBe(false);
  });

  it('refuses a token shorter than 16 characters and says so, in the log and in the answer', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const message = await refused('short:abc123xyz', 'abc123xyz', '192.0.2.11');
    expect(message).toMatch(/entry 1 of 1 has a token shorter than 16 characters/);
    expect(message).not.toMatch(/not set/);
    expect(message).not.toContain('abc123');
    expect(log).toHaveBeenCalledTimes(1);
    expect(String(log.mock.calls[0]![0])).toMatch(/entry 1 of 1 has a token shorter than 16 characters/);
    expect(String(log.mock.calls[0]![0])).not.toContain('abc123');
  });

  it('refuses names that break the rules, and the whole value with them', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const good = 'names-case-good-token-0123456789';
    const cases: [entry: string, problem: RegExp][] = [
      ['9lives:names-case-token-aaaaaaaaaa', /not 1-32 letters/],
      ['-dash:names-case-token-bbbbbbbbbb', /not 1-32 letters/],
      ['na/me:names-case-token-cccccccccc', /not 1-32 letters/],
      [`${'a'.repeat(33)}:names-case-token-dddddddddd`, /not 1-32 letters/],
      [':names-case-token-eeeeeeeeee', /empty name/],
      ['deadbeefcafe0123456789ab:names-case-token-ffffffffff', /looks like a token/],
      ['AbX9kLq2Zr8TmW3pQ:names-case-token-gggggggggg', /looks like a token/],
      ['news-desk-secret-tok:news-desk-secret-token-42', /occurs in the token of entry 2/],
      ['other:names-case-token-hhhhhhhhhh:owner', /role other than/],
      ['other:names-case-token-iiii:iiiiii', /role other than/],
      ['other:names:case:token-jjjjjjjjjj', /more than three/],
      ['other:names case token kkkkkkkk', /visible ASCII/],
      ['other:names-case-token-llllllllll,', /entry 3 of 3 is empty/],
    ];
    for (const [entry, problem] of cases) {
      const message = await refused(`first:${good},${entry}`, good, '192.0.2.12');
      expect(message, entry).toMatch(problem);
      expect(message, entry).toMatch(/entry [23] of [23]/);
    }
    // A short name inside a long token gives little away, and is allowed.
    expect(
      (await probe('Bearer names-case-carol-0123456789', '192.0.2.12', { FACTBOX_TOKENS: 'carol:names-case-carol-0123456789' })).status,
    ).toBe(404);
  });

  it('refuses duplicate names (ignoring case) and duplicate tokens', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const a = 'dup-case-token-a-0123456789';
    const b = 'dup-case-token-b-0123456789';
    expect(await refused(`dana:${a},Dana:${b}`, a, '192.0.2.13')).toMatch(/entry 2 of 2 has the same name as entry 1/);
    expect(await refused(`dana:${a},erin:${a}`, a, '192.0.2.13')).toMatch(/entry 2 of 2 has the same token as entry 1/);
  });

  it('parses the role: name:token is an editor, name:token:admin an admin', async () => {
    const tokens = 'ed:role-case-editor-token-0123,boss:role-case-admin-token-0123:admin,ed2:role-case-editor2-token-01:editor';
    const as = (token: string) =>
      authenticate(
        { ...env, FACTBOX_TOKENS: tokens },
        new Request('https://factbox.test/', { headers: { authorization: `Bearer ${token}`, 'cf-connecting-ip': '192.0.2.14' } }),
      );
    expect(await as('role-case-editor-token-0123')).toEqual({ name: 'ed', role: 'editor' });
    expect(await as('role-case-admin-token-0123')).toEqual({ name: 'boss', role: 'admin' });
    expect(await as('role-case-editor2-token-01')).toEqual({ name: 'ed2', role: 'editor' });
    // The admin's name, not the role, is what the public revision list shows.
    expect((await create('role-admin', 'Bearer role-case-admin-token-0123', { FACTBOX_TOKENS: tokens })).status).toBe(201);
    const { revisions } = (await (await call('/v1/factboxes/role-admin/revisions')).json()) as { revisions: { author: string }[] };
    expect(revisions.map((r) => r.author)).toEqual(['boss']);
  });
});

describe('the Authorization header', () => {
  it('accepts the Bearer scheme in any case, after spaces or tabs (RFC 9110)', async () => {
    for (const [i, header] of [`bearer ${ALICE}`, `BEARER ${ALICE}`, `bEaReR \t ${ALICE}`, `Bearer\t${ALICE}`].entries()) {
      const res = await create(`scheme-${i}`, header);
      expect(res.status, header).toBe(201);
    }
    expect((await create('scheme-bad', `Bearer${ALICE}`)).status).toBe(401);
  });
});

describe('failed authentications', () => {
  it('are limited per client: 429 with Retry-After, before the token is compared, and not for other clients', async () => {
    const attacker = '198.51.100.20';
    for (let i = 0; i < MAX_FAILURES; i++) {
      const res = await probe(`Bearer ${ALICE.slice(0, -1)}${String.fromCharCode(33 + i)}`, attacker);
      expect(res.status, `guess ${i + 1}`).toBe(401);
    }
    const limited = await probe(`Bearer ${ALICE.slice(0, -1)}~`, attacker);
    expect(limited.status).toBe(429);
    expect((await errorOf(limited)).code).toBe('rate_limited');
    const retry = Number(limited.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(600);
    // Even the right token is refused now: the limit is checked before any comparison.
    expect((await probe(`Bearer ${ALICE}`, attacker)).status).toBe(429);
    // Another client is not affected, and its success does not reset the attacker's count.
    expect((await probe(`Bearer ${ALICE}`, '198.51.100.21')).status).toBe(404);
    expect((await probe('Bearer wrong-token-0123456789', '198.51.100.21')).status).toBe(401);
    expect((await probe(`Bearer ${ALICE}`, attacker)).status).toBe(429);
  });

  it('count an IPv6 client by its /64', async () => {
    for (let i = 0; i < MAX_FAILURES; i++)
      expect((await probe('Bearer wrong-token-0123456789', `2001:db8:77:1::${i + 1}`)).status).toBe(401);
    expect((await probe(`Bearer ${ALICE}`, '2001:0db8:0077:0001:ffff:1:2:3')).status).toBe(429);
    expect((await probe(`Bearer ${ALICE}`, '2001:db8:77:2::1')).status).toBe(404);
  });
});
