// The share cards (/f/:slug/card.png, /f/:slug/card-tall.png and their revision-pinned URLs),
// inside workerd against the real local D1, through the worker itself.
import { env } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BOX_CSS } from '../../widget/render/styles';
import { TOKENS } from '../../worker/card/card';
import { ALICE, brokenD1, call, create, DEFAULT_SLUG, editable, errorOf, put, seed } from './helpers';

const get = (path: string, init: RequestInit = {}, bindings: Partial<typeof env> = {}) => call(path, init, bindings);

/** Fetches a card and logs how long it took (no assertion on time: machines differ). */
async function timed(path: string, init: RequestInit = {}): Promise<Response> {
  const started = performance.now();
  const res = await get(path, init);
  const body = new Uint8Array(await res.clone().arrayBuffer());
  console.log(`card ${path}: ${res.status}, ${body.length} bytes, ${(performance.now() - started).toFixed(0)} ms`);
  return res;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function chunks(png: Uint8Array): { type: string; data: Uint8Array }[] {
  expect([...png.slice(0, 8)]).toEqual(SIGNATURE);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const out: { type: string; data: Uint8Array }[] = [];
  for (let at = 8; at < png.length; ) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.slice(at + 4, at + 8));
    out.push({ type, data: png.slice(at + 8, at + 8 + length) });
    at += 12 + length;
  }
  return out;
}

/** Width and height from the IHDR chunk, which must come first. */
function size(png: Uint8Array): { width: number; height: number } {
  const [ihdr] = chunks(png);
  expect(ihdr!.type).toBe('IHDR');
  const view = new DataView(ihdr!.data.buffer, ihdr!.data.byteOffset);
  return { width: view.getUint32(0), height: view.getUint32(4) };
}

/** Decodes an 8-bit RGBA, non-interlaced PNG (what resvg writes) into its pixels. */
async function decode(png: Uint8Array): Promise<{ width: number; height: number; rgba: Uint8Array }> {
  const all = chunks(png);
  const { width, height } = size(png);
  const ihdr = all[0]!.data;
  expect([ihdr[8], ihdr[9], ihdr[12]]).toEqual([8, 6, 0]); // bit depth, colour type RGBA, no interlace
  const idat = all.filter((c) => c.type === 'IDAT').map((c) => c.data);
  const zipped = new Uint8Array(idat.reduce((n, d) => n + d.length, 0));
  idat.reduce((at, d) => {
    zipped.set(d, at);
    return at + d.length;
  }, 0);
  const raw = new Uint8Array(await new Response(new Blob([zipped]).stream().pipeThrough(new DecompressionStream('deflate'))).arrayBuffer());
  const stride = width * 4;
  const rgba = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= 4 ? rgba[y * stride + x - 4]! : 0;
      const b = y > 0 ? rgba[(y - 1) * stride + x]! : 0;
      const c = x >= 4 && y > 0 ? rgba[(y - 1) * stride + x - 4]! : 0;
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter]!;
      rgba[y * stride + x] = (line[x]! + predictor) & 0xff;
    }
  }
  return { width, height, rgba };
}

/** Pixels in a rectangle that are darker than the card's white background. */
function inked({ width, rgba }: { width: number; rgba: Uint8Array }, x0: number, y0: number, x1: number, y1: number): number {
  let n = 0;
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++) {
      const i = (y * width + x) * 4;
      if (rgba[i]! + rgba[i + 1]! + rgba[i + 2]! < 3 * 160) n++;
    }
  return n;
}

const bytes = async (res: Response) => new Uint8Array(await res.arrayBuffer());

// The first card of a run loads satori, resvg and the fonts; on a busy two-core machine that
// alone can pass vitest's default five seconds.
vi.setConfig({ testTimeout: 30_000 });

afterEach(() => {
  vi.restoreAllMocks();
});

