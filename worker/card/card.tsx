// The share card's layout: what a box looks like as a picture. Two variants of the same parts:
// "wide" (1200×630, Open Graph and Twitter's large summary card) and "tall" (600 px wide, drawn
// at 2x for email and RSS, as tall as its figures and views). Satori lays these elements out
// with flexbox: every element with more than one child is display:flex, and text is clamped
// where a box's longest allowed strings would otherwise push the rest off the card.
import type { FactBox, Figure, View } from '../../widget/render/box';
import { formatDate, formatNumber } from '../../widget/render/format';
import { fill, isLang, type Labels, type Lang } from '../../widget/render/i18n';
import { labelsFor } from '../../widget/render/i18n/all';

/**
 * The widget's light theme (widget/render/styles.ts: --a, --bg, --fg, --mu, --bd, --sf, --hl);
 * tests/worker/card.test.ts fails if the two drift apart.
 */
export const TOKENS = {
  accent: '#0b57d0',
  bg: '#fff',
  fg: '#1b1b1f',
  muted: '#4d5159',
  border: '#d5d8de',
  surface: '#f3f5f8',
  highlight: '#fff4d6',
} as const;

/** Bump when the card's look changes: it is part of every card's ETag. */
export const CARD_VERSION = '1';

/** The font family the renderer loads (worker/card/fonts). */
export const FONT_FAMILY = 'Pretendard';

export type Variant = 'wide' | 'tall';

/** Pixel sizes of each variant: the tall one is laid out at `width` and drawn at `scale`. */
export const SIZES = {
  wide: { width: 1200, height: 630, scale: 1 },
  tall: { width: 600, height: null, scale: 2 },
} as const;

/** What a card shows at most; the rest is counted ("+2 more"). Bounds the tall card's height. */
export const LIMITS = { wideFigures: 3, wideViews: 4, tallFigures: 6, tallViews: 8 } as const;

// Strings the widget's labels do not have yet.
const EXTRA: Record<Lang, { contested: string; more: string }> = {
  en: { contested: 'Contested', more: '+{n} more' },
  ko: { contested: '이견 있음', more: '외 {n}개' },
};

export interface CardOptions {
  variant: Variant;
  /** Shown at the foot of the card, e.g. the newsroom that shares it. */
  newsroom: string;
}

interface Ctx {
  box: FactBox;
  labels: Labels;
  extra: (typeof EXTRA)[Lang];
  locale: Lang;
  hangul: boolean;
  num: (n: number) => string;
}

function context(box: FactBox): Ctx {
  const base = box.lang.toLowerCase().split('-')[0];
  const locale: Lang = isLang(base) ? base : 'en';
  return {
    box,
    labels: labelsFor(locale),
    extra: EXTRA[locale],
    locale,
    // Korean breaks lines between words (keep-all), not between any two syllables.
    hangul: locale === 'ko' || /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]/.test(box.title),
    num: (n) => formatNumber(n, locale),
  };
}

/** "about 1,400", "3 to 7": as the widget shows a figure. */
function shown({ labels, num }: Ctx, f: Figure): string {
  if (f.range) return fill(labels.rangeValue, { low: num(f.range.low), high: num(f.range.high) });
  return fill(f.qualifier ? labels[`${f.qualifier}_q`] : '{value}', { value: num(f.value ?? 0) });
}

/** Roughly how many Latin letters wide a string is: Hangul and other wide characters count double. */
function ems(s: string): number {
  let n = 0;
  for (const ch of s) n += /[\u1100-\u11ff\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uffef]/.test(ch) ? 1.8 : 1;
  return n;
}

/** About how wide a string is in bold Pretendard, in em. */
function boldWidth(s: string): number {
  let n = 0;
  for (const ch of s)
    n += /[0-9]/.test(ch)
      ? 0.62
      : ch === ' '
        ? 0.26
        : /[,.]/.test(ch)
          ? 0.3
          : /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]/.test(ch)
            ? 1
            : 0.56;
  return n;
}

const kicker = (size: number, color: string = TOKENS.accent) => ({
  fontSize: size,
  fontWeight: 700,
  letterSpacing: size * 0.08,
  textTransform: 'uppercase' as const,
  color,
});

function Pill({ text, size }: { text: string; size: number }) {
  return (
    <div
      style={{
        display: 'flex',
        padding: `${size * 0.2}px ${size * 0.6}px`,
        border: `${Math.max(1, size / 12)}px solid ${TOKENS.fg}`,
        borderRadius: size,
        background: TOKENS.highlight,
        ...kicker(size, TOKENS.fg),
        lineHeight: 1.2,
      }}
    >
      {text}
    </div>
  );
}

