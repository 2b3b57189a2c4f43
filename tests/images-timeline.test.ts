import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PNG } from 'pngjs';
import { loadCorpus } from '../src/corpus/load.ts';
import type { Corpus, CorpusEntry, Passage } from '../src/corpus/model.ts';
import { formatDate } from '../src/engine/answer.ts';
import { projectRoot } from '../src/paths.ts';
import {
  AXIS_START,
  MAX_ABOUT_EVENTS,
  MAX_KEY_EVENTS,
  TIMELINE_WIDTH,
  assignLanes,
  boxesOverlap,
  dayNumber,
  memberRows,
  renderTimeline,
  timeScale,
  timelineSvg,
  type LaneInput,
  type TimelineImage,
} from '../src/images/timeline.ts';
import { FIXTURE_CORPUS } from './helpers/app.ts';

const real = loadCorpus(join(projectRoot, 'corpus'));
const fixture = loadCorpus(FIXTURE_CORPUS);
const corpora: [string, Corpus][] = [['real', real], ['fixture', fixture]];

type Profile = CorpusEntry & { kind: 'members'; type: 'profile' };
function profiles(corpus: Corpus): { passage: Passage; profile: Profile }[] {
  return corpus.passages
    .filter((p) => p.kind === 'member')
    .map((passage) => ({ passage, profile: passage.entry as Profile }))
    .filter(({ profile }) => profile.kind === 'members' && profile.type === 'profile');
}

const cache = new Map<string, TimelineImage>();
function chart(name: string, corpus: Corpus, about?: string): TimelineImage {
  const key = `${name}/${about ?? ''}`;
  let image = cache.get(key);
  if (!image) {
    image = renderTimeline(corpus, about ? { about } : {});
    cache.set(key, image);
  }
  return image;
}

/** Every item drawn comes from the corpus: its passage exists and the date is that passage's. */
function expectItemsFromCorpus(corpus: Corpus, image: TimelineImage): void {
  expect(image.events.length).toBeGreaterThan(0);
  for (const item of image.events) {
    const passage = corpus.passageById.get(item.passageId);
    expect(passage, item.passageId).toBeDefined();
    if (item.kind === 'event') {
      expect(passage!.kind).toBe('event');
      expect(item.date).toBe(passage!.date);
      expect(item.label).toBe(passage!.title);
      expect(dayNumber(item.date)).toBeGreaterThanOrEqual(dayNumber(AXIS_START));
    } else {
      expect(passage!.kind).toBe('member');
      const profile = passage!.entry as Profile;
      expect(item.state).toBe(profile.state);
      if (item.kind === 'announced') expect(item.date).toBe(profile.announced);
      else expect(profile.signed.map((s) => s.date)).toContain(item.date);
    }
    expect(item.x).toBeGreaterThanOrEqual(0);
    expect(item.x).toBeLessThanOrEqual(image.width);
    expect(item.y).toBeGreaterThanOrEqual(0);
    expect(item.y).toBeLessThanOrEqual(image.height);
  }
}

function expectNoOverlaps(image: TimelineImage): void {
  const boxes = image.labels;
  expect(boxes.length).toBeGreaterThan(0);
  for (const box of boxes) {
    expect(box.x, box.text).toBeGreaterThanOrEqual(0);
    expect(box.y, box.text).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, box.text).toBeLessThanOrEqual(image.width);
    expect(box.y + box.height, box.text).toBeLessThanOrEqual(image.height);
  }
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      expect(boxesOverlap(boxes[i]!, boxes[j]!), `"${boxes[i]!.text}" overlaps "${boxes[j]!.text}"`).toBe(false);
    }
  }
}

