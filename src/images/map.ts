/**
 * The members map (issue 15): which states have joined the Abraham Accords and with what status,
 * Israel, and the candidates and non-members people often ask about, drawn from the validated
 * corpus only. Members and candidates are read from the corpus (`member` and `candidate` profile
 * passages); the only hand-written geography here is Israel's name (the other party of every
 * accord, not a corpus member) and a small table from a corpus state name to the atlas's name
 * where they differ (none differ today).
 *
 * Borders are Natural Earth's admin-0 countries at 1:50m (npm world-atlas 2, Natural Earth 4.1),
 * drawn exactly as they are there, vertex by vertex, in the atlas's order, never simplified or
 * edited. Natural Earth 4.1 draws Western Sahara as it is administered: its "Morocco" feature
 * runs down the coast to Mauritania, and "W. Sahara" is the strip east of the Moroccan berm. The
 * map keeps that, and its credit line says the borders are not an endorsement. A state too small
 * to see at this scale (projected area under MARKER_MAX_AREA px², Bahrain today) also gets a
 * circle marker in its colour at its centroid.
 *
 * The projection is Mercator, fitted to the members, Israel and the candidates near them, so the
 * frame follows the corpus (Morocco in the west to Kazakhstan in the east today); a candidate far
 * from all of them (Indonesia today) is named in the legend as outside the map rather than
 * shrinking everything else. Edges are straight lines between the projected vertices (Natural
 * Earth's vertices are dense, and its straight borders follow parallels, which Mercator keeps
 * straight), so the projection's adaptive resampling is off.
 *
 * Cost: the atlas is parsed once per process (about a third of the first drawing's time); a
 * drawing projects only the countries in its frame. See renderMembersMap for the times.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { geoMercator, type GeoProjection } from 'd3-geo';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Corpus, Passage } from '../corpus/model.ts';
import type { CandidateProfile, MemberProfile } from '../corpus/schema.ts';
import { textWidth as measureText } from './text.ts';
import { FONT_FAMILY, escapeXml, svgToPng, type RenderedImage } from './svg.ts';

export const MAP_WIDTH = 1200;
export const MAP_HEIGHT = 600;
export const MAP_FILE_NAME = 'members-map.png';

export type MemberStatus = MemberProfile['status'];
export type CandidateStatus = CandidateProfile['status'];

/** Member colours by status: Okabe–Ito colours, told apart with every common colour-vision deficiency. */
export const FULL_NORMALIZATION_COLOR = '#0072B2'; // blue
export const DECLARATION_ONLY_COLOR = '#E69F00'; // orange
export const ANNOUNCED_ACCESSION_COLOR = '#009E73'; // bluish green
export const MEMBER_STATUS_COLORS: Readonly<Record<MemberStatus, string>> = {
  full_normalization: FULL_NORMALIZATION_COLOR,
  declaration_only: DECLARATION_ONLY_COLOR,
  announced_accession: ANNOUNCED_ACCESSION_COLOR,
};
/** Israel: Okabe–Ito vermillion, with a label. */
export const ISRAEL_COLOR = '#D55E00';
/** Candidates and notable non-members: a light sand tint, lighter than the other land. */
export const CANDIDATE_COLOR = '#F3E1AA';
export const LAND_COLOR = '#D0D0D0';
export const WATER_COLOR = '#EAF2F8';
const BORDER_COLOR = '#FFFFFF';
const INK = '#1B1B1B';
const MUTED_INK = '#4A4A4A';

/** Status labels in plain words, as the legend and the alt text say them. */
export const MEMBER_STATUS_LABELS: Readonly<Record<MemberStatus, string>> = {
  full_normalization: 'Full normalization',
  declaration_only: 'Declaration only',
  announced_accession: 'Accession announced',
};
const CANDIDATE_STATUS_WORDS: Readonly<Record<CandidateStatus, string>> = {
  not_member: 'not a member',
  declared_intent: 'declared intent',
  in_talks: 'in talks',
  declined: 'declined',
};
const CANDIDATES_LABEL = 'Candidates and non-members often asked about';

/** A state whose projected area is under this many px² also gets a marker. */
export const MARKER_MAX_AREA = 40;
export const MARKER_RADIUS = 7;

export const ISRAEL = 'Israel';

/**
 * Corpus state name → Natural Earth (world-atlas 50m) name, where they differ. Every member and
 * candidate of the corpus today, and Israel, has the same name in the atlas (Somaliland and
 * Kosovo included); these are the usual differences, each checked against the atlas. A state is
 * also looked up by its corpus aliases.
 */
