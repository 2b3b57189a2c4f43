/**
 * The timeline chart (`/accords timeline` as an image): each member state's announcement and
 * signing dates, one row per state under a shared time axis, then the other key events as
 * diamonds on a line with their labels stacked in lanes above it. Drawn from the validated corpus
 * only, as an SVG string rendered through svg.ts.
 *
 * What is drawn:
 * - Member rows: every member profile (`members.json`, type "profile"): a hollow ring on `announced`,
 *   a filled dot on each distinct `signed[].date`, a bar between them. A member with no signing
 *   (Kazakhstan in the corpus as of early 2026) shows only its ring, a dashed line to the "as of"
 *   date and the words "signing not reported".
 * - Key events (see `keyEvents`): timeline events about a member state that the member's own
 *   history (its dated notes in members.json) records on the same day, i.e. the curated member
 *   files mark the day as a milestone for that state. Days already drawn as that member's
 *   announcement or signing are not repeated. At most MAX_KEY_EVENTS, the most-cited first
 *   (number of distinct sources, then number of member states it is about, then the earlier).
 * - With `about`: only that entity's items: its own announcement and signings if it is a member,
 *   and every event whose `about` names it (at most MAX_ABOUT_EVENTS, ranked the same way).
 *
 * The axis starts on 1 January 2020 (events before that are left out and the footnote says so)
 * and ends a month after the newest date in the corpus, which the chart is "as of". See
 * RANK_SHARE for why it is not linear in days.
 */
import type { Corpus, CorpusEntry, Entity, Passage } from '../corpus/model.ts';
import { formatDate } from '../engine/answer.ts';
import { ATTACHMENT_DESCRIPTION_MAX_CHARS } from '../limits.ts';
import { textWidth, type Weight } from './text.ts';
import { FONT_FAMILY, escapeXml, svgToPng, type RenderedImage } from './svg.ts';

/** One item drawn on the chart, with the corpus passage it comes from and its marker's centre. */
export interface ChartEvent {
  /** ISO date as in the corpus (the member's `announced` or `signed[].date`, or the event's `date`). */
  date: string;
  label: string;
  kind: 'announced' | 'signed' | 'event';
  /** For announced and signed: the member state's name as in the corpus ("United Arab Emirates"). */
  state?: string;
  /** The member profile passage (announced, signed) or the timeline event passage. */
  passageId: string;
  x: number;
  y: number;
}

/** The box of one piece of text on the chart (an event label with its date and title lines is one box). */
export interface LabelBox {
  x: number;
  y: number;
  width: number;
  height: number;
  text: string;
  role: 'title' | 'subtitle' | 'legend' | 'axis' | 'row' | 'member' | 'header' | 'event' | 'note';
}

export interface TimelineImage extends RenderedImage {
  events: ChartEvent[];
  /** Every piece of text drawn, for overlap checks. */
  labels: LabelBox[];
  /** Leader lines of event labels that had to cross another label (0 in a good layout). */
  crossings: number;
}

export interface TimelineOptions {
  /** An entity id (state or person): only the passages about it. */
  about?: string;
}

export const TIMELINE_WIDTH = 1200;
/** How many key events the full chart shows at most. */
export const MAX_KEY_EVENTS = 12;
/** How many events an `about` chart shows at most. */
export const MAX_ABOUT_EVENTS = 16;
/** The first day of the axis. */
export const AXIS_START = '2020-01-01';

export { textWidth } from './text.ts';

/**
 * Splits `text` into lines at most `width` px wide (the first line `firstWidth`), at spaces; at
 * most `maxLines`, the last ending in "…" if the text was cut.
 */