describe.each(corpora)('timeline chart of the %s corpus', (name, corpus) => {
  const image = chart(name, corpus);

  it('is a PNG of the stated size', () => {
    expect(image.name).toBe('timeline.png');
    const png = PNG.sync.read(image.png);
    expect(png.width).toBe(image.width);
    expect(png.height).toBe(image.height);
    expect(image.width).toBe(TIMELINE_WIDTH);
    expect(image.height).toBeGreaterThan(200);
    expect(image.height).toBeLessThan(1600);
  });

  it('draws only items from the corpus, each with its corpus date', () => {
    expectItemsFromCorpus(corpus, image);
  });

  it("shows every member's announcement and every signing date", () => {
    for (const { passage, profile } of profiles(corpus)) {
      const mine = image.events.filter((e) => e.passageId === passage.id);
      expect(mine.filter((e) => e.kind === 'announced').map((e) => e.date), profile.state).toEqual([profile.announced]);
      expect(mine.filter((e) => e.kind === 'signed').map((e) => e.date).sort(), profile.state).toEqual([...new Set(profile.signed.map((s) => s.date))].sort());
    }
  });

  it('shows only key events: about a member, recorded by its notes on the same day, not a repeat of its dates', () => {
    const events = image.events.filter((e) => e.kind === 'event');
    expect(events.length).toBeLessThanOrEqual(MAX_KEY_EVENTS);
    const memberIds = new Set(profiles(corpus).map((p) => p.passage.id));
    for (const e of events) {
      const passage = corpus.passageById.get(e.passageId)!;
      const members = passage.about.filter((a) => memberIds.has(a));
      const noted = corpus.passages.some(
        (p) => p.kind === 'note' && p.date === e.date && (p.entry as CorpusEntry).kind === 'members' && p.about.some((a) => members.includes(a)),
      );
      expect(noted, e.passageId).toBe(true);
      const repeats = image.events.some((m) => m.kind !== 'event' && m.date === e.date && passage.about.includes(m.passageId));
      expect(repeats, e.passageId).toBe(false);
    }
  });

  it('places every label clear of every other', () => {
    expectNoOverlaps(image);
    expect(image.crossings).toBe(0);
  });

  it('places items left to right in date order', () => {
    const byDate = [...image.events].sort((a, b) => dayNumber(a.date) - dayNumber(b.date));
    for (let i = 1; i < byDate.length; i++) {
      const [a, b] = [byDate[i - 1]!, byDate[i]!];
      if (a.date === b.date) expect(b.x).toBeCloseTo(a.x, 6);
      else expect(b.x, `${a.date} → ${b.date}`).toBeGreaterThan(a.x + 10);
    }
  });

  it('names every member with its dates in the alt text, and the number of other events', () => {
    const n = image.events.filter((e) => e.kind === 'event').length;
    expect(image.alt).toMatch(/^Timeline of the Abraham Accords, \w+ \d{4} to \w+ \d{4}: /);
    for (const { passage, profile } of profiles(corpus)) {
      const entity = corpus.entities.get(passage.id)!;
      expect([entity.name, ...entity.aliases].some((alias) => image.alt.includes(`${alias} announced ${formatDate(profile.announced)}`)), profile.state).toBe(true);
      for (const s of profile.signed) expect(image.alt).toContain(formatDate(s.date));
      if (profile.signed.length === 0) expect(image.alt).toMatch(new RegExp(`announced ${formatDate(profile.announced)}, signing not reported`));
    }
    expect(image.alt).toContain(n ? `${n} other key event` : 'no other key events');
    expect(image.alt.length).toBeLessThanOrEqual(1024);
  });

  it('sets every text in DejaVu Sans at 14 px or more', () => {
    const { svg } = timelineSvg(corpus);
    const texts = [...svg.matchAll(/<text\b[^>]*>/g)].map((m) => m[0]);
    expect(texts.length).toBeGreaterThan(10);
    for (const t of texts) {
      expect(t).toContain('font-family="DejaVu Sans"');
      expect(Number(/font-size="([\d.]+)"/.exec(t)![1])).toBeGreaterThanOrEqual(14);
    }
  });

  it('renders the same bytes twice', () => {
    expect(renderTimeline(corpus).png.equals(image.png)).toBe(true);
  });
});

describe('timeline chart about one entity', () => {
  const cases: [string, string, Corpus][] = [
    ['real', 'uae', real],
    ['real', 'bahrain', real],
    ['real', 'kazakhstan', real],
    ['real', 'saudi-arabia', real],
    ['real', 'benjamin-netanyahu', real],
    ['fixture', 'kazakhstan', fixture],
  ];

  it.each(cases)('%s corpus, about %s: only items about it, from the corpus, labels clear', (name, id, corpus) => {
    const image = chart(name, corpus, id);
    const entity = corpus.entities.get(id)!;
    expect(image.name).toBe(`timeline-${id}.png`);
    const png = PNG.sync.read(image.png);
    expect([png.width, png.height]).toEqual([image.width, image.height]);
    expectItemsFromCorpus(corpus, image);
    for (const e of image.events) {
      expect(corpus.passageById.get(e.passageId)!.about, e.passageId).toContain(id);
      if (e.kind !== 'event') expect(e.passageId).toBe(id);
    }
    expect(image.events.filter((e) => e.kind === 'event').length).toBeLessThanOrEqual(MAX_ABOUT_EVENTS);
    expectNoOverlaps(image);
    expect(image.crossings).toBe(0);
    const title = image.labels.find((l) => l.role === 'title')!;
    expect(title.text).toBe(`Abraham Accords timeline: ${entity.name}`);
    expect(image.alt).toContain(`Timeline of the Abraham Accords for ${entity.name}`);
  });

  it("a member state's chart has its own dates and every event about it since 2020 (up to the cap)", () => {
    const image = chart('real', real, 'uae');
    const uae = memberRows(real).find((r) => r.id === 'uae')!;
    expect(image.events.filter((e) => e.kind === 'announced').map((e) => e.date)).toEqual([uae.announced]);
    expect(image.events.filter((e) => e.kind === 'signed').map((e) => e.date)).toEqual(uae.signings.map((s) => s.date));
    const shown = new Set(image.events.map((e) => e.passageId));
    const own = new Set([uae.announced, ...uae.signings.map((s) => s.date)]);
    const expected = real.passages.filter(
      (p) => p.kind === 'event' && p.about.includes('uae') && dayNumber(p.date!) >= dayNumber(AXIS_START) && !own.has(p.date!),
    );
    expect(expected.length).toBeLessThanOrEqual(MAX_ABOUT_EVENTS);
    for (const p of expected) expect(shown.has(p.id), p.id).toBe(true);
  });

  it('shows an announced member with no signing as announced only, in words too', () => {
    const image = chart('real', real, 'kazakhstan');
    expect(image.events.filter((e) => e.passageId === 'kazakhstan').map((e) => e.kind)).toEqual(['announced']);
    expect(image.labels.some((l) => l.role === 'member' && l.text.includes('signing not reported'))).toBe(true);
    expect(image.alt).toContain('signing not reported');
  });

  it('a person has no member rows, only the events about them', () => {
    const image = chart('real', real, 'benjamin-netanyahu');
    expect(image.events.every((e) => e.kind === 'event')).toBe(true);
    expect(image.labels.some((l) => l.role === 'row')).toBe(false);
  });

  it('an entity with no events since 2020 still draws, and says so', () => {
    const image = renderTimeline(real, { about: 'qatar' });
    expect(image.events).toEqual([]);
    expect(PNG.sync.read(image.png).width).toBe(TIMELINE_WIDTH);
    expect(image.labels.find((l) => l.role === 'subtitle')!.text).toMatch(/^No events about Qatar since 2020/);
    expectNoOverlaps(image);
  });

  it('rejects an unknown entity id', () => {
    expect(() => renderTimeline(real, { about: 'atlantis' })).toThrow(/unknown entity id "atlantis"/);
  });
});

