// The iframe page /embed/:slug: the box rendered on the edge with the same components the browser
// uses, and a small script that tells the parent page its height.
import { Hono } from 'hono';
import { FactBox } from '../../widget/render/components/FactBox';
import { labelsFor } from '../../widget/render/i18n/all';
import type { AppEnv } from '../env';
import { claimsJsonLd } from '../factbox/claims';
import { RESIZE_CSP_HASH, RESIZE_JS } from '../generated/embed';
import { boxPage } from '../pages/box-page';
import { describe, Discovery, JsonLd } from '../pages/meta';
import { PAGE_CSS } from '../pages/shell';

export const embed = new Hono<AppEnv>().get('/embed/:slug', (c) =>
  boxPage(c, 'embed', (box, { origin, slug, options, meta, pin }) => ({
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
        <FactBox
          box={box}
          labels={labelsFor(options.lang)}
          locale={options.lang}
          theme={options.theme}
          layout={options.layout}
          level={1}
          newTab
          links={{ page: `${origin}/f/${slug}${pin}`, report: `${origin}/f/${slug}/report${pin}` }}
          historyUrl={`${origin}/f/${slug}/history`}
        />
      </main>
    ),
  })),
);
