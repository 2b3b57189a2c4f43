/**
 * Builds the question bank (tests/eval/bank/train.jsonl, test.jsonl) from the blind writers'
 * files in tests/eval/bank/raw/: dates written as ISO strings are expanded to every written form,
 * and each question is put on one side of the split by the corpus entry it rests on, so that
 * paraphrases of one fact never sit on both sides.
 *
 *   npx tsx scripts/bank-build.ts
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitOf, type BankQuestion } from '../src/eval/bank.ts';

const dir = join(import.meta.dirname, '..', 'tests', 'eval', 'bank');
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const ordinal = (d: number) => `${d}${d % 10 === 1 && d !== 11 ? 'st' : d % 10 === 2 && d !== 12 ? 'nd' : d % 10 === 3 && d !== 13 ? 'rd' : 'th'}`;

/** Every written form of an ISO date ("2020-09-15" → "September 15", "15 Sep", "9/15/2020", …). */
export function dateForms(iso: string): string[] {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (day) {
    const [, y, m, d] = day;
    const mi = Number(m) - 1;
    const dn = Number(d);
    const month = MONTHS[mi]!;
    const short = SHORT[mi]!;
    const names = [month, short, `${short}.`, ...(short === 'Sep' ? ['Sept', 'Sept.'] : [])];
    return [
      ...names.map((n) => `${n} ${dn}`),
      ...names.filter((n) => !n.endsWith('.')).map((n) => `${dn} ${n}`),
      `${ordinal(dn)} ${month}`, `${ordinal(dn)} of ${month}`, `${month} ${ordinal(dn)}`,
      iso, `${Number(m)}/${dn}/${y}`, `${dn}/${Number(m)}/${y}`, `${d}/${m}/${y}`, `${m}/${d}/${y}`, `${dn}.${Number(m)}.${y}`, `${d}.${m}.${y}`,
    ];
  }
  const month = /^(\d{4})-(\d{2})$/.exec(iso);
  if (month) {
    const [, y, m] = month;
    const mi = Number(m) - 1;
    const names = [MONTHS[mi]!, SHORT[mi]!, `${SHORT[mi]}.`, ...(SHORT[mi] === 'Sep' ? ['Sept', 'Sept.'] : [])];
    return [...names.map((n) => `${n} ${y}`), iso];
  }
  return [iso];
}

const NUMBER_WORDS = new Set(['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve']);

const raw = readdirSync(join(dir, 'raw')).filter((f) => f.endsWith('.jsonl')).sort();
const all: BankQuestion[] = [];
const seen = new Set<string>();
for (const file of raw) {
  const lines = readFileSync(join(dir, 'raw', file), 'utf8').split('\n');
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let q: BankQuestion;
    try {
      q = JSON.parse(line);
    } catch {
      throw new Error(`${file}:${i + 1}: not JSON`);
    }
    if (!q.id || !q.q || !q.category) throw new Error(`${file}:${i + 1}: needs id, q and category`);
    if (seen.has(q.id)) throw new Error(`${file}:${i + 1}: duplicate id ${q.id}`);
    seen.add(q.id);
    q.expect = (q.expect ?? []).map((group) => {
      const expanded = [...new Set(group.flatMap((alt) => (/^\d{4}(-\d{2}){0,2}$/.test(alt) ? dateForms(alt) : [alt])))];
      // A bare small number ("4") is found inside any date; where the group also spells it ("four"), the spelling decides.
      const spelled = expanded.filter((alt) => !/^\d{1,2}$/.test(alt));
      return spelled.length && spelled.some((alt) => NUMBER_WORDS.has(alt.toLowerCase())) ? spelled : expanded;
    });
    q.source = file;
    q.split = splitOf(q);
    all.push(q);
  });
}
for (const side of ['train', 'test'] as const) {
  const rows = all.filter((q) => q.split === side);
  writeFileSync(join(dir, `${side}.jsonl`), rows.map((q) => JSON.stringify(q)).join('\n') + '\n');
  console.log(`${side}: ${rows.length}`);
}
