// The fact box, one component tree rendered in the browser (into Shadow DOM) and on the edge
// (preact-render-to-string for /embed/:slug and /f/:slug). Content is rendered as text only.
//
// Two layouts of the same content. "compact" (the default: every embed) shows at a glance the
// title, the summary's first sentence, every figure (value, unit, label, as-of date, a
// "Contested" mark), every analyst's headline and name, and the latest correction's date;
// everything else is one click away in native <details>, closed. "full" (the shareable page, or
// by option) is the box as it always was. Sections carry stable ids (figures, views, watch,
// timeline, corrections, sources, about; in the compact layout also notes) for URL fragments to
// open and scroll to.
//
// The parts are render helpers (closures over the box), not components: embed.js carries this
// file within a gzip budget, and the helpers minify to less.
import type { ComponentChildren } from 'preact';
import type { FactBox as Box, Figure, Pinned } from '../box';
import { formatDate, formatNumber, safeHref } from '../format';
import { fill, type Labels } from '../i18n';
import type { Layout } from '../options';
import type { Theme } from '../themes';

export interface FactBoxProps {
  /** With `pinned` (a read of ?revision=N): a notice links to what changed since, when it has. */
  box: Box & { pinned?: Pinned };
  labels: Labels;
  /** BCP 47 tag for numbers and dates: the label language. */
  locale: string;
  theme: Theme;
  /** 1 on a page of its own, 2 when it sits inside a host page's article. */
  level?: 1 | 2;
  /** Open links in a new tab: inside an iframe they would otherwise replace the box. */
  newTab?: boolean;
  /** "compact" (the default) fits where it is embedded; "full" shows every part. */
  layout?: Layout;
  /**
   * Edge pages only. The whole box on the Factbox origin, given where a new tab cannot open (the
   * /embed/ iframe, sandboxed by WordPress); and the report page, which every "Report an error"
   * control links to (with ?target=) for a reader without JavaScript. With it, report.js opens
   * the form in the box instead.
   */
  links?: { page?: string; report: string };
  /** The box's history page (/f/:slug/history): "Updated <date>" links to it. */
  historyUrl?: string;
  /**
   * How much of the box: 1 its title and lead, 2 its figures too; all of it when 0 or absent.
   * embed.js renders a new box a stage per frame on a slow phone, so that no one task lays it all out.
   */
  stage?: 0 | 1 | 2;
}

/** `true` in embed.js (scripts/build.mjs defines it); undeclared on the edge. */
declare const __BROWSER__: boolean;