/**
 * A contested figure's span on a 0-based scale with headroom (as the widget draws it): a
 * track, the span in the accent colour, and a marker with its value for each estimate.
 */
function RangeBar({ ctx, f, scale }: { ctx: Ctx; f: Figure & { range: { low: number; high: number } }; scale: number }) {
  const { low, high } = f.range;
  const max = high > 0 ? high * 1.25 : 1;
  const pct = (v: number) => 4 + (Math.min(Math.max(0, v), max) / max) * 92;
  const marks = f.estimates?.length ? [...new Set(f.estimates.map((e) => e.value))] : [low, high];
  const marker = 8 * scale;
  return (
    <div style={{ display: 'flex', position: 'relative', height: 30 * scale, marginTop: 8 * scale }}>
      <div
        style={{
          position: 'absolute',
          left: '2%',
          right: '2%',
          top: 5 * scale,
          height: 4 * scale,
          borderRadius: 2 * scale,
          background: TOKENS.border,
        }}
      />
      <div
        style={{
          position: 'absolute',
          left: `${pct(low)}%`,
          width: `${pct(high) - pct(low)}%`,
          top: 4 * scale,
          height: 6 * scale,
          borderRadius: 3 * scale,
          background: TOKENS.accent,
        }}
      />
      {marks.map((v) => (
        <div
          key={v}
          style={{
            position: 'absolute',
            left: `${pct(v)}%`,
            top: 0,
            marginLeft: -20 * scale,
            width: 40 * scale,
            display: 'flex',
            flexDirection: 'column',
            alignItems: 'center',
          }}
        >
          <div
            style={{
              width: marker * 1.75,
              height: marker * 1.75,
              borderRadius: marker,
              background: TOKENS.bg,
              border: `${2 * scale}px solid ${TOKENS.accent}`,
            }}
          />
          <div style={{ fontSize: 12 * scale, fontWeight: 700, color: TOKENS.fg, marginTop: 1 * scale }}>{ctx.num(v)}</div>
        </div>
      ))}
    </div>
  );
}

