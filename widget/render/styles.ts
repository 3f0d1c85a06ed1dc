// The fact box's styles, used in the Shadow DOM (as a constructable stylesheet, which a strict
// host CSP allows) and in the edge pages (inline, allowed by a hash in their own CSP).
// Host pages theme it through custom properties, which cross the shadow boundary:
//   --factbox-accent, --factbox-bg, --factbox-fg, --factbox-muted, --factbox-border,
//   --factbox-font, --factbox-font-size, --factbox-radius, --factbox-max-width
// Sizes are in px and em, never rem: a host page's `html { font-size }` must not reach in.

const light =
  '--a:var(--factbox-accent,#0b57d0);--bg:var(--factbox-bg,#fff);--fg:var(--factbox-fg,#1b1b1f);' +
  '--mu:var(--factbox-muted,#4d5159);--bd:var(--factbox-border,#d5d8de);--sf:#f3f5f8;--hl:#fff4d6';
const dark =
  '--a:var(--factbox-accent,#9cc0ff);--bg:var(--factbox-bg,#17191e);--fg:var(--factbox-fg,#eceef2);' +
  '--mu:var(--factbox-muted,#b4bac6);--bd:var(--factbox-border,#3a3f4a);--sf:#22252c;--hl:#3b3420';

export const BOX_CSS = `
.fb{${light};all:initial;display:block;box-sizing:border-box;max-width:var(--factbox-max-width,40em);
background:var(--bg);color:var(--fg);border:1px solid var(--bd);border-radius:var(--factbox-radius,8px);
padding:1.25em;font:normal 400 var(--factbox-font-size,16px)/1.5 var(--factbox-font,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif);
text-align:start;text-transform:none;letter-spacing:normal;word-spacing:normal;white-space:normal;overflow-wrap:anywhere}
.fb[data-theme=dark]{${dark};color-scheme:dark}
@media (prefers-color-scheme:dark){.fb[data-theme=auto]{${dark};color-scheme:dark}}
.fb *,.fb *::before,.fb *::after{box-sizing:border-box;font:inherit;color:inherit;text-transform:inherit;letter-spacing:inherit;margin:0;padding:0}
.fb h1,.fb h2{font-size:1.35em;line-height:1.25;font-weight:700}
.fb h2.s,.fb h3{font-size:1em;font-weight:700;margin-top:1.25em;margin-bottom:.5em;color:var(--a)}
.fb p,.fb ul,.fb ol,.fb dl{margin-bottom:.5em}
.fb .k{font-size:.8em;font-weight:600;text-transform:uppercase;letter-spacing:.06em;color:var(--mu)}
.fb .sm{font-size:.875em;color:var(--mu)}
.fb a{color:var(--a);text-decoration:underline;text-underline-offset:2px}
.fb a:focus-visible,.fb summary:focus-visible{outline:2px solid var(--a);outline-offset:2px;border-radius:2px}
.fb dl.f{display:grid;gap:.75em}
.fb .fi{background:var(--sf);border-radius:6px;padding:.75em}
.fb dt{font-weight:600}
.fb b{font-weight:700}
.fb dd .v{font-size:1.6em;font-weight:700;line-height:1.2;display:block}
.fb svg{display:block;width:100%;height:auto;margin:.5em 0}
.fb .tr,.fb .rg{stroke:var(--bd);stroke-width:6;stroke-linecap:round}.fb .rg{stroke:var(--a);stroke-width:10}.fb .mk{fill:var(--bg);stroke:var(--a);stroke-width:2}
.fb svg text{fill:var(--fg);font-size:11px;font-weight:700;text-anchor:middle}
.fb ul.e,.fb ul.l{list-style:none}
.fb ul.e li,.fb ul.l li{margin-top:.25em}
.fb details{border-top:1px solid var(--bd);padding:.5em 0}
.fb summary{cursor:pointer;list-style-position:outside;margin-left:1.1em}
.fb summary b{display:block;font-weight:700}
.fb blockquote{border-left:3px solid var(--a);padding-left:.75em;margin:.5em 0;font-style:italic}
.fb ol.t{list-style:none;border-left:2px solid var(--bd);padding-left:.75em}
.fb ol.t li{margin-bottom:.4em}
.fb .c{background:var(--hl);border-radius:6px;padding:.5em .75em}
.fb footer{margin-top:1.25em;border-top:1px solid var(--bd);padding-top:.75em}
.fb summary{transition:color .15s}
.fb summary:hover{color:var(--a)}
.fb.cp{padding:clamp(.75em,4%,1.25em);font-size:calc(var(--factbox-font-size,16px)*.9375);line-height:1.4;max-width:var(--factbox-max-width,calc(40*var(--factbox-font-size,16px)))}
.cp h1,.cp h2{font-size:1.44em}
.cp h2.s,.cp h3{margin:.75em 0 .3em;font-size:.8em;text-transform:uppercase;letter-spacing:.06em}
.cp h1+p,.cp h2+p{margin-top:.25em}
.fb ul.g{display:grid;gap:.5em;grid-template-columns:repeat(auto-fit,minmax(12.5em,1fr));list-style:none;margin:0}
.fb .g .fi{padding:.35em .65em}
.fb .g p{margin:0;font-size:.875em;line-height:1.35}
.fb .g .v{display:block;font-size:1.25em;font-weight:700;line-height:1.2;margin-bottom:.15em;color:var(--fg)}
.fb .g .v .sm{font-size:.7em;font-weight:600;color:var(--fg);white-space:normal}
.fb .g .sm{font-size:.9em;white-space:nowrap}
.fb .tg{display:inline-block;margin-left:.4em;padding:0 .5em;border:1px solid currentColor;border-radius:1em;background:var(--hl);font-size:.55em;font-weight:700;line-height:1.6;text-transform:uppercase;letter-spacing:.05em;vertical-align:.3em}
.cp details{padding:.15em 0}
.cp .ld,.cp .rm,.cp .rm>summary{display:inline;margin:0}
.cp .rm>summary{color:var(--a);white-space:nowrap}.cp .rm>summary::after{content:" ›"/""}
.cp .rm[open]{display:block}
.cp summary{min-height:24px;padding:.1em 0}
.cp details[open]>summary{margin-bottom:.35em}
.cp .rm{border:0}
.cp section details{padding:.25em 0;line-height:1.35}
.cp section details:last-child{border-bottom:1px solid var(--bd)}
.cp summary .sm{display:block;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.cp details[open]>summary .sm{white-space:normal}
.cp #corrections{background:var(--hl);border-radius:6px;padding:0 .5em;color:var(--fg)}
.cp footer{margin-top:.6em;padding-top:.3em}
.cp .ft{display:flex;flex-wrap:wrap;align-items:center;gap:.15em 1.25em}
.cp .ft details{border:0}
.cp .ft details[open]{flex-basis:100%}
.cp .ft details>:not(summary){font-size:1.143em;color:var(--fg)}
.cp footer>p{margin:.3em 0 0}
/* "Report an error" (FactBox.tsx): a flag drawn here when it has no text, 24px to touch; its form (report.js). */
.fb .rb{display:inline-flex;align-items:center;justify-content:center;min-width:24px;min-height:24px;margin-left:.3em;padding:0 .2em;border:0;border-radius:4px;background:none;color:var(--a);cursor:pointer;text-decoration:underline;text-underline-offset:2px;vertical-align:middle}
.fb .rb:empty{text-decoration:none}
.fb .rb:empty::before{content:"";width:.55em;height:.9em;border-left:2px solid;background:linear-gradient(currentColor,currentColor) 0 0/100% 55% no-repeat}
.fb .rb:hover,.fb .rb[aria-expanded=true]{background:var(--sf)}
.fb :is(.rb,button,textarea,input):focus-visible{outline:2px solid var(--a);outline-offset:2px}
.fb .g li:has(.rf){grid-column:1/-1}
.fb .rf{display:grid;gap:.35em;margin:.5em 0;padding:.75em;border:1px solid var(--bd);border-radius:6px;background:var(--bg);color:var(--fg);font-size:var(--factbox-font-size,16px);line-height:1.4;text-align:start;white-space:normal}
.fb .rf{grid-template-columns:minmax(0,1fr)}
.fb .rf p{margin:0;font-size:1em;line-height:1.4;white-space:normal}
.fb .rf p.sm{font-size:.875em;white-space:normal}
.fb .rf label{font-weight:600}
.fb .rf :is(textarea,input){width:100%;padding:.4em .5em;border:1px solid var(--mu);border-radius:4px;background:var(--bg);color:var(--fg)}
.fb .rf textarea{min-height:6em;resize:vertical}
.fb .rf [aria-invalid=true]{border-color:#b3261e;border-width:2px}
.fb .rf .er{color:#b3261e;font-weight:600}
.fb[data-theme=dark] .rf :is(.er,[aria-invalid=true]){color:#f2b8b5;border-color:#f2b8b5}
@media (prefers-color-scheme:dark){.fb[data-theme=auto] .rf :is(.er,[aria-invalid=true]){color:#f2b8b5;border-color:#f2b8b5}}
.fb .rf .hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.fb .rf .bt{display:flex;flex-wrap:wrap;gap:.5em;margin-top:.25em}
.fb .rf .bt button{min-height:32px;padding:.3em .9em;border:1px solid var(--a);border-radius:4px;background:var(--bg);color:var(--a);font-weight:600;cursor:pointer}
.fb .rf .bt .sb{background:var(--a);color:var(--bg)}
.fb .rf button:disabled{opacity:.6;cursor:progress}
@media print{.fb .rb,.fb .rf{display:none}}
@media print{.fb details{flex-basis:100%!important}.fb summary{list-style:none;margin-left:0}}
@media print{.fb details::details-content{content-visibility:visible}}
@media (prefers-reduced-motion:reduce){.fb *{transition:none!important;animation:none!important}}
/* Every text a box shows is bidi-isolated: a right-to-left override in one field ends with it. */
.fb :is(h1,h2,h3,p,li,dt,dd,b,span,a,time,summary,blockquote){unicode-bidi:isolate}
`;

/**
 * For the Shadow DOM: the host element keeps the host page's own sizing (width, margins, a
 * reserved min-height), but stays a block, visible, and contained: nothing the box paints
 * (a stack of combining marks, say) reaches outside its rectangle. `!important` in a shadow
 * tree's :host rule beats the host page's own `!important`.
 */
export const SHADOW_CSS = `:host{display:block!important;visibility:visible!important;contain:content!important;opacity:1!important;filter:none!important;transform:none!important;clip-path:none!important;mask:none!important}${BOX_CSS}`;
