import { loadCorpus } from '../src/corpus/load.ts';
import { writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
const corpus = loadCorpus(new URL('../corpus', import.meta.url).pathname);
const list: string[] = [];
for (const p of corpus.passages) {
  const e: any = { ...(p.entry as any) };
  delete e.fieldSupport;
  if (Array.isArray(e.text)) e.text = e.text.map((s: any) => s.sentence);
  if (p.kind === 'article') { e.text = p.text; e.note = 'A paragraph of a news article published on 2025-11-06 about Kazakhstan joining the Abraham Accords.'; }
  const h = createHash('sha1').update(p.id).digest()[0];
  const split = h < 154 ? 'train' : 'test';
  const out = { passageId: p.id, kind: p.kind, title: p.title, ...e };
  writeFileSync(`/tmp/qbank/entries/${p.id}.json`, JSON.stringify(out, null, 2));
  list.push(`${p.id}\t${p.kind}\t${split}`);
}
writeFileSync('/tmp/qbank/list.tsv', list.join('\n') + '\n');
console.log(list.length);
