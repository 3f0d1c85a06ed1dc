// The iframe page /embed/:slug: the box rendered on the edge with the same components the browser
// uses, and a small script that tells the parent page its height.
import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { claimsJsonLd } from '../factbox/claims';
import { RESIZE_CSP_HASH, RESIZE_JS } from '../generated/embed';
import { boxPage, PageBox } from '../pages/box-page';
import { describe, Discovery, JsonLd } from '../pages/meta';
import { PAGE_CSS } from '../pages/shell';

export const embed = new Hono<AppEnv>().get('/embed/:slug', (c) =>
  boxPage(c, 'embed', (box, at) => {
    const { origin, slug, meta, pin } = at;
    return {
      css: PAGE_CSS,
      script: { code: RESIZE_JS, hash: RESIZE_CSP_HASH },
      head: (
        <>
          <title>{box.title}</title>
          {/* The shareable page is the one to index; this one is the same box for frames. */}
          <meta name="robots" content="noindex" />
          <meta name="description" content={describe(box)} />
          <link rel="canonical" href={`${origin}/f/${slug}`} />
          <Discovery origin={origin} pageUrl={`${origin}/embed/${slug}${pin}`} box={box} />
          <JsonLd value={claimsJsonLd(box, meta, origin)} />
        </>
      ),
      // A page of its own, even framed: its one landmark holds the box.
      body: (
        <main>
          <PageBox box={box} at={at} newTab links={{ page: `${origin}/f/${slug}${pin}`, report: `${origin}/f/${slug}/report${pin}` }} />
        </main>
      ),
    };
  }),
);