describe('GET /f/:slug/card.png', () => {
  it('is a 1200×630 PNG of the default box, cached for five minutes, with a strong ETag', async () => {
    const res = await timed(`/f/${DEFAULT_SLUG}/card.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('cache-control')).toBe('public, max-age=300, s-maxage=300');
    expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]{24}"$/);
    expect(size(await bytes(res))).toEqual({ width: 1200, height: 630 });
    await timed(`/f/${DEFAULT_SLUG}/card.png`); // warm: the engines and fonts are loaded
  });

  it('draws the box on the white card: title, figures and views are inked', async () => {
    const image = await decode(await bytes(await get(`/f/${DEFAULT_SLUG}/card.png`)));
    expect(inked(image, 64, 80, 1136, 160)).toBeGreaterThan(5000); // the title
    expect(inked(image, 64, 190, 1136, 400)).toBeGreaterThan(5000); // the figures
    expect(inked(image, 64, 440, 1136, 520)).toBeGreaterThan(2000); // the analysts
    expect(inked(image, 0, 20, 40, 600)).toBe(0); // the margin stays white
  });

  it('answers 304 to If-None-Match with its ETag', async () => {
    const first = await get(`/f/${DEFAULT_SLUG}/card.png`);
    const again = await get(`/f/${DEFAULT_SLUG}/card.png`, { headers: { 'if-none-match': first.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it("draws the configured newsroom's name, and never a name from the URL", async () => {
    const plain = await get(`/f/${DEFAULT_SLUG}/card.png`);
    const named = await get(`/f/${DEFAULT_SLUG}/card.png`, {}, { FACTBOX_PUBLISHER_NAME: 'KALW 91.7 FM' });
    expect(named.status).toBe(200);
    expect(named.headers.get('etag')).not.toBe(plain.headers.get('etag'));
    const [a, b] = [await decode(await bytes(plain)), await decode(await bytes(named))];
    const footer = (img: typeof a) => img.rgba.subarray(585 * 1200 * 4, 625 * 1200 * 4).join();
    expect(footer(a)).not.toBe(footer(b));
    const spoofed = await get(`/f/${DEFAULT_SLUG}/card.png?newsroom=${encodeURIComponent('Retracted by the editors')}`);
    expect(spoofed.headers.get('etag')).toBe(plain.headers.get('etag'));
  });
});

describe('GET /f/:slug/card-tall.png', () => {
  it('is 600 px wide at 2x (1200 px) and as tall as its figures and views', async () => {
    const res = await timed(`/f/${DEFAULT_SLUG}/card-tall.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('cache-control')).toBe('public, max-age=300, s-maxage=300');
    const full = size(await bytes(res));
    expect(full.width).toBe(1200);
    expect(full.height % 2).toBe(0);

    const box = await editable();
    await seed('card-tall-short', { figures: (box.figures as unknown[]).slice(0, 1), views: (box.views as unknown[]).slice(0, 1) });
    const short = size(await bytes(await get('/f/card-tall-short/card-tall.png')));
    expect(short.width).toBe(1200);
    expect(short.height).toBeLessThan(full.height - 400);
    expect(short.height).toBeGreaterThan(400);
  });
});

