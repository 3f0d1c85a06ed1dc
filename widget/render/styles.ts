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
.fb .tr{fill:var(--bd)}.fb .rg{fill:var(--a)}.fb .mk{fill:var(--bg);stroke:var(--a);stroke-width:2}
.fb svg text{fill:var(--fg);font-size:11px;font-weight:700}
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
@media (prefers-reduced-motion:reduce){.fb *{transition:none!important;animation:none!important}}
`;

/** For the Shadow DOM: the host element itself resists hostile host-page CSS. */
export const SHADOW_CSS = `:host{all:initial!important;display:block!important;visibility:visible!important;contain:content}${BOX_CSS}`;
