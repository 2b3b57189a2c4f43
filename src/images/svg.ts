/**
 * SVG to PNG, the same on every machine: resvg (a Rust renderer, prebuilt for each platform by
 * npm) with one bundled open font, DejaVu Sans (npm package dejavu-fonts-ttf), and never the
 * system's fonts. Every image the bot draws goes through here.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Resvg as ResvgClass } from '@resvg/resvg-js';

const require = createRequire(import.meta.url);
const fontDir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

/** The font every image uses, by the family name SVG text asks for. */
export const FONT_FAMILY = 'DejaVu Sans';
export const FONT_FILES = [join(fontDir, 'DejaVuSans.ttf'), join(fontDir, 'DejaVuSans-Bold.ttf')];

/** Renders an SVG document to PNG bytes at the SVG's own width and height. */
export function svgToPng(svg: string): Buffer {
  // The native renderer loads on the first drawing (about 25 ms), not at every start-up.
  const { Resvg } = require('@resvg/resvg-js') as { Resvg: typeof ResvgClass };
  const resvg = new Resvg(svg, {
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
    shapeRendering: 2,
    textRendering: 1,
  });
  return Buffer.from(resvg.render().asPng());
}

/** Text safe inside SVG markup. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** A rendered image of an answer: PNG bytes, its size, and alt text that says what it shows. */
export interface RenderedImage {
  /** File name, e.g. "members-map.png"; Discord embeds refer to it as attachment://name. */
  name: string;
  png: Buffer;
  width: number;
  height: number;
  alt: string;
}
