/**
 * `npx tsx scripts/audit-sample.ts [SEED] > sample.md`: draws 12 entries from each curated file
 * (seeded, so the draw can be repeated) and writes every (sentence, source) pair that `/source ID`
 * shows for them, with the source's excerpt, for a reviewer to judge: does the excerpt support the
 * sentence (all / part / none)? This is the corpus audit's method (shared/research/corpus-audit.md).
 */
import { fieldValue, loadCorpus } from '../src/corpus/load.ts';
import { corpusDir } from '../src/paths.ts';
import { KIND_FILES, KINDS } from '../src/corpus/schema.ts';

const seed = Number(process.argv[2] ?? 11);
function mulberry32(a: number): () => number {
  return () => {
    a |= 0; a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(seed);
const corpus = loadCorpus(corpusDir);
const out: string[] = [`# Attribution sample (seed ${seed}): 12 entries per file`, ''];
let pairs = 0;
for (const kind of KINDS) {
  const ids = corpus.passages.filter((p) => p.file.endsWith(KIND_FILES[kind].file)).map((p) => p.id).sort();
  const chosen: string[] = [];
  while (chosen.length < Math.min(12, ids.length)) {
    const id = ids[Math.floor(rand() * ids.length)]!;
    if (!chosen.includes(id)) chosen.push(id);
  }
  out.push(`## ${KIND_FILES[kind].file}`, '');
  for (const id of chosen) {
    const passage = corpus.passageById.get(id)!;
    out.push(`### ${id}`, '');
    const sources = (sourceId: string) => {
      const source = corpus.sources.get(sourceId);
      return `\`${sourceId}\` (${source?.publisher ?? 'no publisher'}, ${source?.published ?? 'no date'})`;
    };
    passage.sentences.forEach((s, i) => {
      for (const [role, list] of [['support', s.support], ['refuted', s.corrects]] as const) {
        for (const sourceId of [...new Set(list.map((e) => e.source))]) {
          pairs++;
          out.push(`- pair ${pairs} [${role}] sentence ${i + 1}, source ${sources(sourceId)}`);
          out.push(`  - sentence: ${s.text}`);
          out.push(`  - excerpt: ${list.filter((e) => e.source === sourceId).map((e) => e.excerpt).join(' … ')}`);
        }
      }
    });
    // Field sources as shown: one citation per (field, source), its excerpts joined.
    const fieldPairs = new Map<string, { field: string; source: string; excerpts: string[] }>();
    for (const f of passage.fieldSupport) {
      const key = `${f.field}\u0000${f.source}`;
      const pair = fieldPairs.get(key) ?? { field: f.field, source: f.source, excerpts: [] };
      pair.excerpts.push(f.excerpt);
      fieldPairs.set(key, pair);
    }
    for (const f of fieldPairs.values()) {
      pairs++;
      out.push(`- pair ${pairs} [field ${f.field}] source ${sources(f.source)}`);
      out.push(`  - field value: ${JSON.stringify(fieldValue(passage.entry, f.field))}`);
      out.push(`  - excerpt: ${f.excerpts.join(' … ')}`);
    }
    out.push('');
  }
}
out.push(`Pairs: ${pairs}`);
console.log(out.join('\n'));
