/**
 * `npx tsx scripts/check-one.ts corpus/members.json [--today YYYY-MM-DD]`: checks one kind file on
 * its own (schema, known sources, attribution), for a curator editing one file while others are
 * mid-edit. `npm run corpus:check` is the check of record; both use src/corpus/support.ts.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { KIND_FILES, KINDS, type SupportedSentence } from '../src/corpus/schema.ts';
import { fieldValue, formatProblem } from '../src/corpus/load.ts';
import { checkAttribution, type SupportReport } from '../src/corpus/support.ts';
import { fold } from '../src/text/normalize.ts';

const args = process.argv.slice(2);
const todayAt = args.indexOf('--today');
const file = args.find((a, i) => !a.startsWith('--') && (todayAt < 0 || i !== todayAt + 1)) ?? '';
const today = todayAt >= 0 ? args[todayAt + 1]! : new Date().toISOString().slice(0, 10);
const dir = dirname(file);
const kind = KINDS.find((k) => KIND_FILES[k].file === basename(file));
if (!kind) throw new Error(`not a kind file: ${file}`);

const sources = new Set<string>();
for (const name of readdirSync(join(dir, 'sources'))) {
  for (const s of JSON.parse(readFileSync(join(dir, 'sources', name), 'utf8')) as { id: string }[]) sources.add(s.id);
}
// Every name of every state and person, read loosely: other files may be mid-edit.
const aliases: string[][] = [];
for (const k of KINDS) {
  try {
    for (const e of JSON.parse(readFileSync(join(dir, KIND_FILES[k].file), 'utf8')) as Record<string, unknown>[]) {
      const name = (e.state ?? e.name) as string | undefined;
      if (name) aliases.push([name, ...((e.aliases as string[]) ?? [])].map((a) => fold(a)).filter((a) => a.length >= 3));
    }
  } catch { /* a file mid-edit */ }
}

const report: SupportReport = { problems: [], sentences: 0, pairs: 0 };
const entries = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>[];
for (const raw of entries) {
  const id = String(raw.id);
  const parsed = KIND_FILES[kind].schema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) report.problems.push({ file, id, field: issue.path.join('.'), message: issue.message });
    continue;
  }
  const entry = parsed.data as unknown as { text: SupportedSentence[]; fieldSupport: { field: string; source: string; excerpt: string }[] };
  const cited = [...entry.text.flatMap((s) => [...s.support, ...s.corrects]), ...entry.fieldSupport];
  for (const e of cited) if (!sources.has(e.source)) report.problems.push({ file, id, message: `unknown source id "${e.source}"` });
  entry.text.forEach((s, i) => {
    if (s.corrects.some((c) => s.support.some((x) => x.source === c.source))) report.problems.push({ file, id, field: `text[${i}]`, message: 'a source both supports and is corrected' });
  });
  entry.fieldSupport.forEach((f, i) => {
    if (fieldValue(raw, f.field) === undefined) report.problems.push({ file, id, field: `fieldSupport[${i}].field`, message: `the entry has no field "${f.field}"` });
  });
  const title = String(raw.name ?? raw.state ?? raw.title ?? raw.topic ?? '');
  checkAttribution(
    { id, file, title, entry: raw, fieldSupport: entry.fieldSupport, sentences: entry.text.map((s) => ({ text: s.sentence, support: s.support, corrects: s.corrects })) },
    aliases, today, report,
  );
}
for (const p of report.problems) console.log(formatProblem(p));
console.log(`${file}: ${entries.length} entries, ${report.sentences} sentences, ${report.problems.length} problems`);
process.exitCode = report.problems.length ? 1 : 0;