describe('timeline layout', () => {
  const item = (x: number, width: number): LaneInput => ({ x, left: x - 2, width });

  it('puts each label in the first lane where it collides with nothing placed', () => {
    // Placed from the right: 600 takes lane 0; 300 (reaching 600) cannot share it, so lane 1;
    // 100 covers the leader of 300 in lane 0 and the label of 300 in lane 1, so lane 2; 900 is free.
    const { lanes, crossings } = assignLanes([item(100, 250), item(300, 400), item(600, 200), item(900, 100)]);
    expect(lanes).toEqual([2, 1, 0, 0]);
    expect(crossings).toBe(0);
    // Far apart: one lane.
    expect(assignLanes([item(0, 90), item(100, 90), item(200, 90)]).lanes).toEqual([0, 0, 0]);
    // The same date twice: stacked on one leader.
    expect(assignLanes([item(100, 200), item(100, 200)]).lanes).toEqual([0, 1]);
  });

  it('never overlaps two labels in a lane, and leaders cross no label when it reports none', () => {
    const items = fc.array(
      fc.record({ x: fc.integer({ min: 0, max: 1000 }), width: fc.integer({ min: 20, max: 400 }), shift: fc.integer({ min: 0, max: 150 }) }),
      { maxLength: 25 },
    );
    fc.assert(
      fc.property(items, (raw) => {
        const input = raw.map(({ x, width, shift }) => ({ x, left: x - 2 - Math.min(shift, width - 4), width }));
        const { lanes, crossings } = assignLanes(input);
        const maxLane = Math.max(-1, ...lanes);
        for (let k = 0; k <= maxLane; k++) expect(lanes.includes(k)).toBe(true); // no empty lane
        for (let i = 0; i < input.length; i++) {
          for (let j = 0; j < input.length; j++) {
            if (i === j) continue;
            const [a, b] = [input[i]!, input[j]!];
            if (lanes[i] === lanes[j]) expect(a.left + a.width <= b.left || b.left + b.width <= a.left).toBe(true);
            // The leader of j runs from the line through the lanes below its own.
            if (crossings === 0 && lanes[i]! < lanes[j]! && a.x !== b.x) expect(a.left < b.x && b.x < a.left + a.width).toBe(false);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the time scale is continuous and increasing, and keeps neighbouring dates apart', () => {
    const start = dayNumber('2020-01-01');
    const end = dayNumber('2026-03-01');
    const items = ['2020-08-13', '2020-09-11', '2020-09-15', '2021-01-06', '2025-11-06'].map(dayNumber);
    const scale = timeScale(start, end, items, 100, 1100);
    expect(scale(start)).toBeCloseTo(100);
    expect(scale(end)).toBeCloseTo(1100);
    let previous = -Infinity;
    for (let d = start; d <= end; d += 3) {
      expect(scale(d)).toBeGreaterThan(previous);
      previous = scale(d);
    }
    // Four days apart, yet at least 0.6 × 1000 / 6 px apart.
    expect(scale(dayNumber('2020-09-15')) - scale(dayNumber('2020-09-11'))).toBeGreaterThanOrEqual(100);
  });
});