export function FactBox({
  box,
  labels,
  locale,
  theme,
  level = 2,
  newTab = false,
  layout = 'compact',
  links,
  historyUrl,
  stage,
}: FactBoxProps) {
  // Anything but "full" is compact (embed.js passes data-layout as given).
  const full = layout === 'full';
  const Title = `h${level}` as const;
  const Section = `h${level + 1}` as 'h2' | 'h3';
  const titleId = `fb-${box.slug}-title`;
  const sources = new Map(box.sources.map((s) => [s.id, s]));
  const date = (d: string) => formatDate(d, labels);
  const num = (n: number) => formatNumber(n, locale);
  const asOf = (f: Figure) => fill(labels.asOf, { date: date(f.asOf) });
  // Compact: the summary up to the first ". " after 60 characters; the rest one click away.
  const end = full ? 0 : box.summary.indexOf('. ', 60) + 1;
  const latest = box.corrections
    .map((c) => c.date)
    .sort()
    .pop();

  const link = (href: string | undefined, children: ComponentChildren) => {
    const safe = safeHref(href);
    return safe ? (
      <a href={safe} target={newTab ? '_blank' : undefined} rel="noopener noreferrer">
        {children}
      </a>
    ) : (
      children
    );
  };

  /**
   * "Report an error" on one part of the box (a JSON Pointer into the box: "" is the whole box).
   * report.js, loaded on the first click, opens its form right here (embed.js: window.FactboxReport;
   * the edge pages wire it themselves). On the edge it is a link to the report page, which works
   * without JavaScript; report.js takes the click when it runs. Without text it is a flag icon,
   * drawn by the stylesheet (.rb:empty), which costs embed.js nothing.
   */
  const rb = (p: string, what: string, text?: string) =>
    typeof __BROWSER__ == 'undefined' && links ? (
      <a
        class="rb"
        data-report={p}
        aria-label={`${labels.report}: ${what}`}
        href={`${links.report}${p ? `${links.report.includes('?') ? '&' : '?'}target=${encodeURIComponent(p)}` : ''}`}
        target={newTab ? '_blank' : undefined}
      >
        {text}
      </a>
    ) : (
      <button type="button" class="rb" data-report={p} aria-label={`${labels.report}: ${what}`}>
        {text}
      </button>
    );

  const sourceNames = (ids: readonly string[]) =>
    ids
      .map((id) => {
        const s = sources.get(id);
        return s ? `${s.publisher}${s.published ? `, ${date(s.published)}` : ''}` : id;
      })
      .join('; ');

  /** "about 1,400", "3 to 7". */
  const shown = (f: Figure) =>
    f.range
      ? fill(labels.rangeValue, { low: num(f.range.low), high: num(f.range.high) })
      : fill(f.qualifier ? labels[`${f.qualifier}_q`] : '{value}', { value: num(f.value ?? 0) });

  /** A contested figure's span on a 0-based scale with headroom, so it reads as a span. */
  const range = ({ low, high }: { low: number; high: number }, estimates: Figure['estimates']) => {
    const x = (v: number) => 10 + (Math.max(0, v) / (high > 0 ? high * 1.25 : 1)) * 280;
    // Track and span are lines with round caps, which reach 3 and 5 px past their ends.
    return (
      <svg viewBox="0 0 300 44" aria-hidden="true">
        <path class="tr" d="M13 29H287" />
        <path class="rg" d={`M${x(low) + 5} 29H${Math.max(x(low) + 5, x(high) - 5)}`} />
        {(estimates?.length ? estimates.map((e) => e.value) : [low, high]).map((v) => (
          <>
            <circle class="mk" cx={x(v)} cy="29" r="6" />
            <text x={x(v)} y="14">
              {num(v)}
            </text>
          </>
        ))}
      </svg>
    );
  };

  // Every figure with its range, who holds each estimate, its note and source.
  const figures = (
    <dl class="f">
      {box.figures.map((f, i) => (
        <div key={f.id} class="fi">
          <dt>{f.label}</dt>
          <dd>
            <span class="v">
              {shown(f)} <span class="sm">{f.unit}</span>
            </span>
            {f.range && range(f.range, f.estimates)}
            {f.estimates?.[0] && (
              <ul class="e" aria-label={labels.estimates}>
                {f.estimates.map((e) => (
                  <li key={e.by}>
                    <b>{num(e.value)}</b>: {e.by}
                  </li>
                ))}
              </ul>
            )}
            {f.note && <p>{f.note}</p>}
            <p class="sm">
              {asOf(f)} · {labels.source}: {sourceNames(f.sourceIds)}
              {full && rb(`/figures/${i}`, f.label)}
            </p>
          </dd>
        </div>
      ))}
    </dl>
  );

  const corrections = (
    <ul class="l">
      {box.corrections.map((c) => (
        <li key={c.text} class="c">
          <b>
            <time dateTime={c.date}>{date(c.date)}</time>
          </b>
          : {c.text}
        </li>
      ))}
    </ul>
  );

  // A part of the box: a headed section in the full layout, a closed disclosure in the compact.
  const part = (id: string, label: string, body: ComponentChildren) =>
    full ? (
      <section id={id}>
        <Section class="s">{label}</Section>
        {body}
      </section>
    ) : (
      <details id={id}>
        <summary>{label}</summary>
        {body}
      </details>
    );

  const parts = (
    <>
      {!full && box.figures[0] && part('notes', labels.notes, figures)}
      {part('watch', labels.watch, <p>{box.watch}</p>)}
      {box.timeline.length > 0 &&
        part(
          'timeline',
          labels.timeline,
          <ol class="t">
            {box.timeline.map((t) => (
              <li key={t.text}>
                <b>{date(t.date)}</b>: {t.text}
              </li>
            ))}
          </ol>,
        )}
      {/* Compact: "Corrected <date>" among the parts, marked, only when there is a correction. */}
      {(full || latest) &&
        part(
          'corrections',
          full ? labels.corrections : fill(labels.corrected, { date: date(latest!) }),
          latest ? corrections : <p class="sm">{labels.noCorrections}</p>,
        )}
      {part(
        'sources',
        labels.sources,
        <ul class="l">
          {box.sources.map((s) => (
            <li key={s.id}>
              {link(s.url, s.title)}
              {/[.?!]$/.test(s.title) ? ' ' : '. '}
              {[s.publisher, s.author, date(s.published)].filter(Boolean).join('. ')}.
            </li>
          ))}
        </ul>,
      )}
    </>
  );

  const updated = (
    <p>
      {link(historyUrl, fill(labels.updated, { date: date(box.updatedAt), revision: box.revision }))} ·{' '}
      {/* Only the edge pages pass links: the browser bundle leaves this out (scripts/build.mjs). */}
      {typeof __BROWSER__ == 'undefined' && links?.page && [link(links.page, labels.whole), ' · ']}
      {rb('', box.title, labels.report)}
    </p>
  );

  return (
    <aside class={full ? 'fb' : 'fb cp'} data-theme={theme} aria-labelledby={titleId} lang={box.lang}>
      <p class="k" lang={locale}>
        {labels.factBox}
      </p>
      <Title id={titleId}>{box.title}</Title>
      {/* Pinned to a revision that is no longer the latest: its corrections are all here, its text may be old. */}
      {(box.pinned?.latest ?? 0) > box.revision && <p class="sm">{link(box.pinned?.history, labels.newer)}</p>}
      <p class="ld">{end ? box.summary.slice(0, end) : box.summary}</p>
      {end > 0 && (
        <>
          {' '}
          <details class="rm">
            <summary>{labels.more}</summary>
            <p>{box.summary.slice(end + 1)}</p>
          </details>
        </>
      )}

      {stage != 1 && box.figures.length > 0 && (
        <section id="figures">
          <Section class="s">{labels.figures}</Section>
          {full ? (
            figures
          ) : (
            <ul class="g">
              {box.figures.map((f, i) => (
                <li key={f.id} class="fi">
                  <span class="v">
                    {shown(f)} <span class="sm">{f.unit}</span>
                    {f.range && <span class="tg"> {labels.contested}</span>}
                  </span>
                  <p>
                    {f.label} <span class="sm">{asOf(f)}</span>
                    {rb(`/figures/${i}`, f.label)}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      {!stage && box.views.length > 0 && (
        <section id="views">
          <Section class="s">{labels.views}</Section>
          {box.views.map((v, i) => (
            <details key={v.id}>
              <summary>
                <b>{v.headline}</b>
                <span class="sm">
                  {v.name}, {v.role}, {v.affiliation}
                </span>
              </summary>
              <p>{v.summary}</p>
              {v.quote && <blockquote>“{v.quote}”</blockquote>}
              <p class="sm">
                {labels.source}: {sourceNames(v.sourceIds)}
                {rb(`/views/${i}`, v.headline)}
              </p>
            </details>
          ))}
        </section>
      )}

      {stage ? null : full ? (
        <>
          {parts}
          <footer class="sm" id="about">
            <Section class="s">{labels.about}</Section>
            <p>{box.about}</p>
            {updated}
          </footer>
        </>
      ) : (
        <footer class="sm">
          <div class="ft">
            {parts}
            {part('about', labels.about, <p>{box.about}</p>)}
          </div>
          {updated}
        </footer>
      )}
    </aside>
  );
}
