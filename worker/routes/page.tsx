// The shareable page /f/:slug: the box as a page of its own, readable without JavaScript, with
// Open Graph, JSON-LD and oEmbed discovery so that links unfurl and CMSs can embed it.
import { Hono } from 'hono';
import { safeHref } from '../../widget/render/format';
import type { AppEnv } from '../env';
import { claimsJsonLd } from '../factbox/claims';
import { RESIZE_CSP_HASH, RESIZE_JS } from '../generated/embed';
import { boxPage, PageBox } from '../pages/box-page';
import { Discovery, JsonLd, SocialTags } from '../pages/meta';
import { PAGE_CSS } from '../pages/shell';

const SHARE_CSS = `${PAGE_CSS}
body{padding:16px;background:#f6f7f9;font:16px/1.5 system-ui,sans-serif;color:#1b1b1f}
main{max-width:42em;margin:0 auto}.fb{max-width:none}
.more{margin:16px 0;font-size:14px}.more a{color:#0b57d0}
@media (prefers-color-scheme:dark){body{background:#0f1115;color:#eceef2}.more a{color:#9cc0ff}}`;

export const page = new Hono<AppEnv>()
  .get('/f/:slug', (c) =>
    boxPage(c, 'f', (box, at) => {
      const { origin, slug, meta, pin } = at;
      const canonical = `${origin}/f/${slug}`;
      return {
        css: SHARE_CSS,
        // Opens the part a #fragment names, and every part for printing; sends nothing when not framed.
        script: { code: RESIZE_JS, hash: RESIZE_CSP_HASH },
        head: (
          <>
            <title>{`${box.title} · ${meta.publisher.name}`}</title>
            <SocialTags box={box} url={canonical} meta={meta} />
            <Discovery origin={origin} pageUrl={`${canonical}${pin}`} box={box} />
            <JsonLd value={claimsJsonLd(box, meta, origin)} />
          </>
        ),
        body: (
          <main>
            <PageBox box={box} at={at} links={{ report: `/f/${slug}/report${pin}` }} />
            <p class="more">
              <a href={`/?${new URLSearchParams({ slug })}`}>Embed this fact box</a> ·{' '}
              <a href={`/v1/factboxes/${slug}${pin}`} type="application/json">
                JSON
              </a>
            </p>
          </main>
        ),
      };
    }),
  )
  // How to report an error: a page of the Factbox origin, where every "Report an error" control
  // of the edge pages leads a reader without JavaScript (?target= names the part), and where the
  // sandboxed embed's link opens (WordPress opens links to the embed's own host in the top window).
  // With JavaScript the form opens here too (report.js shows the button and takes ?target=);
  // without it, the newsroom's address. The page is the same for every target, so it caches as one.
  .get('/f/:slug/report', (c) =>
    boxPage(c, 'report', (box, { slug, meta }) => {
      const mail = safeHref(box.feedback);
      const href = mail?.startsWith('mailto:')
        ? `${mail}${mail.includes('?') ? '&' : '?'}${new URLSearchParams({ subject: `Error in the fact box "${box.title}"` }).toString().replace(/\+/g, '%20')}`
        : mail;
      return {
        css: SHARE_CSS,
        head: (
          <>
            <title>{`Report an error: ${box.title} · ${meta.publisher.name}`}</title>
            <meta name="robots" content="noindex" />
          </>
        ),
        body: (
          <main class="fb" data-theme="auto">
            <h1>Report an error</h1>
            <p>
              In the fact box <a href={`/f/${slug}`}>{box.title}</a>.
            </p>
            <p>
              If a figure, a date, a quote or a source is wrong, tell the newsroom that keeps this box: say which part, what is wrong, and
              how you know. Editors read every report. Corrections are added to the box for every reader, with their date, and are never
              removed.
            </p>
            <p hidden data-report-here>
              <button type="button" class="rb" data-report="" aria-label={`Report an error: ${box.title}`}>
                Write your report here
              </button>
            </p>
            <p>
              A report sent here is not published. What is kept: its text, and your email address if you give one, only until the report is
              closed (it is used only to answer you). No cookie, and not your IP address: only a hash of it that changes every day, to stop
              floods.
            </p>
            <p>{href ? <a href={href}>Or write to the newsroom</a> : 'This box has no address for reports by email.'}</p>
          </main>
        ),
      };
    }),
  );
