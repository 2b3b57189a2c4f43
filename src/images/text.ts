/**
 * Text widths from the font's own advance widths: the same DejaVu Sans files resvg draws with
 * (svg.ts), so layouts know how wide each label is. Kerning is ignored; checked against resvg's
 * bounding boxes, these widths are 1–5 % wider than the ink drawn, never narrower, so label boxes
 * are safe. Used by the map and the timeline.
 */
import { readFileSync } from 'node:fs';
import { FONT_FILES } from './svg.ts';

export type Weight = 'normal' | 'bold';

interface FontMetrics {
  unitsPerEm: number;
  advance(codePoint: number): number;
}

function parseFont(buf: Buffer): FontMetrics {
  const tables = new Map<string, number>();
  const numTables = buf.readUInt16BE(4);
  for (let i = 0; i < numTables; i++) {
    const record = 12 + 16 * i;
    tables.set(buf.toString('latin1', record, record + 4), buf.readUInt32BE(record + 8));
  }
  const table = (tag: string): number => {
    const offset = tables.get(tag);
    if (offset === undefined) throw new Error(`font has no ${tag} table`);
    return offset;
  };
  const unitsPerEm = buf.readUInt16BE(table('head') + 18);
  const numberOfHMetrics = buf.readUInt16BE(table('hhea') + 34);
  const hmtx = table('hmtx');
  const cmap = table('cmap');
  let glyphOf: (cp: number) => number = () => 0;
  const subtables = new Map<string, number>();
  for (let i = 0; i < buf.readUInt16BE(cmap + 2); i++) {
    const record = cmap + 4 + 8 * i;
    subtables.set(`${buf.readUInt16BE(record)}/${buf.readUInt16BE(record + 2)}`, cmap + buf.readUInt32BE(record + 4));
  }
  const full = subtables.get('3/10');
  const bmp = subtables.get('3/1');
  if (full !== undefined && buf.readUInt16BE(full) === 12) {
    const groups = buf.readUInt32BE(full + 12);
    glyphOf = (cp) => {
      for (let g = 0; g < groups; g++) {
        const at = full + 16 + 12 * g;
        const start = buf.readUInt32BE(at);
        if (cp >= start && cp <= buf.readUInt32BE(at + 4)) return buf.readUInt32BE(at + 8) + cp - start;
      }
      return 0;
    };
  } else if (bmp !== undefined && buf.readUInt16BE(bmp) === 4) {
    const segCount = buf.readUInt16BE(bmp + 6) / 2;
    const ends = bmp + 14;
    const starts = ends + 2 * segCount + 2;
    const deltas = starts + 2 * segCount;
    const rangeOffsets = deltas + 2 * segCount;
    glyphOf = (cp) => {
      for (let i = 0; i < segCount; i++) {
        if (cp > buf.readUInt16BE(ends + 2 * i)) continue;
        const start = buf.readUInt16BE(starts + 2 * i);
        if (cp < start) return 0;
        const delta = buf.readInt16BE(deltas + 2 * i);
        const rangeOffset = buf.readUInt16BE(rangeOffsets + 2 * i);
        if (rangeOffset === 0) return (cp + delta) & 0xffff;
        const glyph = buf.readUInt16BE(rangeOffsets + 2 * i + rangeOffset + 2 * (cp - start));
        return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
      }
      return 0;
    };
  }
  const cache = new Map<number, number>();
  return {
    unitsPerEm,
    advance(cp) {
      let width = cache.get(cp);
      if (width === undefined) {
        const glyph = glyphOf(cp);
        width = buf.readUInt16BE(hmtx + 4 * Math.min(glyph, numberOfHMetrics - 1));
        cache.set(cp, width);
      }
      return width;
    },
  };
}

let fonts: Record<Weight, FontMetrics> | undefined;

/** The width in pixels of `text` set in DejaVu Sans at `size` px. */
export function textWidth(text: string, size: number, weight: Weight = 'normal'): number {
  fonts ??= { normal: parseFont(readFileSync(FONT_FILES[0]!)), bold: parseFont(readFileSync(FONT_FILES[1]!)) };
  const font = fonts[weight];
  let units = 0;
  for (const ch of text) units += font.advance(ch.codePointAt(0)!);
  return (units / font.unitsPerEm) * size;
}

