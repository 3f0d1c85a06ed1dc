// What embed.js loads only when a page needs it, as an ES module (import(), which a host CSP that
// allows the Factbox origin's scripts allows, and which Trusted Types do not guard): the
// <fact-box> element, opening the part of a box a URL fragment names, and the claims data-seo
// adds to the host page. embed.js stays within
// its 8 KB budget by not carrying them. Built by scripts/build.mjs and served, immutable, at
// /more.<hash>.js.
export { addClaims } from './claims';
export { defineFactBox } from './fact-box';
export { reveal } from './render/disclosure';
