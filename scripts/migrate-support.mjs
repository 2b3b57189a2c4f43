// One-off migration (issue 11): entry `text` + `sources` + `evidence` → `text` as a list of
// { sentence, support: [{ source, excerpt }] }. A first pass by shared names, numbers and words;
// every entry is then reviewed by hand. Excerpts that fit no sentence go to `fieldSupport` with
// field "UNASSIGNED", for the reviewer to place.
import { readFileSync, writeFileSync } from 'node:fs';

const KINDS = ['members', 'candidates', 'actors', 'timeline', 'caveats'];
const STOP = new Set('the and for with that this from were was has have had its their they them into over under after before about which when what who also been being than then there these those such other said says say would could will shall not but are our his her him she one two'.split(' '));

// The same splitter the engine used (src/text/sentences.ts), so sentences stay as they were quoted.
const ABBR = new Set(['mr', 'mrs', 'ms', 'dr', 'st', 'sr', 'jr', 'gen', 'col', 'lt', 'sgt', 'capt', 'rep', 'sen', 'gov', 'pres', 'prof', 'no', 'vs', 'etc', 'inc', 'ltd', 'co', 'corp', 'approx', 'est', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec']);
function split(passage) {
  const out = [];
  const boundary = /[.!?]["”’)\]]*(?=\s+["“‘(\[]?[\p{Lu}\p{N}])/gu;
  let start = 0;
  for (const m of passage.matchAll(boundary)) {
    const end = m.index + m[0].length;
    const lastWord = /([\p{L}.]+)$/u.exec(passage.slice(start, m.index))?.[1] ?? '';
    if (m[0].startsWith('.') && (lastWord.length === 1 || /^(?:\p{L}\.)+\p{L}$/u.test(lastWord) || ABBR.has(lastWord.toLowerCase()))) continue;
    const t = passage.slice(start, end).trim();
    if (t) out.push(t);
    start = end;
  }
  const t = passage.slice(start).trim();
  if (t) out.push(t);
  return out;
}

const fold = (s) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
function features(text) {
  const numbers = new Set(text.match(/\d+/g) ?? []);
  const names = new Set((text.match(/\p{Lu}[\p{L}'’-]+/gu) ?? []).map((w) => fold(w).slice(0, 6)));
  const words = new Set((fold(text).match(/\p{L}{4,}/gu) ?? []).filter((w) => !STOP.has(w)).map((w) => w.slice(0, 5)));
  return { numbers, names, words };
}
function score(sentence, excerpt) {
  const a = features(sentence);
  const b = features(excerpt);
  let s = 0;
  for (const n of b.numbers) if (a.numbers.has(n)) s += 3;
  for (const n of b.names) if (a.names.has(n)) s += 2;
  for (const w of b.words) if (a.words.has(w)) s += 1;
  return s;
}

for (const kind of KINDS) {
  const path = `${process.argv[2] ?? 'corpus'}/${kind}.json`;
  const entries = JSON.parse(readFileSync(path, 'utf8'));
  const migrated = entries.map((entry) => {
    const { text, sources, evidence = [], ...rest } = entry;
    const sentences = split(text).map((sentence) => ({ sentence, support: [] }));
    const fieldSupport = [];
    for (const ev of evidence) {
      const scores = sentences.map((s) => score(s.sentence, ev.excerpt));
      const best = Math.max(...scores);
      if (best < 2) {
        fieldSupport.push({ field: 'UNASSIGNED', source: ev.source, excerpt: ev.excerpt });
        continue;
      }
      scores.forEach((sc, i) => {
        if (sc === best) sentences[i].support.push({ source: ev.source, excerpt: ev.excerpt });
      });
    }
    const out = { ...rest, text: sentences };
    if (fieldSupport.length) out.fieldSupport = fieldSupport;
    void sources;
    return out;
  });
  writeFileSync(path, JSON.stringify(migrated, null, 2) + '\n');
  const unsupported = migrated.flatMap((e) => e.text.filter((s) => s.support.length === 0).map(() => e.id));
  const unassigned = migrated.flatMap((e) => (e.fieldSupport ?? []).map(() => e.id));
  console.log(`${kind}: ${migrated.length} entries, ${migrated.reduce((n, e) => n + e.text.length, 0)} sentences, ${unsupported.length} without support, ${unassigned.length} excerpts unassigned`);
}
