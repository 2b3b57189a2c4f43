/**
 * `npx tsx scripts/check-one.ts corpus/members.json [--today YYYY-MM-DD]`: checks one kind file on
 * its own (schema, known sources, attribution), for a curator editing one file while others are
 * mid-edit. `npm run corpus:check` is the check of record.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { KIND_FILES, KINDS } from '../src/corpus/schema.ts';
import { fieldValue } from '../src/corpus/load.ts';
import { bySource, passedExpectation, sharesAnchor } from '../src/corpus/support.ts';
import { fold } from '../src/text/normalize.ts';

const args = process.argv.slice(2);
const todayAt = args.indexOf('--today');
const file = args.find((a, i) => !a.startsWith('--') && (todayAt < 0 || i !== todayAt + 1)) ?? '';
const today = args.includes('--today') ? args[args.indexOf('--today') + 1]! : new Date().toISOString().slice(0, 10);
const dir = dirname(file);
const kind = KINDS.find((k) => KIND_FILES[k].file === basename(file));
if (!kind) throw new Error(`not a kind file: ${file}`);

const sources = new Set<string>();
for (const name of readdirSync(join(dir, 'sources'))) {
  for (const s of JSON.parse(readFileSync(join(dir, 'sources', name), 'utf8')) as { id: string }[]) sources.add(s.id);
}
const aliases: string[][] = [];
for (const k of KINDS) {
  try {
    for (const e of JSON.parse(readFileSync(join(dir, KIND_FILES[k].file), 'utf8')) as Record<string, unknown>[]) {
      const name = (e.state ?? e.name) as string | undefined;
      if (name) aliases.push([name, ...((e.aliases as string[]) ?? [])].map((a) => fold(a)).filter((a) => a.length >= 3));
    }
  } catch { /* a file mid-edit */ }
}

let problems = 0;
const report = (id: string, field: string, message: string) => {
  problems++;
  console.log(`${file}: entry "${id}" field "${field}": ${message}`);
};
const entries = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>[];
let sentences = 0;
for (const raw of entries) {
  const id = String(raw.id);
  const parsed = KIND_FILES[kind].schema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) report(id, issue.path.join('.'), issue.message);
    continue;
  }
  const entry = parsed.data as unknown as { text: { sentence: string; support: { source: string; excerpt: string }[]; corrects: { source: string; excerpt: string }[] }[]; fieldSupport: { field: string; source: string; excerpt: string }[] };
  entry.text.forEach((s, i) => {
    sentences++;
    for (const [role, list] of [['support', s.support], ['corrects', s.corrects]] as const) {
      for (const [source, excerpts] of bySource(list)) {
        if (!sources.has(source)) report(id, `text[${i}].${role}`, `unknown source id "${source}"`);
        if (!sharesAnchor(s.sentence, excerpts.join(' … '), aliases)) report(id, `text[${i}].${role}`, `the excerpt(s) of "${source}" share no name, number or date with the sentence`);
      }
    }
    if (s.corrects.some((c) => s.support.some((x) => x.source === c.source))) report(id, `text[${i}]`, 'a source both supports and is corrected');
    const stale = passedExpectation(s.sentence, today);
    if (stale) report(id, `text[${i}]`, `states as still to come something dated ${stale}, which has passed`);
  });
  entry.fieldSupport.forEach((f, i) => {
    if (!sources.has(f.source)) report(id, `fieldSupport[${i}]`, `unknown source id "${f.source}"`);
    const value = fieldValue(raw, f.field);
    if (value === undefined) report(id, `fieldSupport[${i}].field`, `the entry has no field "${f.field}"`);
    else if (!sharesAnchor(`${String(raw.name ?? raw.state ?? raw.title ?? '')} ${typeof value === 'string' ? value : JSON.stringify(value)}`, f.excerpt, aliases)) {
      report(id, `fieldSupport[${i}]`, `the excerpt of "${f.source}" shares no name, number or date with field "${f.field}"`);
    }
  });
}
console.log(`${file}: ${entries.length} entries, ${sentences} sentences, ${problems} problems`);
process.exitCode = problems ? 1 : 0;