export function wrapText(text: string, width: number, size: number, weight: Weight = 'normal', maxLines = 3, firstWidth = width): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  const limit = () => (lines.length === 0 ? firstWidth : width);
  let line = '';
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (textWidth(candidate, size, weight) <= limit() || (!line && lines.length > 0)) {
      line = candidate;
    } else if (!line) {
      lines.push(''); // not even one word fits beside what precedes the first line
      line = word;
    } else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  const fit = (l: string, i: number) => fitWidth(l, i === 0 ? firstWidth : width, size, weight);
  if (lines.length <= maxLines) return lines.map(fit);
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${kept[maxLines - 1]!}…`;
  return kept.map(fit);
}

/** `text`, cut with "…" if it is wider than `width` (a single word longer than a line). */
function fitWidth(text: string, width: number, size: number, weight: Weight): string {
  if (!text || textWidth(text, size, weight) <= width) return text;
  let cut = text.replace(/…$/, '');
  while (cut.length > 1 && textWidth(`${cut}…`, size, weight) > width) cut = cut.slice(0, -1).trimEnd();
  return `${cut}…`;
}

// ---------------------------------------------------------------------------------------------
// Dates.

const MONTH_ABBR = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO date (a month or year date counts from its first day). */
export function dayNumber(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y!, (m ?? 1) - 1, d ?? 1) / DAY_MS;
}

function isoOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** "2020-09-15" → "15 Sep 2020"; "2021-06" → "Jun 2021"; "2015" → "2015". */
function shortDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  if (!m) return y!;
  const month = MONTH_ABBR[Number(m) - 1]!;
  return d ? `${Number(d)} ${month} ${y}` : `${month} ${y}`;
}

function monthYear(iso: string): string {
  const [y, m] = iso.split('-');
  return m ? `${MONTH_NAMES[Number(m) - 1]} ${y}` : y!;
}

// ---------------------------------------------------------------------------------------------
// The time axis.

/**
 * Share of the width placed by rank rather than by time. The corpus is dense from August 2020 to
 * January 2021 (four members announce and sign within five months) and again from November 2025,
 * and sparse in between; a scale linear in days would crush the 2020 signings into a few pixels
 * and spend most of the width on empty years. A broken axis would hide the years between, which
 * hold key events too (embassies, the Negev Summit, the Sudan war). So the scale is a blend, still
 * continuous, monotonic and piecewise linear: x = (1 − RANK_SHARE)·(share of the days elapsed)
 * + RANK_SHARE·(share of the dates drawn, interpolated by time between them). Every pair of
 * neighbouring dates is at least RANK_SHARE·width/(dates + 1) apart (width without the tail, see
 * timeScale), dense months get wide (and so get month ticks and names), and the empty years keep
 * some width in proportion to their length. The month ticks show the reader where it stretches.
 */
export const RANK_SHARE = 0.6;

export type TimeScale = (day: number) => number;

/**
 * The blended scale from [start, end] (day numbers) to [x0, x1], with a knot at each item day.
 * With `tail`, the days after the newest item get exactly `tail` px at the right (linear in days):
 * room for the newest event's label to the right of its marker, which the "as of" date falls in.
 */
export function timeScale(start: number, end: number, itemDays: number[], x0: number, x1: number, rankShare = RANK_SHARE, tail = 0): TimeScale {
  const newest = Math.max(...itemDays.filter((d) => d > start && d < end));
  if (tail > 0 && Number.isFinite(newest) && x1 - tail > x0) {
    const body = timeScale(start, newest, itemDays, x0, x1 - tail, rankShare);
    return (day: number) => (day <= newest ? body(day) : x1 - tail + (tail * (Math.min(day, end) - newest)) / (end - newest));
  }
  const inner = [...new Set(itemDays)].filter((d) => d > start && d < end).sort((a, b) => a - b);
  const knots = [start, ...inner, end];
  const steps = knots.length - 1;
  return (day: number) => {
    const t = Math.min(end, Math.max(start, day));
    const linear = (t - start) / (end - start);
    let i = 0;
    while (i < steps - 1 && t > knots[i + 1]!) i++;
    const a = knots[i]!;
    const b = knots[i + 1]!;
    const rank = (i + (b > a ? (t - a) / (b - a) : 0)) / steps;
    return x0 + (x1 - x0) * ((1 - rankShare) * linear + rankShare * rank);
  };
}

// ---------------------------------------------------------------------------------------------
// Lanes for event labels.

/** An event label to place: its leader line at `x`, its box from `left` to `left + width`. */
export interface LaneInput {
  x: number;
  left: number;
  width: number;
}

/** Clearance between labels, and between a label and another label's leader line. */
const LANE_GAP = 10;
const LEADER_CLEARANCE = 4;

/**
 * Puts each label in the first lane (0 = nearest the event line) where it collides with no
 * label already placed, and where neither its leader line (from the event line down to its lane)
 * crosses a placed label nor its box covers a placed label's leader. Labels are placed from the
 * right, so in a cluster the leftmost label ends up farthest from the line and every leader runs
 * clear of the labels nearer the line. If no lane keeps the leaders clear (possible only with
 * labels pushed left at the right edge), the label goes in the first lane where its box still
 * collides with nothing; `crossings` counts those. Labels never overlap: a new lane is always free.
 */
export function assignLanes(items: LaneInput[], gap = LANE_GAP): { lanes: number[]; crossings: number } {
  const order = items.map((_, i) => i).sort((a, b) => items[b]!.x - items[a]!.x || a - b);
  const lanes: number[] = new Array<number>(items.length).fill(-1);
  const placed: number[] = [];
  let crossings = 0;
  let maxLane = -1;
  const covers = (box: LaneInput, x: number, clearance: number) => box.left - clearance < x && x < box.left + box.width + clearance;
  const fits = (i: number, lane: number, leaders: boolean): boolean => {
    const c = items[i]!;
    for (const j of placed) {
      const p = items[j]!;
      const pl = lanes[j]!;
      if (pl === lane && c.left - gap < p.left + p.width && p.left < c.left + c.width + gap) return false;
      if (!leaders || Math.abs(p.x - c.x) < 0.5) continue; // the same pole
      if (pl > lane && covers(c, p.x, LEADER_CLEARANCE)) return false;
      if (pl < lane && covers(p, c.x, LEADER_CLEARANCE)) return false;
    }
    return true;
  };
  for (const i of order) {
    let lane = -1;
    for (let k = 0; k <= maxLane + 1 && lane < 0; k++) if (fits(i, k, true)) lane = k;
    if (lane < 0) {
      crossings++;
      for (let k = 0; k <= maxLane + 1 && lane < 0; k++) if (fits(i, k, false)) lane = k;
    }
    lanes[i] = lane;
    placed.push(i);
    maxLane = Math.max(maxLane, lane);
  }
  return { lanes, crossings };
}

/** True if two boxes overlap (touching edges do not count). */
export function boxesOverlap(a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

// ---------------------------------------------------------------------------------------------
// The data.

interface Signing {
  date: string;
  place: string;
}

export interface MemberRow {
  id: string;
  /** The state's name as in the corpus. */
  name: string;
  /** The name as drawn: "UAE" for "United Arab Emirates". */
  short: string;
  passage: Passage;
  announced: string;
  /** One per distinct signing date, oldest first, with the place of the first document signed that day. */
  signings: Signing[];
}

function profileOf(passage: Passage): (CorpusEntry & { kind: 'members'; type: 'profile' }) | undefined {
  const entry = passage.entry as CorpusEntry;
  return entry.kind === 'members' && entry.type === 'profile' ? entry : undefined;
}

/** A long name's capitalised abbreviation from its aliases ("UAE"), else the name. */
function shortName(name: string, aliases: string[]): string {
  if (name.length <= 12) return name;
  const acronyms = aliases.filter((a) => /^[A-Z]{2,5}$/.test(a)).sort((a, b) => a.length - b.length || a.localeCompare(b));
  return acronyms[0] ?? name;
}

/** The city of a signing place: its last comma-separated part that is not the state's own name. */
function placeName(place: string, names: string[]): string {
  const parts = place.split(',').map((p) => p.trim()).filter(Boolean);
  const own = new Set(names.map((n) => n.toLowerCase()));
  return [...parts].reverse().find((p) => !own.has(p.toLowerCase())) ?? parts.at(-1) ?? place;
}

/** The member states with an announcement date, in order of announcement. */
export function memberRows(corpus: Corpus): MemberRow[] {
  const rows: MemberRow[] = [];
  for (const passage of corpus.passages) {
    if (passage.kind !== 'member') continue;
    const profile = profileOf(passage);
    if (!profile?.announced) continue;
    const entity = corpus.entities.get(profile.id);
    const aliases = entity?.aliases ?? profile.aliases;
    const signings: Signing[] = [];
    for (const s of [...profile.signed].sort((a, b) => a.date.localeCompare(b.date))) {
      if (!signings.some((x) => x.date === s.date)) signings.push({ date: s.date, place: placeName(s.place, [profile.state, ...aliases]) });
    }
    rows.push({ id: profile.id, name: profile.state, short: shortName(profile.state, aliases), passage, announced: profile.announced, signings });
  }
  return rows.sort((a, b) => dayNumber(a.announced) - dayNumber(b.announced) || a.name.localeCompare(b.name));
}

/** The event's importance: distinct sources, then member states it is about. */
function byImportance(members: Set<string>) {
  const memberCount = (p: Passage) => p.about.filter((a) => members.has(a)).length;
  return (a: Passage, b: Passage) =>
    b.sources.length - a.sources.length || memberCount(b) - memberCount(a) || a.date!.localeCompare(b.date!) || a.id.localeCompare(b.id);
}

/**
 * The events to draw beside the member rows `rows`, with how many qualified before the cap.
 * Without `about`: the key events (see the file comment). With `about`: every event about it.
 * Both: dated from AXIS_START on, not a day already drawn as a shown member's announcement or
 * signing when the event is about that member, ranked by importance, capped, then in date order.
 */
export function keyEvents(corpus: Corpus, rows: MemberRow[], about?: string): { events: Passage[]; qualified: number; earlier: number } {
  const members = new Set(corpus.passages.filter((p) => p.kind === 'member').map((p) => p.id));
  const drawnDays = new Set(rows.flatMap((r) => [r.announced, ...r.signings.map((s) => s.date)].map((d) => `${r.id}|${d}`)));
  const memberNoteDays = new Set<string>();
  for (const p of corpus.passages) {
    if (p.kind !== 'note' || !p.date || (p.entry as CorpusEntry).kind !== 'members') continue;
    for (const a of p.about) if (members.has(a)) memberNoteDays.add(`${a}|${p.date}`);
  }
  const start = dayNumber(AXIS_START);
  let earlier = 0;
  const candidates = corpus.passages.filter((p) => {
    if (p.kind !== 'event' || !p.date) return false;
    if (about ? !p.about.includes(about) : !p.about.some((a) => memberNoteDays.has(`${a}|${p.date}`))) return false;
    if (p.about.some((a) => drawnDays.has(`${a}|${p.date}`))) return false;
    if (dayNumber(p.date) < start) {
      earlier++;
      return false;
    }
    return true;
  });
  const cap = about ? MAX_ABOUT_EVENTS : MAX_KEY_EVENTS;
  const events = [...candidates].sort(byImportance(members)).slice(0, cap);
  events.sort((a, b) => dayNumber(a.date!) - dayNumber(b.date!) || a.id.localeCompare(b.id));
  return { events, qualified: candidates.length, earlier };
}

/** The newest date of any event or member date in the corpus: what the chart is "as of". */
function newestDate(corpus: Corpus): string {
  let newest = AXIS_START;
  const consider = (d: string | undefined) => {
    if (d && dayNumber(d) > dayNumber(newest)) newest = d;
  };
  for (const p of corpus.passages) {
    if (p.kind === 'event') consider(p.date);
    const profile = p.kind === 'member' ? profileOf(p) : undefined;
    if (profile) [profile.announced, ...profile.signed.map((s) => s.date)].forEach(consider);
  }
  return newest;
}

// ---------------------------------------------------------------------------------------------
// Drawing.

const MARGIN = 28;
const INK = '#111827';
const MUTED = '#374151';
const GRID = '#e5e7eb';
const MEMBER = '#1d4ed8';
const MEMBER_BAR = '#93c5fd';
const EVENT = '#b45309';
const LEADER = '#6b7280';
const SIZE = { title: 30, subtitle: 16, legend: 15, year: 16, month: 14, row: 17, member: 16, header: 17, event: 15, note: 14 };
const EVENT_LINE_HEIGHT = 19;
/** The narrowest an event label wraps to (near the right edge). */
const MIN_WRAP_WIDTH = 170;
/** The axis keeps this much width after the newest item drawn, so its label fits to its right. */
const TAIL_WIDTH = 210;
const LANE_SPACING = 6;
const ROW_HEIGHT = 38;

class Svg {
  readonly parts: string[] = [];
  readonly labels: LabelBox[] = [];

  add(markup: string): void {
    this.parts.push(markup);
  }

  /** A line of text at baseline `y`, recorded as a label box. */
  text(
    text: string, x: number, y: number, size: number,
    opts: { weight?: Weight; fill?: string; anchor?: 'start' | 'middle' | 'end'; role: LabelBox['role']; background?: boolean },
  ): LabelBox {
    const weight = opts.weight ?? 'normal';
    const width = textWidth(text, size, weight);
    const anchor = opts.anchor ?? 'start';
    const left = anchor === 'start' ? x : anchor === 'middle' ? x - width / 2 : x - width;
    if (opts.background) {
      this.parts.push(`<rect x="${n(left - 3)}" y="${n(y - 0.93 * size - 2)}" width="${n(width + 6)}" height="${n(1.17 * size + 4)}" fill="#ffffff"/>`);
    }
    this.parts.push(
      `<text x="${n(x)}" y="${n(y)}" font-family="${FONT_FAMILY}" font-size="${size}"${weight === 'bold' ? ' font-weight="bold"' : ''}` +
        `${anchor === 'start' ? '' : ` text-anchor="${anchor}"`} fill="${opts.fill ?? INK}">${escapeXml(text)}</text>`,
    );
    const box = { x: left, y: y - 0.93 * size, width, height: 1.17 * size, text, role: opts.role };
    this.labels.push(box);
    return box;
  }
}

/** A number for SVG markup: at most one decimal, so the output is stable. */
function n(value: number): string {
  return String(Math.round(value * 10) / 10);
}

function ring(x: number, y: number): string {
  return `<circle cx="${n(x)}" cy="${n(y)}" r="6.5" fill="#ffffff" stroke="${MEMBER}" stroke-width="3"/>`;
}

function dot(x: number, y: number): string {
  return `<circle cx="${n(x)}" cy="${n(y)}" r="7.5" fill="${MEMBER}"/>`;
}

function diamond(x: number, y: number, r = 7.5): string {
  return `<path d="M${n(x)} ${n(y - r)}L${n(x + r)} ${n(y)}L${n(x)} ${n(y + r)}L${n(x - r)} ${n(y)}Z" fill="${EVENT}" stroke="#ffffff" stroke-width="1.5"/>`;
}

function line(x1: number, y1: number, x2: number, y2: number, stroke: string, width: number, extra = ''): string {
  return `<line x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}" stroke="${stroke}" stroke-width="${width}"${extra}/>`;
}

