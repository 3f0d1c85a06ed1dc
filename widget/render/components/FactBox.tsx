// The fact box, one component tree rendered in the browser (into Shadow DOM) and on the edge
// (preact-render-to-string for /embed/:slug and /f/:slug). Content is rendered as text only.
import type { ComponentChildren } from 'preact';
import type { FactBox as Box, Figure, Source, View } from '../box';
import { formatDate, formatNumber, safeHref } from '../format';
import { fill, type Labels } from '../i18n';
import type { Theme } from '../themes';

export interface FactBoxProps {
  box: Box;
  labels: Labels;
  /** BCP 47 tag for numbers and dates: the label language. */
  locale: string;
  theme: Theme;
  /** 1 on a page of its own, 2 when it sits inside a host page's article. */
  level?: 1 | 2;
  /** Open links in a new tab: inside an iframe they would otherwise replace the box. */
  newTab?: boolean;
}

type Ctx = Required<Pick<FactBoxProps, 'labels' | 'locale' | 'newTab'>> & { sources: Map<string, Source> };

function Link({ href, ctx, children }: { href: string | undefined; ctx: Ctx; children: ComponentChildren }) {
  const safe = safeHref(href);
  return safe ? (
    <a href={safe} target={ctx.newTab ? '_blank' : undefined} rel="noopener noreferrer">
      {children}
    </a>
  ) : (
    <>{children}</>
  );
}

function SourceNames({ ids, ctx }: { ids: readonly string[]; ctx: Ctx }) {
  return (
    <>
      {ids.map((id, i) => {
        const s = ctx.sources.get(id);
        return (
          <>
            {i > 0 && '; '}
            {s ? `${s.publisher}${s.published ? `, ${formatDate(s.published, ctx.locale)}` : ''}` : id}
          </>
        );
      })}
    </>
  );
}

function Range({ figure, ctx }: { figure: Figure & { range: { low: number; high: number } }; ctx: Ctx }) {
  const { low, high } = figure.range;
  // A 0-based scale with headroom, so the contested span reads as a span, not the whole bar.
  const max = high > 0 ? high * 1.25 : 1;
  const x = (v: number) => 10 + (Math.max(0, v) / max) * 280;
  const points = figure.estimates?.length ? figure.estimates.map((e) => e.value) : [low, high];
  return (
    <svg viewBox="0 0 300 44" role="presentation" aria-hidden="true" focusable="false">
      <rect class="tr" x="10" y="26" width="280" height="6" rx="3" />
      <rect class="rg" x={x(low)} y="24" width={Math.max(2, x(high) - x(low))} height="10" rx="5" />
      {points.map((v) => (
        <>
          <circle class="mk" cx={x(v)} cy="29" r="6" />
          <text x={x(v)} y="14" text-anchor="middle">
            {formatNumber(v, ctx.locale)}
          </text>
        </>
      ))}
    </svg>
  );
}

function FigureItem({ figure, ctx }: { figure: Figure; ctx: Ctx }) {
  const { labels, locale } = ctx;
  const shown = figure.range
    ? fill(labels.rangeValue, { low: formatNumber(figure.range.low, locale), high: formatNumber(figure.range.high, locale) })
    : fill(figure.qualifier ? labels[`${figure.qualifier}_q`] : '{value}', {
        value: formatNumber(figure.value ?? 0, locale),
      });
  return (
    <div class="fi">
      <dt>{figure.label}</dt>
      <dd>
        <span class="v">
          {shown} <span class="sm">{figure.unit}</span>
        </span>
        {figure.range && <Range figure={figure as Figure & { range: { low: number; high: number } }} ctx={ctx} />}
        {figure.estimates && figure.estimates.length > 0 && (
          <ul class="e" aria-label={labels.estimates}>
            {figure.estimates.map((e) => (
              <li>
                <b>{formatNumber(e.value, locale)}</b>: {e.by}
              </li>
            ))}
          </ul>
        )}
        {figure.note && <p>{figure.note}</p>}
        <p class="sm">
          {fill(labels.asOf, { date: formatDate(figure.asOf, locale) })} · {labels.source}:{' '}
          <SourceNames ids={figure.sourceIds} ctx={ctx} />
        </p>
      </dd>
    </div>
  );
}

function ViewItem({ view, ctx }: { view: View; ctx: Ctx }) {
  return (
    <details>
      <summary>
        <b>{view.headline}</b>
        <span class="sm">
          {view.name}, {view.role}, {view.affiliation}
        </span>
      </summary>
      <p>{view.summary}</p>
      {view.quote && <blockquote>“{view.quote}”</blockquote>}
      <p class="sm">
        {ctx.labels.source}: <SourceNames ids={view.sourceIds} ctx={ctx} />
      </p>
    </details>
  );
}

export function FactBox({ box, labels, locale, theme, level = 2, newTab = false }: FactBoxProps) {
  const ctx: Ctx = { labels, locale, newTab, sources: new Map(box.sources.map((s) => [s.id, s])) };
  const Title = level === 1 ? 'h1' : 'h2';
  const Section = level === 1 ? 'h2' : 'h3';
  const titleId = `fb-${box.slug}-title`;
  return (
    <aside class="fb" data-theme={theme} aria-labelledby={titleId} lang={box.lang}>
      <p class="k" lang={locale}>
        {labels.factBox}
      </p>
      <Title id={titleId}>{box.title}</Title>
      <p>{box.summary}</p>

      {box.figures.length > 0 && (
        <>
          <Section class="s">{labels.figures}</Section>
          <dl class="f">
            {box.figures.map((f) => (
              <FigureItem figure={f} ctx={ctx} />
            ))}
          </dl>
        </>
      )}

      {box.views.length > 0 && (
        <>
          <Section class="s">{labels.views}</Section>
          {box.views.map((v) => (
            <ViewItem view={v} ctx={ctx} />
          ))}
        </>
      )}

      <Section class="s">{labels.watch}</Section>
      <p>{box.watch}</p>

      {box.timeline.length > 0 && (
        <>
          <Section class="s">{labels.timeline}</Section>
          <ol class="t">
            {box.timeline.map((t) => (
              <li>
                <b>{formatDate(t.date, locale)}</b>: {t.text}
              </li>
            ))}
          </ol>
        </>
      )}

      <Section class="s">{labels.corrections}</Section>
      {box.corrections.length > 0 ? (
        <ul class="l">
          {box.corrections.map((c) => (
            <li class="c">
              <b>
                <time dateTime={c.date}>{formatDate(c.date, locale)}</time>
              </b>
              : {c.text}
            </li>
          ))}
        </ul>
      ) : (
        <p class="sm">{labels.noCorrections}</p>
      )}

      <Section class="s">{labels.sources}</Section>
      <ul class="l">
        {box.sources.map((s) => (
          <li>
            <Link href={s.url} ctx={ctx}>
              {s.title}
            </Link>
            {/[.?!]$/.test(s.title) ? ' ' : '. '}
            {[s.publisher, s.author, formatDate(s.published, locale)].filter(Boolean).join('. ')}.
          </li>
        ))}
      </ul>

      <footer class="sm">
        <Section class="s">{labels.about}</Section>
        <p>{box.about}</p>
        <p>
          {fill(labels.updated, { date: formatDate(box.updatedAt, locale), revision: box.revision })} ·{' '}
          <Link href={box.feedback} ctx={ctx}>
            {labels.report}
          </Link>
        </p>
      </footer>
    </aside>
  );
}