export const ATLAS_NAMES: Readonly<Record<string, string>> = {
  'Western Sahara': 'W. Sahara',
  'Northern Cyprus': 'N. Cyprus',
  'South Sudan': 'S. Sudan',
  'Palestinian territories': 'Palestine',
  'State of Palestine': 'Palestine',
  'Bosnia and Herzegovina': 'Bosnia and Herz.',
  'Central African Republic': 'Central African Rep.',
  'Democratic Republic of the Congo': 'Dem. Rep. Congo',
  'Equatorial Guinea': 'Eq. Guinea',
  'United States': 'United States of America',
};

export interface MapState {
  name: string;
  /** The corpus status (`full_normalization`, `declined`, …); "israel" for Israel. */
  status: string;
  role: 'member' | 'israel' | 'candidate' | 'other';
  color: string;
  /**
   * The projected pixel where the state's colour shows: for a shape, its centroid
   * (geoPath(mapProjection(…)).centroid) when that lies inside the shape, otherwise the interior
   * point farthest from its edges (Israel's centroid falls outside it); for a marker, the
   * marker's centre, its centroid. Null when the state is not drawn.
   */
  centroid: [number, number] | null;
  /** 'none': no borders in the atlas, or outside the map's frame; the legend names it instead. */
  drawnAs: 'shape' | 'marker' | 'none';
}

export type MembersMap = RenderedImage & { states: MapState[] };

// ---------------------------------------------------------------------------------------------
// The atlas, parsed once per process: each arc (a run of border shared by up to two countries)
// decoded once to longitudes and latitudes, and each country's rings as lists of arcs. A drawing
// projects only the arcs of the countries in its frame, each arc once.

type Countries = Topology<{ countries: GeometryCollection<{ name: string }> }>;
/** Longitude and latitude extremes: [west, south, east, north]. */
type LonLatBox = [number, number, number, number];

interface AtlasCountry {
  name: string;
  box: LonLatBox;
  /** Rings, each a list of arc indices (~i: arc i reversed), as in TopoJSON. */
  rings: number[][];
  ringBoxes: LonLatBox[];
}

interface Atlas {
  /** Each arc's positions, longitude and latitude interleaved. */
  arcs: Float64Array[];
  /** In the atlas's order, the drawing order. */
  countries: AtlasCountry[];
  byName: Map<string, AtlasCountry>;
}

const requireHere = createRequire(import.meta.url);
let atlasCache: Atlas | undefined;

function atlas(): Atlas {
  if (atlasCache) return atlasCache;
  const topology = JSON.parse(readFileSync(requireHere.resolve('world-atlas/countries-50m.json'), 'utf8')) as Countries;
  const arcs = decodeArcs(topology);
  const arcBoxes = arcs.map((arc) => {
    const box: LonLatBox = [Infinity, Infinity, -Infinity, -Infinity];
    for (let k = 0; k < arc.length; k += 2) {
      const lon = arc[k]!;
      const lat = arc[k + 1]!;
      if (lon < box[0]) box[0] = lon;
      if (lat < box[1]) box[1] = lat;
      if (lon > box[2]) box[2] = lon;
      if (lat > box[3]) box[3] = lat;
    }
    return box;
  });
  const countries: AtlasCountry[] = [];
  const byName = new Map<string, AtlasCountry>();
  for (const geometry of topology.objects.countries.geometries) {
    if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') continue;
    const rings = geometry.type === 'Polygon' ? geometry.arcs : geometry.arcs.flat();
    const ringBoxes = rings.map((ring) => unionBox(ring.map((index) => arcBoxes[index < 0 ? ~index : index]!)));
    const country: AtlasCountry = { name: geometry.properties!.name, box: unionBox(ringBoxes), rings, ringBoxes };
    countries.push(country);
    byName.set(fold(country.name), country);
  }
  atlasCache = { arcs, countries, byName };
  return atlasCache;
}

function unionBox(boxes: readonly LonLatBox[]): LonLatBox {
  const box: LonLatBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [w, s, e, n] of boxes) {
    box[0] = Math.min(box[0], w); box[1] = Math.min(box[1], s); box[2] = Math.max(box[2], e); box[3] = Math.max(box[3], n);
  }
  return box;
}

const boxesMeet = (a: LonLatBox, b: LonLatBox) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

/** Arc positions in degrees: quantized arcs are delta-encoded and scaled by the topology's transform. */
function decodeArcs(topology: Countries): Float64Array[] {
  const [sx, sy] = topology.transform?.scale ?? [1, 1];
  const [tx, ty] = topology.transform?.translate ?? [0, 0];
  const delta = topology.transform !== undefined;
  return topology.arcs.map((arc) => {
    const out = new Float64Array(arc.length * 2);
    let x = 0;
    let y = 0;
    for (let k = 0; k < arc.length; k++) {
      const position = arc[k]!;
      if (delta) { x += position[0]!; y += position[1]!; } else { x = position[0]!; y = position[1]!; }
      out[2 * k] = x * sx + tx;
      out[2 * k + 1] = y * sy + ty;
    }
    return out;
  });
}

