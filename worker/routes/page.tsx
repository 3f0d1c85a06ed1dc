// The shareable page /f/:slug: the box as a page of its own, readable without JavaScript, with
// Open Graph, JSON-LD and oEmbed discovery so that links unfurl and CMSs can embed it.
import { Hono } from 'hono';
import { FactBox } from '../../widget/render/components/FactBox';
import { labelsFor } from '../../widget/render/i18n/all';
import type { AppEnv } from '../env';
import { boxPage } from '../pages/box-page';
import { Discovery, JsonLd, SITE_NAME, SocialTags } from '../pages/meta';
import { PAGE_CSS } from '../pages/shell';

const SHARE_CSS = `${PAGE_CSS}
body{padding:16px;background:#f6f7f9;font:16px/1.5 system-ui,sans-serif;color:#1b1b1f}
main{max-width:42em;margin:0 auto}.fb{max-width:none}
.more{margin:16px 0;font-size:14px}.more a{color:#0b57d0}
@media (prefers-color-scheme:dark){body{background:#0f1115;color:#eceef2}.more a{color:#9cc0ff}}`;

export const page = new Hono<AppEnv>().get('/f/:slug', (c) =>
  boxPage(c, 'f', (box, { origin, slug, options }) => {
    const canonical = `${origin}/f/${slug}`;
    return {
      css: SHARE_CSS,
      head: (
        <>
          <title>{`${box.title} · ${SITE_NAME}`}</title>
          <SocialTags box={box} url={canonical} />
          <Discovery origin={origin} pageUrl={canonical} box={box} />
          <JsonLd box={box} url={canonical} />
        </>
      ),
      body: (
        <main>
          <FactBox box={box} labels={labelsFor(options.lang)} locale={options.lang} theme={options.theme} level={1} />
          <p class="more">
            <a href={`/?${new URLSearchParams({ slug })}`}>Embed this fact box</a> ·{' '}
            <a href={`/v1/factboxes/${slug}`} type="application/json">
              JSON
            </a>
          </p>
        </main>
      ),
    };
  }),
);