interface EventLabel {
  passage: Passage;
  x: number;
  date: string;
  /** The title's lines; the first is drawn right of the date (empty if it starts on the next line). */
  title: string[];
  left: number;
  width: number;
  height: number;
  lane: number;
}

/** Draws the timeline chart of `corpus` (or of one entity with `about`) as a PNG. */
export function renderTimeline(corpus: Corpus, options: TimelineOptions = {}): TimelineImage {
  const { svg, ...chart } = timelineSvg(corpus, options);
  return { ...chart, png: svgToPng(svg) };
}

/** The timeline chart as an SVG document, with everything renderTimeline returns but the PNG. */
export function timelineSvg(corpus: Corpus, options: TimelineOptions = {}): Omit<TimelineImage, 'png'> & { svg: string } {
  const about = options.about;
  let entity: Entity | undefined;
  if (about !== undefined) {
    entity = corpus.entities.get(about);
    if (!entity) throw new Error(`renderTimeline: unknown entity id "${about}"`);
  }
  const rows = memberRows(corpus).filter((r) => !about || r.id === about);
  const { events, qualified, earlier } = keyEvents(corpus, rows, about);
  const asOf = newestDate(corpus);

  const W = TIMELINE_WIDTH;
  const svg = new Svg();
  const chartEvents: ChartEvent[] = [];

  // Header: title, subtitle with "as of", legend.
  const name = entity ? (entity.type === 'state' ? shortName(entity.name, entity.aliases) : entity.name) : '';
  svg.text(entity ? `Abraham Accords timeline: ${entity.name}` : 'Abraham Accords timeline', MARGIN, 58, SIZE.title, { weight: 'bold', role: 'title' });
  // What the events are called: "other key events" beside all the members, "other events"
  // beside one member, "events about X" alone.
  const eventNoun = rows.length ? (about ? 'other event' : 'other key event') : 'event';
  const counted = (count: number) => (count === 0 ? `no ${eventNoun}s` : `${count} ${eventNoun}${count === 1 ? '' : 's'}`);
  const unsigned = rows.filter((r) => r.signings.length === 0).length;
  const what = !rows.length
    ? events.length ? `${counted(events.length)} about ${name}` : `No events about ${name} since 2020`
    : about
      ? `${name}: announcement${unsigned ? ' (signing not reported)' : ' and signing'}, and ${counted(events.length)}`
      : `Announcement and signing of the ${rows.length} member states, and ${counted(events.length)}`;
  let y = 88;
  const subtitle = wrapText(`${what} · as of ${formatDate(asOf)}`, W - 2 * MARGIN, SIZE.subtitle, 'normal', 2);
  for (const l of subtitle) {
    svg.text(l, MARGIN, y, SIZE.subtitle, { fill: MUTED, role: 'subtitle' });
    y += 22;
  }
  y += 8;
  // The legend: only the marks the chart uses.
  const legend: [string, number, string][] = [];
  if (rows.length) legend.push([ring(MARGIN + 8, 0), 16, 'announced']);
  if (rows.some((r) => r.signings.length)) legend.push([dot(MARGIN + 8, 0), 16, 'signed']);
  if (unsigned) legend.push([line(MARGIN, 0, MARGIN + 30, 0, LEADER, 2, ' stroke-dasharray="5 4"'), 30, 'signing not reported']);
  if (events.length) legend.push([diamond(MARGIN + 8, 0), 16, eventNoun]);
  if (legend.length) {
    let x = MARGIN;
    for (const [marker, width, label] of legend) {
      svg.add(`<g transform="translate(${n(x - MARGIN)} ${n(y)})">${marker}</g>`);
      svg.text(label, x + width + 8, y + 5, SIZE.legend, { role: 'legend' });
      x += width + 8 + textWidth(label, SIZE.legend) + 28;
    }
    y += 34;
  }

  // Plot area: a left column for the member names when there are rows.
  const nameWidth = rows.length ? Math.max(...rows.map((r) => textWidth(r.short, SIZE.row, 'bold'))) : 0;
  const x0 = rows.length ? MARGIN + nameWidth + 30 : MARGIN + 12;
  const x1 = W - MARGIN - 12;
  const labelRight = W - MARGIN;
  const start = dayNumber(AXIS_START);
  const end = dayNumber(asOf) + 31;
  const itemDays = [...rows.flatMap((r) => [r.announced, ...r.signings.map((s) => s.date)]), ...events.map((e) => e.date!)].map(dayNumber);
  const scale = timeScale(start, end, itemDays, x0, x1, RANK_SHARE, TAIL_WIDTH);
  const asOfX = scale(dayNumber(asOf));

  // Axis header: years, then months where a month is wide enough, then the axis line.
  const yearY = y + 12;
  const monthY = yearY + 22;
  const axisY = monthY + 10;
  const gridTop = yearY - 16;
  const gridLines: number[] = [];
  const firstYear = Number(AXIS_START.slice(0, 4));
  const lastYear = Number(isoOfDay(end).slice(0, 4));
  for (let year = firstYear; year <= lastYear; year++) {
    const a = Math.max(start, dayNumber(`${year}-01-01`));
    const b = Math.min(end, dayNumber(`${year + 1}-01-01`));
    if (b <= a) continue;
    const xa = scale(a);
    const xb = scale(b);
    if (a > start) gridLines.push(xa);
    const label = String(year);
    const width = textWidth(label, SIZE.year, 'bold');
    if (xb - xa >= width + 8) svg.text(label, (xa + xb) / 2, yearY, SIZE.year, { weight: 'bold', anchor: 'middle', role: 'axis' });
    for (let month = 0; month < 12; month++) {
      const ma = dayNumber(`${year}-${String(month + 1).padStart(2, '0')}-01`);
      const mb = month === 11 ? dayNumber(`${year + 1}-01-01`) : dayNumber(`${year}-${String(month + 2).padStart(2, '0')}-01`);
      if (ma < start || mb > end) continue;
      const xma = scale(ma);
      const xmb = scale(mb);
      if (xmb - xma >= 12 && month > 0) svg.add(line(xma, axisY - 6, xma, axisY, LEADER, 1));
      // The month's name where it fits (only a tick where it does not: initials read ambiguously).
      const m = MONTH_ABBR[month]!;
      if (xmb - xma >= textWidth(m, SIZE.month) + 2) svg.text(m, (xma + xmb) / 2, monthY, SIZE.month, { anchor: 'middle', fill: MUTED, role: 'axis' });
    }
  }
  const gridMarkup: string[] = [];
  /** Text drawn over the grid without a background of its own: the grid lines stop around it. */
  const gridGaps: LabelBox[] = [];
  svg.add(line(x0, axisY, x1, axisY, INK, 1.5));

  // Member rows.
  y = axisY + 8;
  for (const row of rows) {
    const cy = y + ROW_HEIGHT / 2;
    svg.text(row.short, MARGIN, cy + 6, SIZE.row, { weight: 'bold', role: 'row' });
    svg.add(line(x0, cy, x1, cy, GRID, 1));
    const ax = scale(dayNumber(row.announced));
    const sx = row.signings.map((s) => scale(dayNumber(s.date)));
    const lastX = sx.length ? sx.at(-1)! : asOfX;
    if (sx.length) svg.add(line(ax, cy, lastX, cy, MEMBER_BAR, 6, ' stroke-linecap="round"'));
    else svg.add(line(ax + 7, cy, Math.max(ax + 30, asOfX), cy, LEADER, 2, ' stroke-dasharray="5 4"'));
    row.signings.forEach((s, i) => {
      svg.add(dot(sx[i]!, cy));
      chartEvents.push({
        date: s.date, label: `${row.short} signed (${s.place})`, kind: 'signed', state: row.name, passageId: row.passage.id, x: sx[i]!, y: cy,
      });
    });
    svg.add(ring(ax, cy));
    chartEvents.push({ date: row.announced, label: `${row.short} announced`, kind: 'announced', state: row.name, passageId: row.passage.id, x: ax, y: cy });
    // One label per row: right of the row's last mark if it fits, else left of its first.
    const signed = (places: boolean) =>
      row.signings.length
        ? `signed ${row.signings.map((s) => (places ? `${shortDate(s.date)} (${s.place})` : shortDate(s.date))).join(' and ')}`
        : 'signing not reported';
    const rightEdge = (sx.length ? lastX + 8 : Math.max(ax + 30, asOfX)) + 12;
    const leftEdge = ax - 8 - 12;
    const variants = [`announced ${shortDate(row.announced)} · ${signed(true)}`, `announced ${shortDate(row.announced)} · ${signed(false)}`];
    const right = variants.find((t) => rightEdge + textWidth(t, SIZE.member) <= labelRight);
    const left = variants.find((t) => leftEdge - textWidth(t, SIZE.member) >= x0);
    if (right || !left) {
      const text = right ?? fitWidth(variants[1]!, Math.max(labelRight - rightEdge, leftEdge - x0), SIZE.member, 'normal');
      if (right || labelRight - rightEdge >= leftEdge - x0) svg.text(text, rightEdge, cy + 5.5, SIZE.member, { role: 'member', background: true });
      else svg.text(text, leftEdge, cy + 5.5, SIZE.member, { anchor: 'end', role: 'member', background: true });
    } else {
      svg.text(left, leftEdge, cy + 5.5, SIZE.member, { anchor: 'end', role: 'member', background: true });
    }
    y += ROW_HEIGHT;
  }

  // Events: labels in lanes above a line of diamonds. Lane 0 is nearest the line; labels are
  // placed from the right, so a run of close events reads as a cascade from the top left down to
  // the right, oldest first, each label on the leader line that rises from its diamond.
  const labels: EventLabel[] = events.map((passage) => {
    const x = scale(dayNumber(passage.date!));
    const date = shortDate(passage.date!);
    const dateW = textWidth(date, SIZE.event, 'bold');
    // Date and title on one line if they fit right of the marker; else the title wraps, its
    // first line beside the date, in up to four lines; near the right edge, to at least
    // MIN_WRAP_WIDTH, wider (the label shifted left) rather than cut.
    let wrapWidth = Math.max(labelRight - (x + 9) - 4, MIN_WRAP_WIDTH);
    const wrap = () => wrapText(passage.title, wrapWidth, SIZE.event, 'normal', 4, wrapWidth - dateW - 8);
    let title = wrap();
    while (title.at(-1)!.endsWith('…') && wrapWidth < 2 * MIN_WRAP_WIDTH) {
      wrapWidth += 20;
      title = wrap();
    }
    const lineWidths = title.map((t, i) => (i === 0 ? dateW + (t ? 8 + textWidth(t, SIZE.event) : 0) : textWidth(t, SIZE.event)));
    const width = 9 + Math.max(...lineWidths) + 4;
    const left = Math.min(x - 2, labelRight - width);
    return { passage, x, date, title, left, width, height: title.length * EVENT_LINE_HEIGHT + 4, lane: 0 };
  });
  const { lanes, crossings } = assignLanes(labels.map((l) => ({ x: l.x, left: l.left, width: l.width })));
  labels.forEach((l, i) => (l.lane = lanes[i]!));
  const laneCount = labels.length ? Math.max(...lanes) + 1 : 0;
  const laneHeight = Array.from({ length: laneCount }, (_, k) => Math.max(...labels.filter((l) => l.lane === k).map((l) => l.height)));
  const stack = laneHeight.reduce((sum, h) => sum + h + LANE_SPACING, 0);

  y += 34;
  const header = rows.length ? `${eventNoun[0]!.toUpperCase()}${eventNoun.slice(1)}s` : `Events about ${name}`;
  const headerBox = svg.text(events.length ? header : `${header}: none`, MARGIN, y, SIZE.header, { weight: 'bold', role: 'header' });
  gridGaps.push(headerBox);
  const eventY = y + 14 + stack + 12;
  // Lane k's box: its bottom sits above the lanes nearer the line.
  const laneBottom: number[] = [];
  let bottom = eventY - 14;
  for (let k = 0; k < laneCount; k++) {
    laneBottom.push(bottom);
    bottom -= laneHeight[k]! + LANE_SPACING;
  }
  svg.add(line(x0, eventY, x1, eventY, '#9ca3af', 2));
  const eventMarkup: string[] = [];
  const markerMarkup: string[] = [];
  for (const l of labels) {
    const boxTop = laneBottom[l.lane]! - l.height;
    const flag = Math.abs(l.left - (l.x - 2)) < 0.5; // the leader runs up the label's left edge
    eventMarkup.push(`<rect x="${n(l.left)}" y="${n(boxTop)}" width="${n(l.width)}" height="${n(l.height)}" fill="#ffffff"/>`);
    eventMarkup.push(line(l.x, eventY, l.x, flag ? boxTop + 3 : boxTop + l.height, LEADER, 1.5));
    const tx = l.left + 9;
    let baseline = boxTop + 2 + 15;
    const lineMarkup = (text: string, x: number, weight: Weight, fill: string) =>
      `<text x="${n(x)}" y="${n(baseline)}" font-family="${FONT_FAMILY}" font-size="${SIZE.event}"${weight === 'bold' ? ' font-weight="bold"' : ''} fill="${fill}">${escapeXml(text)}</text>`;
    eventMarkup.push(lineMarkup(l.date, tx, 'bold', EVENT));
    l.title.forEach((t, i) => {
      if (i > 0) baseline += EVENT_LINE_HEIGHT;
      if (t) eventMarkup.push(lineMarkup(t, i === 0 ? tx + textWidth(l.date, SIZE.event, 'bold') + 8 : tx, 'normal', INK));
    });
    svg.labels.push({ x: l.left, y: boxTop, width: l.width, height: l.height, text: `${l.date} ${l.title.join(' ')}`, role: 'event' });
    markerMarkup.push(diamond(l.x, eventY));
    chartEvents.push({ date: l.passage.date!, label: l.passage.title, kind: 'event', passageId: l.passage.id, x: l.x, y: eventY });
  }
  svg.add(eventMarkup.join(''));
  svg.add(markerMarkup.join(''));
  const plotBottom = eventY + 12;
  y = plotBottom + 14;

  // Footnote: where the data comes from and the rule for the events.
  const notes: string[] = [];
  if (!about) {
    notes.push(
      `Key events: dated events about a member state that the state's own history in the corpus also records that day, ` +
        `most-cited first (${qualified ? `${events.length} of ${qualified}` : 'none qualify'}); announcements and signings are not repeated.`,
    );
  } else if (qualified > events.length) {
    notes.push(`The ${events.length} most-cited of ${qualified} events about ${entity!.name} are shown.`);
  }
  if (earlier) notes.push(`${earlier} earlier event${earlier === 1 ? '' : 's'} (before 2020) not shown.`);
  notes.push('Axis stretched where dates are dense: see the month ticks. Source: the accords-bot corpus.');
  for (const l of wrapText(notes.join(' '), W - 2 * MARGIN, SIZE.note, 'normal', 4)) {
    svg.text(l, MARGIN, y + 14, SIZE.note, { fill: MUTED, role: 'note' });
    y += 19;
  }
  const height = Math.ceil(y + 18);

  for (const gx of gridLines) {
    let from = gridTop;
    for (const gap of gridGaps.filter((b) => b.x - 4 < gx && gx < b.x + b.width + 4).sort((a, b) => a.y - b.y)) {
      gridMarkup.push(line(gx, from, gx, gap.y - 3, GRID, 1.5));
      from = gap.y + gap.height + 3;
    }
    gridMarkup.push(line(gx, from, gx, plotBottom, GRID, 1.5));
  }
  const body =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${height}" viewBox="0 0 ${W} ${height}">` +
    `<rect width="${W}" height="${height}" fill="#ffffff"/>` +
    gridMarkup.join('') +
    svg.parts.join('') +
    `</svg>`;

  chartEvents.sort((a, b) => dayNumber(a.date) - dayNumber(b.date) || a.y - b.y || a.passageId.localeCompare(b.passageId));
  return {
    name: about ? `timeline-${about}.png` : 'timeline.png',
    svg: body,
    width: W,
    height,
    alt: altText(entity, rows, events, chartEvents),
    events: chartEvents,
    labels: svg.labels,
    crossings,
  };
}


