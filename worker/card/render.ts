// Draws a share card: satori lays the element tree out (yoga, flexbox) and writes it as SVG with
// the text as outlines, resvg (its wasm build) rasterises the SVG to PNG. Both WebAssembly
// modules are imported as compiled modules (wrangler's default rule for *.wasm): Workers refuse
// to compile WebAssembly from bytes at run time. The fonts are *.bin, wrangler's default Data
// rule, so wrangler.toml needs no [[rules]].
//
// satori is pinned to 0.32.0, the last release without harfbuzzjs: from 0.33 satori loads
// harfbuzz's wasm through an emscripten loader that reads self.location and compiles bytes at
// run time, which fails in workerd ("Cannot read properties of undefined (reading 'href')").
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import resvgWasm from '@resvg/resvg-wasm/index_bg.wasm';
import satori, { init as initSatori, type SatoriOptions } from 'satori/standalone';
import yogaWasm from 'satori/yoga.wasm';
import type { FactBox } from '../../widget/render/box';
import { cardElement, FONT_FAMILY, SIZES, type CardOptions } from './card';
import bold from './fonts/Pretendard-Bold.subset.woff.bin';
import regular from './fonts/Pretendard-Regular.subset.woff.bin';

// One array for the isolate's lifetime: satori keeps the parsed fonts per array.
const FONTS: SatoriOptions['fonts'] = [
  { name: FONT_FAMILY, data: regular, weight: 400, style: 'normal' },
  { name: FONT_FAMILY, data: bold, weight: 700, style: 'normal' },
];

let ready: Promise<void> | null = null;

/** Instantiates both WebAssembly modules once per isolate; a failed start is retried next time. */
function engines(): Promise<void> {
  ready ??= Promise.all([initSatori(yogaWasm), initWasm(resvgWasm)]).then(
    () => undefined,
    (err: unknown) => {
      ready = null;
      throw err;
    },
  );
  return ready;
}

export interface RenderedCard {
  png: Uint8Array<ArrayBuffer>;
  width: number;
  height: number;
}

/** The SVG of a card (text as outlines), at its layout size. */
export async function cardSvg(box: FactBox, options: CardOptions): Promise<string> {
  await engines();
  const size = SIZES[options.variant];
  // satori's types want a React node; a Preact element has the same type/props shape it reads.
  const element = cardElement(box, options) as unknown as Parameters<typeof satori>[0];
  return satori(element, size.height ? { width: size.width, height: size.height, fonts: FONTS } : { width: size.width, fonts: FONTS });
}

/** The PNG of a card: 1200×630 (wide), or 1200 px wide and as tall as its content (tall, 2x). */
export async function renderCard(box: FactBox, options: CardOptions): Promise<RenderedCard> {
  const svg = await cardSvg(box, options);
  const { width, scale } = SIZES[options.variant];
  const resvg = new Resvg(svg, { fitTo: { mode: 'width', value: width * scale }, font: { loadSystemFonts: false } });
  try {
    const image = resvg.render();
    try {
      // asPng copies the pixels out of wasm memory into a new (non-shared) ArrayBuffer.
      return { png: image.asPng() as Uint8Array<ArrayBuffer>, width: image.width, height: image.height };
    } finally {
      image.free();
    }
  } finally {
    resvg.free();
  }
}
