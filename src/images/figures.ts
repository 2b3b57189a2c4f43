/**
 * The images that go with answers (engine/answer.ts `Figure`), drawn from the corpus the answer came
 * from and kept per corpus: a reload brings a new corpus object, so new images, and the old ones go
 * with the old corpus (a WeakMap). The first drawing of each takes about a hundred milliseconds,
 * every later one is a map look-up (bench/results.md).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Corpus } from '../corpus/model.ts';
import type { Answer, Figure } from '../engine/answer.ts';
import { log } from '../log.ts';
import { renderMembersMap } from './map.ts';
import type { RenderedImage } from './svg.ts';
import { renderTimeline } from './timeline.ts';

const drawn = new WeakMap<Corpus, Map<string, RenderedImage>>();

function keyOf(figure: Figure): string {
  return figure.kind === 'timeline' ? `timeline:${figure.about ?? ''}` : figure.kind;
}

/** One figure of `corpus`, drawn the first time it is asked for. */
export function renderFigure(corpus: Corpus, figure: Figure): RenderedImage {
  let cache = drawn.get(corpus);
  if (!cache) {
    cache = new Map();
    drawn.set(corpus, cache);
  }
  const key = keyOf(figure);
  let image = cache.get(key);
  if (!image) {
    image = figure.kind === 'members-map' ? renderMembersMap(corpus) : renderTimeline(corpus, { about: figure.about });
    cache.set(key, image);
  }
  return image;
}

/**
 * The images of an answer. A figure that cannot be drawn is logged and left out: the answer's text
 * is complete without it.
 */
export function imagesOf(corpus: Corpus, answer: Answer): RenderedImage[] {
  const images: RenderedImage[] = [];
  for (const figure of answer.figures ?? []) {
    try {
      images.push(renderFigure(corpus, figure));
    } catch (error) {
      log.error({ err: error, figure: keyOf(figure) }, 'could not draw a figure; the answer goes without it');
    }
  }
  return images;
}

/** Writes images into `dir` (created if needed); returns their paths. */
export function writeImages(images: RenderedImage[], dir: string): string[] {
  if (images.length === 0) return [];
  mkdirSync(dir, { recursive: true });
  return images.map((image) => {
    const path = join(dir, image.name);
    writeFileSync(path, image.png);
    return path;
  });
}