function fold(name: string): string {
  return name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
}

/** The atlas country of a corpus state: through ATLAS_NAMES, then its name, then its aliases. */
function atlasCountry(name: string, aliases: readonly string[] = []): AtlasCountry | undefined {
  const { byName } = atlas();
  for (const candidate of [name, ...aliases]) {
    const found = byName.get(fold(ATLAS_NAMES[candidate] ?? candidate));
    if (found) return found;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// What the corpus says.

interface Tracked {
  name: string;
  status: string;
  role: 'member' | 'israel' | 'candidate';
  color: string;
  asOf?: string;
  country?: AtlasCountry;
}

function isMemberProfile(entry: Passage['entry']): entry is { kind: 'members' } & MemberProfile {
  return 'kind' in entry && entry.kind === 'members' && entry.type === 'profile';
}

function isCandidateProfile(entry: Passage['entry']): entry is { kind: 'candidates' } & CandidateProfile {
  return 'kind' in entry && entry.kind === 'candidates' && entry.type === 'profile';
}

/** Members in corpus order, then Israel, then candidates in corpus order. */
function trackedStates(corpus: Corpus): Tracked[] {
  const members: Tracked[] = [];
  const candidates: Tracked[] = [];
  for (const passage of corpus.passages) {
    const entry = passage.entry;
    if (passage.kind === 'member' && isMemberProfile(entry)) {
      members.push({
        name: entry.state, status: entry.status, role: 'member', color: MEMBER_STATUS_COLORS[entry.status],
        asOf: entry.asOf, country: atlasCountry(entry.state, entry.aliases),
      });
    } else if (passage.kind === 'candidate' && isCandidateProfile(entry)) {
      candidates.push({ name: entry.state, status: entry.status, role: 'candidate', color: CANDIDATE_COLOR, country: atlasCountry(entry.state, entry.aliases) });
    }
  }
  const taken = new Set(members.map((m) => fold(m.name)));
  const israel: Tracked[] = taken.has(fold(ISRAEL)) ? [] : [{ name: ISRAEL, status: 'israel', role: 'israel', color: ISRAEL_COLOR, country: atlasCountry(ISRAEL) }];
  taken.add(fold(ISRAEL));
  return [...members, ...israel, ...candidates.filter((c) => !taken.has(fold(c.name)))];
}

/** The newest `asOf` of the members, as "6 January 2026". */
function newestAsOf(states: readonly Tracked[]): string | undefined {
  const newest = states.flatMap((s) => (s.role === 'member' && s.asOf ? [s.asOf] : [])).sort().at(-1);
  return newest ? formatDay(newest) : undefined;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function formatDay(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS[(m ?? 1) - 1]} ${y}`;
}

// ---------------------------------------------------------------------------------------------
// Layout and projection.

interface Rect { x0: number; y0: number; x1: number; y1: number }

/** Title band on top, credit line at the bottom, legend panel on the right, the map in between. */
function layout(width: number, height: number): { map: Rect; panel: Rect; header: number } {
  const header = Math.round(height * 0.1);
  const footer = Math.round(height * 0.05);
  const panelWidth = Math.round(width * 0.265);
  return {
    map: { x0: 0, y0: header, x1: width - panelWidth, y1: height - footer },
    panel: { x0: width - panelWidth, y0: header, x1: width, y1: height - footer },
    header,
  };
}

const FIT_PADDING = 18;
/** How far (degrees) beyond the box of the members and Israel a candidate's box may reach and still be framed. */
const CANDIDATE_FRAME_MARGIN = 10;
/** The frame without a corpus (or with no member in the atlas): Morocco to Kazakhstan, Sudan to the Caspian's north. */
const DEFAULT_FRAME: LonLatBox = [-17, 8, 88, 56];

/** The lon/lat box the map is fitted to: members, Israel, and the candidates whose box lies near them. */
function frameOf(states: readonly Tracked[]): LonLatBox {
  const usable = (s: Tracked) => s.country !== undefined && s.country.box[2] - s.country.box[0] <= 180; // not across the antimeridian
  const core = states.filter((s) => s.role !== 'candidate' && usable(s));
  if (core.length === 0) return DEFAULT_FRAME;
  const [w, s, e, n] = unionBox(core.map((c) => c.country!.box));
  const m = CANDIDATE_FRAME_MARGIN;
  const near = states.filter((c) => {
    if (c.role !== 'candidate' || !usable(c)) return false;
    const [cw, cs, ce, cn] = c.country!.box;
    return cw >= w - m && ce <= e + m && cs >= s - m && cn <= n + m;
  });
  return unionBox([[w, s, e, n], ...near.map((c) => c.country!.box)]);
}

/**
 * The projection of the map drawn at width × height: Mercator fitted (fitExtent, with padding) to
 * the box of the corpus's members, Israel and the candidates near them, clipped to the map's area
 * (the image less its title band, credit line and legend panel). Without a corpus, a fixed frame
 * from Morocco to Kazakhstan. Tests pass the corpus to project centroids as the renderer does.
 */
export function mapProjection(width: number = MAP_WIDTH, height: number = MAP_HEIGHT, corpus?: Corpus): GeoProjection {
  return projectionFor(width, height, corpus ? frameOf(trackedStates(corpus)) : DEFAULT_FRAME);
}

function projectionFor(width: number, height: number, [w, s, e, n]: LonLatBox): GeoProjection {
  const { map } = layout(width, height);
  // Mercator draws a lon/lat box as a rectangle, so fitting its corners fits the box.
  return geoMercator()
    .precision(0)
    .fitExtent([[map.x0 + FIT_PADDING, map.y0 + FIT_PADDING], [map.x1 - FIT_PADDING, map.y1 - FIT_PADDING]], { type: 'MultiPoint', coordinates: [[w, s], [e, n]] })
    .clipExtent([[map.x0, map.y0], [map.x1, map.y1]]);
}

// ---------------------------------------------------------------------------------------------
// Geometry in pixels.

type Point = [number, number];
type Ring = Point[];

/**
 * A country's rings in pixels, clipped to `clip` when it is given (rings wholly outside `frame`
 * are left out): each ring joins its arcs, the first point of each arc after the first being the
 * last of the one before, as TopoJSON does. `projectArc` gives an arc's pixels.
 */
function pixelRings(country: AtlasCountry, projectArc: (index: number) => Float64Array, frame: LonLatBox, clip: Rect | undefined): Ring[] {
  const rings: Ring[] = [];
  for (const [r, arcList] of country.rings.entries()) {
    if (clip && !boxesMeet(country.ringBoxes[r]!, frame)) continue;
    let ring: Ring = [];
    for (const index of arcList) {
      const arc = projectArc(index < 0 ? ~index : index);
      const n = arc.length / 2;
      for (let k = ring.length === 0 ? 0 : 1; k < n; k++) {
        const j = index < 0 ? n - 1 - k : k;
        ring.push([arc[2 * j]!, arc[2 * j + 1]!]);
      }
    }
    if (clip) ring = clipRing(ring, clip);
    if (ring.length >= 3) rings.push(ring);
  }
  return rings;
}

/** The centroid of pixel rings as d3's geoPath computes it: area-weighted, holes subtracted. */
function ringsCentroid(rings: readonly Ring[]): Point {
  let x = 0;
  let y = 0;
  let z = 0;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const x0 = ring[j]![0];
      const y0 = ring[j]![1];
      const x1 = ring[i]![0];
      const y1 = ring[i]![1];
      const cross = x0 * y1 - x1 * y0;
      x += cross * (x0 + x1);
      y += cross * (y0 + y1);
      z += cross * 3;
    }
  }
  return [x / z, y / z];
}

/** Sutherland–Hodgman: a ring clipped to a rectangle (even-odd fill hides the seams along its edges). */
function clipRing(ring: Ring, r: Rect): Ring {
  const sides: [(p: Point) => boolean, (a: Point, b: Point) => Point][] = [
    [(p) => p[0] >= r.x0, (a, b) => [r.x0, a[1] + ((b[1] - a[1]) * (r.x0 - a[0])) / (b[0] - a[0])]],
    [(p) => p[0] <= r.x1, (a, b) => [r.x1, a[1] + ((b[1] - a[1]) * (r.x1 - a[0])) / (b[0] - a[0])]],
    [(p) => p[1] >= r.y0, (a, b) => [a[0] + ((b[0] - a[0]) * (r.y0 - a[1])) / (b[1] - a[1]), r.y0]],
    [(p) => p[1] <= r.y1, (a, b) => [a[0] + ((b[0] - a[0]) * (r.y1 - a[1])) / (b[1] - a[1]), r.y1]],
  ];
  let out = ring;
  for (const [inside, cut] of sides) {
    const input = out;
    out = [];
    let previous = input[input.length - 1];
    for (let i = 0; i < input.length; i++) {
      const current = input[i]!;
      if (inside(current)) {
        if (previous && !inside(previous)) out.push(cut(previous, current));
        out.push(current);
      } else if (previous && inside(previous)) out.push(cut(previous, current));
      previous = current;
    }
    if (out.length === 0) break;
  }
  return out;
}

function insideRings(rings: readonly Ring[], [x, y]: Point): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const xi = ring[i]![0];
      const yi = ring[i]![1];
      const xj = ring[j]![0];
      const yj = ring[j]![1];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

function distanceToRings(rings: readonly Ring[], [x, y]: Point): number {
  let best = Infinity;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const ax = ring[j]![0];
      const ay = ring[j]![1];
      const bx = ring[i]![0];
      const by = ring[i]![1];
      const dx = bx - ax;
      const dy = by - ay;
      const length = dx * dx + dy * dy;
      const t = length === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / length));
      const ex = x - (ax + t * dx);
      const ey = y - (ay + t * dy);
      best = Math.min(best, ex * ex + ey * ey);
    }
  }
  return Math.sqrt(best);
}

function ringsBounds(rings: readonly Ring[]): Rect {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const ring of rings) for (const point of ring) {
    const x = point[0];
    const y = point[1];
    if (x < x0) x0 = x;
    if (y < y0) y0 = y;
    if (x > x1) x1 = x;
    if (y > y1) y1 = y;
  }
  return { x0, y0, x1, y1 };
}

function ringsArea(rings: readonly Ring[]): number {
  let twice = 0;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) twice += ring[j]![0] * ring[i]![1] - ring[i]![0] * ring[j]![1];
  }
  return Math.abs(twice / 2);
}

const overlaps = (a: Rect, b: Rect) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/**
 * SVG path data in tenths of a pixel, as integers (the shapes are drawn under scale(0.1)), points
 * repeated at that precision dropped. `ringsPathData` writes pixel rings; `countryPathData` writes
 * a country straight from its projected arcs, for the many countries that need no rings.
 */
function ringsPathData(rings: readonly Ring[]): string {
  let d = '';
  for (const ring of rings) {
    let lx = NaN;
    let ly = NaN;
    for (let i = 0; i < ring.length; i++) {
      const x = Math.round(ring[i]![0] * 10);
      const y = Math.round(ring[i]![1] * 10);
      if (x === lx && y === ly) continue;
      d += (i === 0 ? 'M' : 'L') + x + ',' + y;
      lx = x;
      ly = y;
    }
    d += 'Z';
  }
  return d;
}

function countryPathData(country: AtlasCountry, projectArc: (index: number) => Float64Array): string {
  let d = '';
  for (const arcList of country.rings) {
    let lx = NaN;
    let ly = NaN;
    for (let a = 0; a < arcList.length; a++) {
      const index = arcList[a]!;
      const arc = projectArc(index < 0 ? ~index : index);
      const n = arc.length / 2;
      for (let k = a === 0 ? 0 : 1; k < n; k++) {
        const j = index < 0 ? n - 1 - k : k;
        const x = Math.round(arc[2 * j]! * 10);
        const y = Math.round(arc[2 * j + 1]! * 10);
        if (x === lx && y === ly) continue;
        d += (a === 0 && k === 0 ? 'M' : 'L') + x + ',' + y;
        lx = x;
        ly = y;
      }
    }
    d += 'Z';
  }
  return d;
}

const num = (v: number) => (Math.round(v * 10) / 10).toString();

/** A point this far from a shape's edges shows the shape's own colour, whatever the anti-aliasing. */
const MIN_EDGE_DISTANCE = 2.5;

/**
 * Where a shape's colour shows: its centroid when that lies inside it at least MIN_EDGE_DISTANCE
 * from an edge, otherwise the inside point farthest from its edges (a coarse grid, then a fine
 * one around the best point).
 */
function visiblePoint(rings: readonly Ring[], centroid: Point): Point | null {
  if (rings.length === 0) return null;
  if (Number.isFinite(centroid[0]) && insideRings(rings, centroid) && distanceToRings(rings, centroid) >= MIN_EDGE_DISTANCE) return centroid;
  const bounds = ringsBounds(rings);
  const best: { point: Point | null; clearance: number } = { point: null, clearance: 0 };
  const search = (x0: number, y0: number, x1: number, y1: number, step: number) => {
    for (let y = y0; y <= y1; y += step) {
      for (let x = x0; x <= x1; x += step) {
        const p: Point = [x, y];
        if (!insideRings(rings, p)) continue;
        const clearance = distanceToRings(rings, p);
        if (clearance > best.clearance) Object.assign(best, { point: p, clearance });
      }
    }
  };
  const coarse = Math.max(1.5, Math.min(bounds.x1 - bounds.x0, bounds.y1 - bounds.y0) / 10);
  search(bounds.x0 + coarse / 2, bounds.y0 + coarse / 2, bounds.x1, bounds.y1, coarse);
  if (best.point) {
    const [bx, by] = best.point;
    search(bx - coarse, by - coarse, bx + coarse, by + coarse, Math.max(0.25, coarse / 6));
  }
  return best.point ?? (Number.isFinite(centroid[0]) ? centroid : null);
}

/** A label's width in pixels (src/images/text.ts). */
function textWidth(text: string, size: number, bold = false): number {
  return measureText(text, size, bold ? 'bold' : 'normal');
}

/** Greedy word wrap to `width` pixels. */
function wrap(text: string, width: number, size: number, bold = false): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, size, bold) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Drawing.

const LABEL_SIZE = 20;
const LABEL_HALO = 3.5;
/** Members' and Israel's shapes under this many px² are kept clear of other states' labels. */
const SMALL_SHAPE_AREA = 800;
const LEGEND_SIZE = 18;
const NOTE_SIZE = 15;

interface Placed { state: Tracked; point: Point; rings: Ring[]; bounds: Rect; area: number; marker: boolean }

function text(x: number, y: number, content: string, size: number, opts: { bold?: boolean; fill?: string; halo?: boolean } = {}): string {
  const attrs = [
    `x="${num(x)}"`, `y="${num(y)}"`, `font-family="${FONT_FAMILY}"`, `font-size="${size}"`,
    opts.bold ? 'font-weight="bold"' : '', `fill="${opts.fill ?? INK}"`,
    opts.halo ? `stroke="#FFFFFF" stroke-width="${LABEL_HALO}" stroke-linejoin="round" paint-order="stroke"` : '',
  ].filter(Boolean);
  return `<text ${attrs.join(' ')}>${escapeXml(content)}</text>`;
}

const pad = (r: Rect, p: number): Rect => ({ x0: r.x0 - p, y0: r.y0 - p, x1: r.x1 + p, y1: r.y1 + p });
const around = ([x, y]: Point, p: number): Rect => ({ x0: x - p, y0: y - p, x1: x + p, y1: y + p });

/**
 * Labels for members and Israel, smallest state first, each tried at a few places inside (for a
 * large shape) or around its shape or marker; a place is taken only if the label stays in the
 * map, clear of other labels, markers, small members' shapes and every drawn state's colour
 * point. A state with no place is named in the legend instead.
 */
function placeLabels(placed: readonly Placed[], map: Rect): { svg: string[]; unlabelled: Set<Tracked> } {
  const obstacles: { rect: Rect; shapeOf?: Placed }[] = [];
  for (const p of placed) {
    obstacles.push({ rect: around(p.point, p.marker ? MARKER_RADIUS + 2 : 5) });
    if (p.state.role !== 'candidate' && p.area < SMALL_SHAPE_AREA) obstacles.push({ rect: pad(p.bounds, 1), shapeOf: p });
  }
  const svg: string[] = [];
  const unlabelled = new Set<Tracked>();
  const labelled = placed.filter((p) => p.state.role !== 'candidate').sort((a, b) => a.area - b.area || a.state.name.localeCompare(b.state.name));
  for (const p of labelled) {
    const w = textWidth(p.state.name, LABEL_SIZE, true) + LABEL_HALO;
    const h = LABEL_SIZE + 2;
    const [cx, cy] = p.point;
    const b = p.marker ? around(p.point, MARKER_RADIUS) : p.bounds;
    const options: { box: Rect; inside: boolean }[] = [];
    const at = (x0: number, y0: number, inside = false) => options.push({ box: { x0, y0, x1: x0 + w, y1: y0 + h }, inside });
    at(cx - w / 2, cy + 9, true); // inside, below the colour point
    at(cx - w / 2, cy - 9 - h, true); // inside, above it
    for (const gap of [5, 14, 26]) {
      at(b.x1 + gap, cy - h / 2); // right
      at(b.x0 - gap - w, cy - h / 2); // left
      at(cx - w / 2, b.y0 - gap - h); // above
      at(cx - w / 2, b.y1 + gap); // below
      at(b.x1 + gap, b.y0 - gap - h + 4); // above right
      at(b.x0 - gap - w, b.y0 - gap - h + 4); // above left
      at(b.x1 + gap, b.y1 + gap - 4); // below right
      at(b.x0 - gap - w, b.y1 + gap - 4); // below left
    }
    const fits = ({ box, inside }: { box: Rect; inside: boolean }) => {
      if (box.x0 < map.x0 + 2 || box.x1 > map.x1 - 2 || box.y0 < map.y0 + 2 || box.y1 > map.y1 - 2) return false;
      if (inside) {
        if (p.marker || box.x0 < b.x0 || box.x1 > b.x1 || box.y0 < b.y0 || box.y1 > b.y1) return false;
        const corners: Point[] = [[box.x0, box.y0], [box.x1, box.y0], [box.x0, box.y1], [box.x1, box.y1]];
        if (!corners.every((c) => insideRings(p.rings, c))) return false;
      }
      return !obstacles.some((o) => o.shapeOf !== p && overlaps(o.rect, box));
    };
    const choice = options.find(fits);
    if (!choice) {
      unlabelled.add(p.state);
      continue;
    }
    obstacles.push({ rect: pad(choice.box, 2) });
    svg.push(text(choice.box.x0 + LABEL_HALO / 2, choice.box.y0 + LABEL_SIZE * 0.93, p.state.name, LABEL_SIZE, { bold: true, halo: true }));
  }
  return { svg, unlabelled };
}

/**
 * Draws the members map of `corpus`: members by status, Israel, the candidates, every other land
 * grey, a legend, the as-of date and the credit line; `states` says where each tracked state's
 * colour shows. About 250 ms the first time in a process on a 2-core machine (70 of them parsing
 * the atlas, 95 in resvg), about 110 ms after; the figure cache draws it once per corpus.
 */
export function renderMembersMap(corpus: Corpus): MembersMap {
  const width = MAP_WIDTH;
  const height = MAP_HEIGHT;
  const { map, panel, header } = layout(width, height);
  const { arcs, countries } = atlas();
  const tracked = trackedStates(corpus);
  const projection = projectionFor(width, height, frameOf(tracked));
  const asOf = newestAsOf(tracked);

  // The countries in the frame (Mercator's frame is a lon/lat box); those wholly inside it need no clipping.
  const [west, north] = projection.invert!([map.x0, map.y0])!;
  const [east, south] = projection.invert!([map.x1, map.y1])!;
  const frame: LonLatBox = [west, south, east, north];
  const colorOf = new Map<AtlasCountry, string>();
  for (const s of tracked) if (s.country && !colorOf.has(s.country)) colorOf.set(s.country, s.color);
  const projectedArcs = new Map<number, Float64Array>();
  const projectArc = (index: number): Float64Array => {
    let pixels = projectedArcs.get(index);
    if (!pixels) {
      const arc = arcs[index]!;
      pixels = new Float64Array(arc.length);
      for (let k = 0; k < arc.length; k += 2) {
        const xy = projection([arc[k]!, arc[k + 1]!])!;
        pixels[k] = xy[0];
        pixels[k + 1] = xy[1];
      }
      projectedArcs.set(index, pixels);
    }
    return pixels;
  };
  const ringsOf = new Map<AtlasCountry, Ring[]>();
  const shapes: string[] = [];
  for (const country of countries) {
    const [w, s, e, n] = country.box;
    if (!boxesMeet(country.box, frame)) continue;
    const inside = w > west && e < east && s > south && n < north;
    const color = colorOf.get(country);
    let d: string;
    if (inside && color === undefined) {
      d = countryPathData(country, projectArc);
    } else {
      const rings = pixelRings(country, projectArc, frame, inside ? undefined : map);
      if (rings.length === 0) continue;
      ringsOf.set(country, rings);
      d = ringsPathData(rings);
    }
    shapes.push(`<path d="${d}" fill="${color ?? LAND_COLOR}"/>`);
  }

  // Where each tracked state's colour shows, and which need a marker.
  const placed: Placed[] = [];
  const states: MapState[] = [];
  const notDrawn: Tracked[] = [];
  const offMap: Tracked[] = [];
  for (const s of tracked) {
    const entry = { name: s.name, status: s.status, role: s.role, color: s.color };
    const rings = s.country && ringsOf.get(s.country);
    const centroid = rings ? ringsCentroid(rings) : undefined;
    const area = rings ? ringsArea(rings) : 0;
    const marker = area < MARKER_MAX_AREA;
    const point = rings && centroid ? (marker ? centroid : visiblePoint(rings, centroid)) : null;
    if (!rings || !point || !Number.isFinite(point[0])) {
      (s.country ? offMap : notDrawn).push(s);
      states.push({ ...entry, centroid: null, drawnAs: 'none' });
      continue;
    }
    placed.push({ state: s, point, rings, bounds: ringsBounds(rings), area, marker });
    states.push({ ...entry, centroid: point, drawnAs: marker ? 'marker' : 'shape' });
  }
  const markers = placed
    .filter((p) => p.marker)
    .map((p) => `<circle cx="${num(p.point[0])}" cy="${num(p.point[1])}" r="${MARKER_RADIUS}" fill="${p.state.color}" stroke="${INK}" stroke-width="1.5"/>`);
  const labels = placeLabels(placed, map);

  // The legend: status colours in words, members without a label on the map named under theirs.
  const legend: string[] = [];
  const lx = panel.x0 + 22;
  const textX = lx + 34;
  const lineWidth = panel.x1 - textX - 18;
  let y = panel.y0 + 30;
  const note = (content: string, x: number) => {
    for (const line of wrap(content, panel.x1 - x - 18, NOTE_SIZE)) {
      legend.push(text(x, y, line, NOTE_SIZE, { fill: MUTED_INK }));
      y += NOTE_SIZE + 4;
    }
  };
  const item = (color: string, label: string, names: readonly Tracked[]) => {
    legend.push(`<rect x="${lx}" y="${y - 15}" width="24" height="18" fill="${color}" stroke="${MUTED_INK}" stroke-width="0.8"/>`);
    for (const line of wrap(label, lineWidth, LEGEND_SIZE)) {
      legend.push(text(textX, y, line, LEGEND_SIZE));
      y += LEGEND_SIZE + 4;
    }
    if (names.length > 0) note(names.map((s) => s.name).join(', '), textX);
    y += 10;
  };
  const unlabelled = (s: Tracked) => labels.unlabelled.has(s) || !placed.some((p) => p.state === s);
  for (const status of Object.keys(MEMBER_STATUS_LABELS) as MemberStatus[]) {
    item(MEMBER_STATUS_COLORS[status], MEMBER_STATUS_LABELS[status], tracked.filter((s) => s.role === 'member' && s.status === status && unlabelled(s)));
  }
  if (tracked.some((s) => s.role === 'israel')) item(ISRAEL_COLOR, ISRAEL, tracked.filter((s) => s.role === 'israel' && unlabelled(s)));
  const candidates = tracked.filter((s) => s.role === 'candidate');
  if (candidates.length > 0) item(CANDIDATE_COLOR, CANDIDATES_LABEL, candidates.filter((s) => placed.some((p) => p.state === s)));
  if (markers.length > 0) {
    legend.push(`<circle cx="${lx + 12}" cy="${y - 5}" r="${MARKER_RADIUS}" fill="#FFFFFF" stroke="${INK}" stroke-width="1.5"/>`);
    note('Circle: a state too small to see at this scale', textX);
    y += 10;
  }
  if (offMap.length > 0) note(`Outside this map: ${offMap.map((s) => s.name).join(', ')}`, lx);
  if (notDrawn.length > 0) note(`Not drawn (no borders in the atlas): ${notDrawn.map((s) => s.name).join(', ')}`, lx);

  const title = 'Abraham Accords members';
  const titleSize = 30;
  const credit = 'Borders: Natural Earth (public domain), drawn as in Natural Earth; they are not an endorsement.';
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="${width}" height="${height}" fill="#FFFFFF"/>`,
    `<rect x="${map.x0}" y="${map.y0}" width="${map.x1 - map.x0}" height="${map.y1 - map.y0}" fill="${WATER_COLOR}"/>`,
    `<g transform="scale(0.1)" stroke="${BORDER_COLOR}" stroke-width="7" stroke-linejoin="round" fill-rule="evenodd">${shapes.join('')}</g>`,
    ...markers,
    ...labels.svg,
    `<rect x="${map.x0 + 0.5}" y="${map.y0 + 0.5}" width="${map.x1 - map.x0 - 1}" height="${map.y1 - map.y0 - 1}" fill="none" stroke="#A0A0A0"/>`,
    text(20, header - 18, title, titleSize, { bold: true }),
    asOf ? text(20 + textWidth(title, titleSize, true) + 16, header - 18, `as of ${asOf}`, 22, { fill: MUTED_INK }) : '',
    ...legend,
    text(12, height - 9, credit, 13, { fill: MUTED_INK }),
    `</svg>`,
  ].join('\n');

  return { name: MAP_FILE_NAME, png: svgToPng(svg), width, height, alt: altText(tracked, asOf, offMap, notDrawn), states };
}

function listOf(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** What the image shows, in words: every member with its status, Israel, the as-of date, the shaded states. */
function altText(tracked: readonly Tracked[], asOf: string | undefined, offMap: readonly Tracked[], notDrawn: readonly Tracked[]): string {
  const members = tracked.filter((s) => s.role === 'member');
  const when = asOf ? ` as of ${asOf}` : '';
  const groups = (Object.keys(MEMBER_STATUS_LABELS) as MemberStatus[])
    .map((status) => ({ status, names: members.filter((s) => s.status === status).map((s) => s.name) }))
    .filter((g) => g.names.length > 0)
    .map((g) => `${MEMBER_STATUS_LABELS[g.status].toLowerCase()} — ${g.names.join(', ')}`);
  const parts = [
    members.length > 0 ? `Map of the Abraham Accords members${when}: ${groups.join('; ')}.` : `Map of the Abraham Accords members${when}: the corpus lists none.`,
  ];
  if (tracked.some((s) => s.role === 'israel')) parts.push('Israel is marked.');
  const shaded = tracked.filter((s) => s.role === 'candidate' && !offMap.includes(s) && !notDrawn.includes(s));
  if (shaded.length > 0) {
    const described = shaded.map((s) => `${s.name} (${CANDIDATE_STATUS_WORDS[s.status as CandidateStatus] ?? s.status})`);
    parts.push(`Lightly shaded, as candidates and non-members often asked about: ${described.join(', ')}.`);
  }
  if (offMap.length > 0) parts.push(`Outside the map: ${listOf(offMap.map((s) => s.name))}.`);
  if (notDrawn.length > 0) parts.push(`Not drawn, having no borders in the atlas: ${listOf(notDrawn.map((s) => s.name))}.`);
  parts.push('Other land is grey. Borders from Natural Earth.');
  return parts.join(' ');
}
