/**
 * The members map (src/images/map.ts), with the real corpus and the fixture corpus: the PNG
 * decodes at its size; every member shows its status colour, and Israel its colour, at the pixel
 * the test projects itself (d3-geo with the exported projection, over the atlas read here); a
 * non-member's centroid shows no member colour; the alt text names every member and the as-of
 * date; two drawings are the same bytes.
 */
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { geoContains, geoPath, type GeoProjection } from 'd3-geo';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { PNG } from 'pngjs';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Corpus } from '../src/corpus/model.ts';
import { loadCorpus } from '../src/corpus/load.ts';
import {
  ATLAS_NAMES,
  CANDIDATE_COLOR,
  ISRAEL,
  ISRAEL_COLOR,
  LAND_COLOR,
  MAP_HEIGHT,
  MAP_WIDTH,
  MARKER_RADIUS,
  MEMBER_STATUS_COLORS,
  mapProjection,
  renderMembersMap,
  type MapState,
  type MembersMap,
} from '../src/images/map.ts';
import { projectRoot } from '../src/paths.ts';
import { FIXTURE_CORPUS, brokenJson } from './helpers/app.ts';

type Country = Feature<Polygon | MultiPolygon, { name: string }>;
type RGB = [number, number, number];

// The atlas, read here rather than through map.ts, so the centroids are the test's own.
const requireHere = createRequire(import.meta.url);
const topology = JSON.parse(readFileSync(requireHere.resolve('world-atlas/countries-50m.json'), 'utf8')) as Topology<{
  countries: GeometryCollection<{ name: string }>;
}>;
const countries = (feature(topology, topology.objects.countries) as FeatureCollection<Polygon | MultiPolygon, { name: string }>).features;
const atlasByName = new Map(countries.map((f) => [f.properties.name, f as Country]));

function country(name: string): Country {
  const found = atlasByName.get(ATLAS_NAMES[name] ?? name);
  if (!found) throw new Error(`no atlas country for "${name}"`);
  return found;
}