describe('revision-pinned cards', () => {
  it('are immutable, and share the ETag of the current card of the same revision', async () => {
    for (const file of ['card.png', 'card-tall.png']) {
      const current = await get(`/f/${DEFAULT_SLUG}/${file}`);
      const pinned = await get(`/f/${DEFAULT_SLUG}/revisions/1/${file}`);
      expect(pinned.status).toBe(200);
      expect(pinned.headers.get('content-type')).toBe('image/png');
      expect(pinned.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(pinned.headers.get('etag')).toBe(current.headers.get('etag'));
    }
  });

  it('keep showing the old revision after an edit, while the current card and its ETag move on', async () => {
    const slug = 'card-revisions';
    const etag1 = await create(slug);
    const before = await get(`/f/${slug}/card.png`);
    const edit = await put(slug, { ...(await editable()), title: 'A second title for the card' }, { 'if-match': etag1 }, ALICE);
    expect(edit.status).toBe(200);
    const after = await get(`/f/${slug}/card.png`);
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    const old = await get(`/f/${slug}/revisions/1/card.png`);
    expect(old.headers.get('etag')).toBe(before.headers.get('etag'));
    expect((await get(`/f/${slug}/revisions/2/card.png`)).headers.get('etag')).toBe(after.headers.get('etag'));
  });
});

describe('card errors', () => {
  it('404 for an unknown box or revision, 400 for a bad slug or revision number', async () => {
    for (const [path, status, code] of [
      ['/f/no-such-box/card.png', 404, 'not_found'],
      ['/f/no-such-box/card-tall.png', 404, 'not_found'],
      [`/f/${DEFAULT_SLUG}/revisions/999/card.png`, 404, 'not_found'],
      [`/f/${DEFAULT_SLUG}/revisions/0/card.png`, 400, 'bad_request'],
      [`/f/${DEFAULT_SLUG}/revisions/one/card-tall.png`, 400, 'bad_request'],
      ['/f/Bad_Slug/card.png', 400, 'bad_slug'],
    ] as const) {
      const res = await get(path);
      expect(res.status, path).toBe(status);
      expect((await errorOf(res)).code, path).toBe(code);
      expect(res.headers.get('cache-control'), path).toBe('no-store');
    }
  });

  it('410 for an archived box, current or pinned', async () => {
    const slug = 'card-archived';
    const etag = await create(slug);
    expect(
      (await call(`/v1/factboxes/${slug}`, { method: 'DELETE', headers: { authorization: `Bearer ${ALICE}`, 'if-match': etag } })).status,
    ).toBe(204);
    for (const path of [`/f/${slug}/card.png`, `/f/${slug}/card-tall.png`, `/f/${slug}/revisions/1/card.png`]) {
      const res = await get(path);
      expect(res.status, path).toBe(410);
      expect((await errorOf(res)).code).toBe('gone');
    }
  });

  it('a card that cannot be drawn is logged and answered 503 with Retry-After, never 500', async () => {
    await env.DB.prepare(
      "INSERT INTO revisions (slug, revision, state, body, title, author, created_at) VALUES ('card-broken', 1, 'live', ?, 'x', 'test', '2026-01-01T00:00:00.000Z')",
    )
      .bind(JSON.stringify({ title: 'Not a box' }))
      .run();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await get('/f/card-broken/card.png');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect((await errorOf(res)).code).toBe('unavailable');
    expect(logged).toHaveBeenCalledWith('card render failed', expect.stringContaining('"slug":"card-broken"'));
  });

  it('D1 down is a 503 with Retry-After, not a 500, when no good copy is kept', async () => {
    // A card never drawn before (another newsroom's), so the edge cache has no copy to fall back on.
    const res = await get(`/f/${DEFAULT_SLUG}/card.png`, {}, { DB: brokenD1(), FACTBOX_PUBLISHER_NAME: 'Never drawn' });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
  });
});

describe('a Korean box', () => {
  // Same length, different syllables: tofu (missing glyphs) would draw the same boxes for both.
  const titles = ['북한 외교관의 망명은 무엇을 의미하나', '탈북 공관원 증가가 말해 주는 것들'];

  it('renders its Hangul title, figures and labels: the title area is inked, and differs with the text', async () => {
    const images: Awaited<ReturnType<typeof decode>>[] = [];
    for (const [i, title] of titles.entries()) {
      const box = await editable();
      const figures = (box.figures as { label: string; unit: string }[]).map((f) => ({
        ...f,
        label: '해외 공관에서 이탈한 북한 외교관',
        unit: '명',
      }));
      await seed(`card-ko-${i}`, { lang: 'ko', title, figures });
      const res = await timed(`/f/card-ko-${i}/card.png`);
      expect(res.status).toBe(200);
      const image = await decode(await bytes(res));
      expect(image.width).toBe(1200);
      expect(inked(image, 64, 80, 1136, 160)).toBeGreaterThan(5000);
      images.push(image);
    }
    const band = (img: Awaited<ReturnType<typeof decode>>) => img.rgba.subarray(80 * 1200 * 4, 160 * 1200 * 4);
    const [a, b] = images.map(band);
    let differ = 0;
    for (let i = 0; i < a!.length; i += 4) if (a![i] !== b![i]) differ++;
    expect(differ).toBeGreaterThan(5000);
    const tall = await timed('/f/card-ko-0/card-tall.png');
    expect(size(await bytes(tall)).width).toBe(1200);
  });
});

describe('the card design', () => {
  it("uses the widget's light theme tokens", () => {
    const token = (name: string) => new RegExp(`--${name}:(?:var\\(--factbox-[a-z]+,)?(#[0-9a-f]{3,6})`).exec(BOX_CSS)?.[1];
    expect({
      accent: token('a'),
      bg: token('bg'),
      fg: token('fg'),
      muted: token('mu'),
      border: token('bd'),
      surface: token('sf'),
      highlight: token('hl'),
    }).toEqual(TOKENS);
  });
});