function altText(entity: Entity | undefined, rows: MemberRow[], events: Passage[], items: ChartEvent[]): string {
  const dates = items.map((i) => i.date).sort((a, b) => dayNumber(a) - dayNumber(b));
  const range = dates.length ? (monthYear(dates[0]!) === monthYear(dates.at(-1)!) ? monthYear(dates[0]!) : `${monthYear(dates[0]!)} to ${monthYear(dates.at(-1)!)}`) : 'no dated items';
  const head = `Timeline of the Abraham Accords${entity ? ` for ${entity.name}` : ''}, ${range}`;
  const members = rows.map((r) => {
    const signed = r.signings.length ? `signed ${r.signings.map((s) => formatDate(s.date)).join(' and ')}` : 'signing not reported';
    return `${r.short} announced ${formatDate(r.announced)}, ${signed}`;
  });
  const noun = rows.length ? (entity ? 'other event' : 'other key event') : 'event';
  const about = rows.length || !entity ? '' : ` about ${entity.name}`;
  const count = `${events.length ? events.length : 'no'} ${noun}${events.length === 1 ? '' : 's'}${about}`;
  const base = `${head}: ${[...members, count].join('; ')}`;
  // Name the events too, as far as the limit allows.
  const listed: string[] = [];
  for (const e of events) {
    const next = `${e.title} (${formatDate(e.date!)})`;
    const rest = events.length - listed.length - 1;
    const tail = rest > 0 ? `; and ${rest} more.` : '.';
    if (`${base}: ${[...listed, next].join('; ')}${tail}`.length > ATTACHMENT_DESCRIPTION_MAX_CHARS) break;
    listed.push(next);
  }
  if (!listed.length) return `${base}.`;
  const rest = events.length - listed.length;
  return `${base}: ${listed.join('; ')}${rest ? `; and ${rest} more` : ''}.`;
}