/** Profiles of one kind, read from the corpus's passages. */
function profiles(corpus: Corpus, kind: 'member' | 'candidate'): { state: string; status: string; asOf: string }[] {
  return corpus.passages.flatMap((p) => {
    const entry = p.entry as { type?: string; state?: string; status?: string; asOf?: string };
    return p.kind === kind && entry.type === 'profile' ? [{ state: entry.state!, status: entry.status!, asOf: entry.asOf! }] : [];
  });
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const longDate = (iso: string) => `${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;

function rgb(hex: string): RGB {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as RGB;
}

function pixel(png: PNG, [x, y]: [number, number]): RGB {
  const i = (png.width * Math.floor(y) + Math.floor(x)) * 4;
  return [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
}

const distance = (a: RGB, b: RGB) => Math.max(...a.map((v, i) => Math.abs(v - b[i]!)));

/** The largest channel difference allowed for a pixel inside a fill (anti-aliasing never reaches it). */
const TOLERANCE = 3;

function expectColor(png: PNG, at: [number, number], hex: string, what: string): void {
  const seen = pixel(png, at);
  expect(distance(seen, rgb(hex)), `${what}: pixel ${at.map((v) => v.toFixed(1))} is rgb(${seen}), expected ${hex}`).toBeLessThanOrEqual(TOLERANCE);
}

const near = (a: readonly number[], b: readonly number[]) => Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!);

/**
 * Where the test expects a state's colour: its projected centroid, computed here, where the
 * renderer puts a marker and, when the centroid lies well inside the shape, checks the colour.
 * When the renderer chose another point (Israel's centroid falls outside it, Lebanon's is too
 * near an edge), that point is checked to lie inside the state's borders first.
 */
function colourPoint(state: MapState, f: Country, projection: GeoProjection): [number, number] {
  expect(state.centroid, `${state.name} is drawn`).not.toBeNull();
  const centroid = geoPath(projection).centroid(f);
  const chosen = state.centroid!;
  if (state.drawnAs === 'marker') {
    expect(near(chosen, centroid), `${state.name}: its marker is at its centroid`).toBeLessThan(0.05);
    return centroid;
  }
  if (near(chosen, centroid) < 0.05) return centroid;
  expect(geoContains(f, projection.invert!(chosen)!), `${state.name}: the point drawn is inside its borders`).toBe(true);
  return chosen;
}

const corpora = [
  { label: 'real corpus', dir: join(projectRoot, 'corpus') },
  { label: 'fixture corpus', dir: FIXTURE_CORPUS },
];

describe.each(corpora)('members map, $label', ({ dir }) => {
  let corpus: Corpus;
  let image: MembersMap;
  let png: PNG;
  let projection: GeoProjection;
  let members: ReturnType<typeof profiles>;

  beforeAll(() => {
    corpus = loadCorpus(dir);
    image = renderMembersMap(corpus);
    png = PNG.sync.read(image.png);
    projection = mapProjection(MAP_WIDTH, MAP_HEIGHT, corpus);
    members = profiles(corpus, 'member');
  });

  it('is a PNG of the stated size', () => {
    expect(image.name).toBe('members-map.png');
    expect([image.width, image.height]).toEqual([MAP_WIDTH, MAP_HEIGHT]);
    expect([png.width, png.height]).toEqual([image.width, image.height]);
  });

  it('draws every member of the corpus, and only those, in its status colour at its centroid', () => {
    expect(members.length).toBeGreaterThan(0);
    const drawnMembers = image.states.filter((s) => s.role === 'member');
    expect(drawnMembers.map((s) => s.name).sort()).toEqual(members.map((m) => m.state).sort());
    for (const member of members) {
      const state = image.states.find((s) => s.name === member.state)!;
      expect(state.status).toBe(member.status);
      expect(state.color).toBe(MEMBER_STATUS_COLORS[member.status as keyof typeof MEMBER_STATUS_COLORS]);
      expectColor(png, colourPoint(state, country(member.state), projection), state.color, member.state);
    }
  });

  it('draws Bahrain as a marker with a dark outline', () => {
    const bahrain = image.states.find((s) => s.name === 'Bahrain');
    expect(bahrain?.drawnAs).toBe('marker');
    const [x, y] = colourPoint(bahrain!, country('Bahrain'), projection);
    const ring = [-1, -0.5, 0, 0.5].map((d) => pixel(png, [x + MARKER_RADIUS + d, y]));
    expect(Math.min(...ring.map((c) => Math.max(...c)))).toBeLessThan(110);
  });

  it('marks Israel in its own colour', () => {
    const israel = image.states.find((s) => s.role === 'israel');
    expect(israel?.name).toBe(ISRAEL);
    expect(israel?.drawnAs).toBe('shape');
    expectColor(png, colourPoint(israel!, country(ISRAEL), projection), ISRAEL_COLOR, 'Israel');
  });

  it('shades the candidates lightly and shows no member colour at non-members', () => {
    const memberNames = new Set(members.map((m) => m.state));
    const memberColors = [...Object.values(MEMBER_STATUS_COLORS), ISRAEL_COLOR].map(rgb);
    const [[x0, y0], [x1, y1]] = projection.clipExtent()!;
    const inMap = ([x, y]: number[]) => x! > x0 && x! < x1 && y! > y0 && y! < y1;
    let checked = 0;
    for (const name of ['Saudi Arabia', 'Egypt', 'Iran', 'Iraq', 'Turkey', 'Algeria', 'Afghanistan']) {
      if (memberNames.has(name)) continue;
      const f = country(name);
      const centroid = geoPath(projection).centroid(f);
      if (!inMap(centroid) || !geoContains(f, projection.invert!(centroid)!)) continue;
      const seen = pixel(png, centroid);
      for (const color of memberColors) expect(distance(seen, color), `${name} shows a member colour`).toBeGreaterThan(40);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(3);
    const candidates = image.states.filter((s) => s.role === 'candidate' && s.drawnAs === 'shape');
    expect(candidates.length).toBe(profiles(corpus, 'candidate').length - image.states.filter((s) => s.role === 'candidate' && s.drawnAs === 'none').length);
    for (const candidate of candidates) {
      expectColor(png, colourPoint(candidate, country(candidate.name), projection), CANDIDATE_COLOR, candidate.name);
    }
  });

  it('says in its alt text every member, with its status, Israel and the as-of date', () => {
    const newest = members.map((m) => m.asOf).sort().at(-1)!;
    expect(image.alt).toContain(`as of ${longDate(newest)}`);
    expect(image.alt).toContain('Israel');
    for (const member of members) expect(image.alt).toContain(member.state);
    const words = { full_normalization: 'full normalization', declaration_only: 'declaration only', announced_accession: 'accession announced' };
    for (const [status, phrase] of Object.entries(words)) {
      const names = members.filter((m) => m.status === status).map((m) => m.state);
      if (names.length > 0) expect(image.alt).toContain(`${phrase} — ${names.join(', ')}`);
    }
    for (const s of image.states.filter((s) => s.drawnAs === 'none')) expect(image.alt).toContain(s.name);
  });

  it('draws the same bytes every time', () => {
    expect(renderMembersMap(corpus).png.equals(image.png)).toBe(true);
  });
});

describe('members map of a member the atlas has no borders for', () => {
  it('lists it as not drawn, in the legend and the alt text, and still draws the others', () => {
    const dir = brokenJson('members.json', (entries) => {
      const bahrain = entries.find((e) => e.id === 'bahrain')!;
      bahrain.state = 'Sealand';
      bahrain.aliases = [];
    });
    const corpus = loadCorpus(dir);
    rmSync(dir, { recursive: true, force: true });
    const image = renderMembersMap(corpus);
    const sealand = image.states.find((s) => s.name === 'Sealand');
    expect(sealand).toMatchObject({ role: 'member', drawnAs: 'none', centroid: null });
    expect(image.alt).toContain('full normalization — United Arab Emirates, Sealand');
    expect(image.alt).toContain('Not drawn, having no borders in the atlas: Sealand.');
    expect(image.states.find((s) => s.name === 'Kazakhstan')?.drawnAs).toBe('shape');
  });
});

describe('members map colours and names', () => {
  it('uses distinct colours for the statuses, Israel, candidates and other land', () => {
    const strong = [...Object.values(MEMBER_STATUS_COLORS), ISRAEL_COLOR];
    const all = [...strong, CANDIDATE_COLOR, LAND_COLOR];
    for (const a of strong) for (const b of all) if (a !== b) expect(distance(rgb(a), rgb(b)), `${a} vs ${b}`).toBeGreaterThan(60);
    expect(distance(rgb(CANDIDATE_COLOR), rgb(LAND_COLOR))).toBeGreaterThan(30);
    expect(new Set(all).size).toBe(all.length);
  });

  it('maps corpus names only to names the atlas has', () => {
    for (const name of Object.values(ATLAS_NAMES)) expect(atlasByName.has(name), name).toBe(true);
  });
});