/** The value, its unit and the "Contested" mark. */
function Value({ ctx, f, size, unitSize, inline }: { ctx: Ctx; f: Figure; size: number; unitSize: number; inline: boolean }) {
  const value = <div style={{ fontSize: size, fontWeight: 700, lineHeight: 1.1, letterSpacing: -size * 0.02 }}>{shown(ctx, f)}</div>;
  const pill = f.range && (
    <div style={{ display: 'flex', marginLeft: inline ? size * 0.3 : 0 }}>
      <Pill text={ctx.extra.contested} size={Math.max(11, Math.round(size * 0.36))} />
    </div>
  );
  const unit = (
    <div
      style={{
        fontSize: unitSize,
        fontWeight: 700,
        lineHeight: 1.25,
        marginLeft: inline ? unitSize * 0.4 : 0,
        marginTop: inline ? 0 : unitSize * 0.25,
      }}
    >
      {f.unit}
    </div>
  );
  return inline ? (
    <div style={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap' }}>
      {value}
      <div style={{ display: 'flex', alignSelf: 'flex-end', marginBottom: size * 0.08 }}>{unit}</div>
      {pill}
    </div>
  ) : (
    <div style={{ display: 'flex', flexDirection: 'column' }}>
      <div style={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap', rowGap: size * 0.15, columnGap: size * 0.3 }}>
        {value}
        {pill}
      </div>
      {unit}
    </div>
  );
}

function Footer({ ctx, newsroom, scale, size }: { ctx: Ctx; newsroom: string; scale: number; size: number }) {
  const { box, labels } = ctx;
  return (
    <div
      style={{
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'space-between',
        borderTop: `${scale}px solid ${TOKENS.border}`,
        padding: `${12 * scale}px 0`,
        marginTop: 'auto',
      }}
    >
      <div style={{ display: 'flex', alignItems: 'center' }}>
        <div
          style={{ width: 10 * scale, height: 10 * scale, borderRadius: 2 * scale, background: TOKENS.accent, marginRight: 8 * scale }}
        />
        <div style={{ fontSize: size, fontWeight: 700, color: TOKENS.fg }}>{newsroom}</div>
      </div>
      <div style={{ fontSize: size * 0.82, color: TOKENS.muted }}>
        {fill(labels.updated, { date: formatDate(box.updatedAt.slice(0, 10), labels), revision: box.revision })}
      </div>
    </div>
  );
}

const more = (ctx: Ctx, n: number) => (n > 0 ? fill(ctx.extra.more, { n }) : '');

function Wide({ ctx, newsroom }: { ctx: Ctx; newsroom: string }) {
  const { box, labels } = ctx;
  const figures = box.figures.slice(0, LIMITS.wideFigures);
  const views = box.views.slice(0, LIMITS.wideViews);
  const length = ems(box.title);
  const titleSize = length <= 32 ? 64 : length <= 56 ? 56 : length <= 80 ? 48 : 40;
  // Bold Pretendard averages about 0.56 em a Latin letter; the text column is 1072 px wide.
  const titleLines = Math.min(2, Math.ceil((length * titleSize * 0.56) / 1072));
  const text = { wordBreak: ctx.hangul ? ('keep-all' as const) : ('normal' as const) };
  // Every value at one size, the largest at which the widest fits its tile: none is cut.
  const tile = (1072 - 20 * (figures.length - 1)) / Math.max(1, figures.length) - 44;
  const valueSize = Math.min(figures.length === 1 ? 56 : 46, ...figures.map((f) => Math.floor(tile / boldWidth(shown(ctx, f)))));
  const labelLines = titleLines > 1 ? 2 : 3;
  return (
    <div
      style={{
        display: 'flex',
        flexDirection: 'column',
        width: '100%',
        height: '100%',
        background: TOKENS.bg,
        color: TOKENS.fg,
        fontFamily: FONT_FAMILY,
      }}
    >
      <div style={{ height: 12, background: TOKENS.accent }} />
      <div style={{ display: 'flex', flexDirection: 'column', flexGrow: 1, padding: '34px 64px 0' }}>
        <div style={{ display: 'flex', ...kicker(20) }}>{labels.factBox}</div>
        <div
          style={{
            display: 'block',
            marginTop: 10,
            fontSize: titleSize,
            fontWeight: 700,
            lineHeight: 1.15,
            letterSpacing: -titleSize * 0.015,
            lineClamp: 2,
            ...text,
          }}
        >
          {box.title}
        </div>
        {figures.length > 0 && (
          <div style={{ display: 'flex', marginTop: 26, gap: 20 }}>
            {figures.map((f) => (
              <div
                key={f.id}
                style={{
                  display: 'flex',
                  flexDirection: 'column',
                  flex: 1,
                  minWidth: 0,
                  padding: '16px 20px',
                  borderRadius: 12,
                  background: TOKENS.surface,
                  border: `2px solid ${f.range ? TOKENS.accent : TOKENS.surface}`,
                }}
              >
                <Value ctx={ctx} f={f} size={valueSize} unitSize={20} inline={figures.length === 1} />
                {f.range && <RangeBar ctx={ctx} f={f as Figure & { range: { low: number; high: number } }} scale={1.4} />}
                <div
                  style={{
                    display: 'block',
                    marginTop: f.range ? 4 : 10,
                    fontSize: 17,
                    lineHeight: 1.35,
                    color: TOKENS.muted,
                    lineClamp: f.range ? labelLines - 1 : labelLines,
                    ...text,
                  }}
                >
                  {f.label}
                </div>
              </div>
            ))}
          </div>
        )}
        {views.length > 0 && (
          <div style={{ display: 'flex', flexDirection: 'column', marginTop: 22 }}>
            <div style={{ display: 'flex', ...kicker(17) }}>
              {labels.views}
              {box.views.length > views.length && (
                <div style={{ marginLeft: 12, color: TOKENS.muted }}>{more(ctx, box.views.length - views.length)}</div>
              )}
            </div>
            <div style={{ display: 'flex', marginTop: 6, gap: 20 }}>
              {views.map((v) => (
                <div
                  key={v.id}
                  style={{
                    display: 'flex',
                    flexDirection: 'column',
                    flex: 1,
                    minWidth: 0,
                    paddingLeft: 12,
                    borderLeft: `3px solid ${TOKENS.border}`,
                  }}
                >
                  <div style={{ display: 'block', fontSize: 22, fontWeight: 700, lineHeight: 1.3, lineClamp: 1, ...text }}>{v.name}</div>
                  <div
                    style={{
                      display: 'block',
                      marginTop: 2,
                      fontSize: 17,
                      lineHeight: 1.35,
                      color: TOKENS.muted,
                      lineClamp: titleLines > 1 ? 1 : 2,
                      ...text,
                    }}
                  >
                    {v.headline}
                  </div>
                </div>
              ))}
            </div>
          </div>
        )}
        <Footer ctx={ctx} newsroom={newsroom} scale={1} size={22} />
      </div>
    </div>
  );
}

function TallFigure({ ctx, f }: { ctx: Ctx; f: Figure }) {
  const estimates = f.range ? (f.estimates ?? []).slice(0, 3) : [];
  const text = { wordBreak: ctx.hangul ? ('keep-all' as const) : ('normal' as const) };
  return (
    <div
      style={{
        display: 'flex',
        flexDirection: 'column',
        marginTop: 8,
        padding: '10px 14px 12px',
        borderRadius: 6,
        background: TOKENS.surface,
        border: `1.5px solid ${f.range ? TOKENS.accent : TOKENS.surface}`,
      }}
    >
      <Value ctx={ctx} f={f} size={26} unitSize={15} inline />
      <div style={{ display: 'block', marginTop: 4, fontSize: 14, lineHeight: 1.4, color: TOKENS.fg, lineClamp: 3, ...text }}>
        {f.label}
      </div>
      {f.range && <RangeBar ctx={ctx} f={f as Figure & { range: { low: number; high: number } }} scale={1} />}
      {estimates.map((e) => (
        <div
          key={e.by}
          style={{ display: 'block', marginTop: 2, fontSize: 13, lineHeight: 1.35, color: TOKENS.muted, lineClamp: 2, ...text }}
        >{`${ctx.num(e.value)}: ${e.by}`}</div>
      ))}
    </div>
  );
}

function TallView({ v, first, hangul }: { v: View; first: boolean; hangul: boolean }) {
  const text = { wordBreak: hangul ? ('keep-all' as const) : ('normal' as const) };
  return (
    <div style={{ display: 'flex', flexDirection: 'column', padding: '8px 0', borderTop: first ? 'none' : `1px solid ${TOKENS.border}` }}>
      <div style={{ display: 'block', fontSize: 16, fontWeight: 700, lineHeight: 1.3, lineClamp: 2, ...text }}>{v.headline}</div>
      <div
        style={{ display: 'block', marginTop: 2, fontSize: 14, lineHeight: 1.35, color: TOKENS.muted, lineClamp: 2, ...text }}
      >{`${v.name} · ${v.role}, ${v.affiliation}`}</div>
    </div>
  );
}

function Tall({ ctx, newsroom }: { ctx: Ctx; newsroom: string }) {
  const { box, labels } = ctx;
  const figures = box.figures.slice(0, LIMITS.tallFigures);
  const views = box.views.slice(0, LIMITS.tallViews);
  const section = { display: 'flex', marginTop: 20, ...kicker(13) };
  const rest = (n: number) =>
    n > 0 && <div style={{ display: 'flex', marginTop: 6, fontSize: 13, color: TOKENS.muted }}>{more(ctx, n)}</div>;
  return (
    <div
      style={{ display: 'flex', flexDirection: 'column', width: '100%', background: TOKENS.bg, color: TOKENS.fg, fontFamily: FONT_FAMILY }}
    >
      <div style={{ height: 6, background: TOKENS.accent }} />
      <div style={{ display: 'flex', flexDirection: 'column', padding: '18px 28px 4px' }}>
        <div style={{ display: 'flex', ...kicker(13) }}>{labels.factBox}</div>
        <div
          style={{
            display: 'block',
            marginTop: 6,
            fontSize: 28,
            fontWeight: 700,
            lineHeight: 1.2,
            letterSpacing: -0.4,
            lineClamp: 4,
            wordBreak: ctx.hangul ? 'keep-all' : 'normal',
          }}
        >
          {box.title}
        </div>
        {figures.length > 0 && <div style={section}>{labels.figures}</div>}
        {figures.map((f) => (
          <TallFigure key={f.id} ctx={ctx} f={f} />
        ))}
        {rest(box.figures.length - figures.length)}
        {views.length > 0 && <div style={{ ...section, marginBottom: 2 }}>{labels.views}</div>}
        {views.map((v, i) => (
          <TallView key={v.id} v={v} first={i === 0} hangul={ctx.hangul} />
        ))}
        {rest(box.views.length - views.length)}
        <div style={{ display: 'flex', marginTop: 14 }} />
        <Footer ctx={ctx} newsroom={newsroom} scale={1} size={16} />
      </div>
    </div>
  );
}

/** The card of `box` as an element tree for satori. */
export function cardElement(box: FactBox, { variant, newsroom }: CardOptions) {
  const ctx = context(box);
  return variant === 'wide' ? <Wide ctx={ctx} newsroom={newsroom} /> : <Tall ctx={ctx} newsroom={newsroom} />;
}
