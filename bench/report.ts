/** Renders bench/results.md from the figures `npm run bench` measured. */
import type { BenchResults } from './run.ts';

const ms = (x: number | null | undefined, digits = 2) => (x == null || Number.isNaN(x) ? 'n/a' : `${x.toFixed(digits)} ms`);
const mb = (x: number) => `${x.toFixed(1)} MB`;
const pct = (x: number) => `${x.toFixed(1)}%`;
const int = (x: number) => Math.round(x).toLocaleString('en-US');

function verdict(ok: boolean): string {
  return ok ? 'met' : '**missed**';
}

export function renderResults(r: BenchResults, quick: boolean): string {
  const real = r.scale.find((s) => s.factor === 1)!;
  const hundred = r.scale.find((s) => s.factor === 100);
  const cold = r.coldStart;
  // `npm start` reads the snapshot; the other two are what it would cost without one.
  const startup = cold.snapshot.firstAnswer;
  const d = r.discord;
  const lines: string[] = [];
  lines.push('# Benchmark results');
  lines.push('');
  lines.push(
    `Written by \`npm run bench\`${quick ? ' --quick (a reduced run: fewer rounds and factors; not the reference figures)' : ''} on ${r.date.slice(0, 10)}, commit ${r.commit}. ` +
      `Machine: ${r.machine.cores} × ${r.machine.cpu}, Node ${r.machine.node}; load average ${r.machine.loadAverageAtStart.map((x) => x.toFixed(2)).join(' ')} at the start` +
      `${r.machine.loadAverageAtEnd ? ` and ${r.machine.loadAverageAtEnd.map((x) => x.toFixed(2)).join(' ')} at the end` : ''}. The whole run took ${r.totalSeconds.toFixed(0)} s.`,
  );
  lines.push('');
  lines.push(
    `Questions: ${r.questions.total} (${r.questions.dev} from the dev set${r.questions.devFile ? ` \`${r.questions.devFile}\`` : ', not found'}, ${r.questions.own} of our own in \`tests/eval/own.jsonl\`). ` +
      'Latencies are per answer, in one process, after a warm-up round, with `performance.now()` around `engine.ask`; each figure is the median over runs, and ratios to the baseline are taken within each run.',
  );
  lines.push('');
  lines.push('## Targets');
  lines.push('');
  lines.push('| target | result | |');
  lines.push('|---|---|---|');
  lines.push(`| answer p99 ≤ 1 ms, real corpus | ${ms(real.engine.p99)} (p50 ${ms(real.engine.p50)}) | ${verdict(real.engine.p99 <= 1)} |`);
  if (hundred) lines.push(`| answer p99 ≤ 20 ms at 100× | ${ms(hundred.engine.p99)} (p50 ${ms(hundred.engine.p50)}) | ${verdict(hundred.engine.p99 <= 20)} |`);
  lines.push(
    `| cold start ≤ 300 ms to ready to answer | ${ms(startup, 0)} from process start to the first answer, with the prebuilt snapshot \`npm start\` uses (${ms(cold.build.firstAnswer, 0)} validating and indexing at start); ` +
      `\`npm start\`'s console, spawn to its first answer on screen: ${ms(cold.npmStartBundled.firstAnswerMs, 0)} | ${verdict(startup <= 300)} |`,
  );
  if (r.devAccuracy) {
    const gap = r.devAccuracy.engine.percent - r.devAccuracy.baseline.percent;
    lines.push(`| dev-set accuracy ≥ 30 points above the baseline | ${pct(r.devAccuracy.engine.percent)} against ${pct(r.devAccuracy.baseline.percent)}: +${gap.toFixed(1)} points | ${verdict(gap >= 30)} |`);
  }
  lines.push(`| ≥ 1,000 \`/ask\` interactions per second through the fake Discord | ${int(d.ask.perSecond)} per second | ${verdict(d.ask.perSecond >= 1000)} |`);
  lines.push(`| RSS growth ≤ 20 MB over 10,000 interactions | ${mb(d.memory.growth.rssMb)} over ${int(d.memory.interactions)} | ${verdict(d.memory.growth.rssMb <= 20 && d.memory.interactions >= 10_000)} |`);
  lines.push(`| \`npm run bench\` under 10 minutes | ${(r.totalSeconds / 60).toFixed(1)} minutes | ${verdict(r.totalSeconds < 600)} |`);
  lines.push('');
  lines.push('## Answers against the baseline, from 1× to 1000× the corpus');
  lines.push('');
  lines.push(
    'Baseline: MiniSearch with default options (fields title and text; every query term ORed; no stop words, stemming or fuzziness) over the same passages, answering with its top passage. ' +
      'Synthetic corpora keep the real passages and add generated ones (an order-2 word chain trained on the real passages, fixed seed; `bench/synthetic.ts`). They reuse the real vocabulary, so every word\'s posting list grows with the factor: a worst case for search, since a real corpus 1000× larger would also have many more distinct words.',
  );
  lines.push('');
  lines.push('| corpus | passages | engine p50 / p95 / p99 | baseline p50 / p95 / p99 | ratio p50, p99 | engine accuracy | baseline accuracy | questions × rounds × runs |');
  lines.push('|---|---|---|---|---|---|---|---|');
  for (const s of r.scale) {
    lines.push(
      `| ${s.factor}× | ${int(s.passages)} | ${ms(s.engine.p50)} / ${ms(s.engine.p95)} / ${ms(s.engine.p99)} | ${ms(s.baseline.p50)} / ${ms(s.baseline.p95)} / ${ms(s.baseline.p99)} | ` +
        `${s.ratio.p50.toFixed(2)}, ${s.ratio.p99.toFixed(2)} | ${pct(s.engineAccuracy.percent)} | ${pct(s.baselineAccuracy.percent)} | ${s.questions} × ${s.rounds} × ${s.runs} |`,
    );
  }
  lines.push('');
  lines.push(
    'At 100× and 1000× a sample of the questions (every third, every fifteenth) is timed once, and that pass is also what is scored. Accuracy on a synthetic corpus says how well the real answers survive among generated passages that use the same words; it is not the dev-set figure.',
  );
  const capped = r.scale.find((s) => s.capped?.length);
  if (capped) {
    lines.push('');
    lines.push(
      `The trade-off at ${capped.factor}×: the same questions when a query term held by more than a given number of passages is not searched for (the default drops only terms held by more than half of a corpus above 5,000 passages).`,
    );
    lines.push('');
    lines.push('| cap on passages per term | p50 | p95 | p99 | accuracy |');
    lines.push('|---|---|---|---|---|');
    lines.push(`| default | ${ms(capped.engine.p50, 1)} | ${ms(capped.engine.p95, 1)} | ${ms(capped.engine.p99, 1)} | ${pct(capped.engineAccuracy.percent)} |`);
    for (const c of capped.capped!) {
      lines.push(`| ${int(c.cap)} | ${ms(c.engine.p50, 1)} | ${ms(c.engine.p95, 1)} | ${ms(c.engine.p99, 1)} | ${pct(c.engineAccuracy.percent)} |`);
    }
  }
  if (r.devAccuracy) {
    lines.push('');
    lines.push(`On the dev set alone (real corpus): engine ${r.devAccuracy.engine.passed}/${r.devAccuracy.engine.total}, baseline ${r.devAccuracy.baseline.passed}/${r.devAccuracy.baseline.total}.`);
  }
  lines.push('');
  lines.push('## Index and memory');
  lines.push('');
  lines.push('| corpus | words | distinct words | index build | engine ready | baseline build | serialized index | `toJSON` + stringify | parse + `loadJS` | heap growth | RSS growth |');
  lines.push('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const s of r.scale) {
    lines.push(
      `| ${s.factor}× | ${int(s.words)} | ${int(s.distinctWords)} | ${ms(s.indexBuildMs, 0)} | ${ms(s.engineReadyMs, 0)} | ${ms(s.baselineBuildMs, 0)} | ` +
        `${s.serializedBytes == null ? `failed: ${s.serializeError}` : mb(s.serializedBytes / 1e6)} | ${ms(s.serializeMs, 0)} | ${ms(s.loadMs, 0)} | ${mb(s.heapMb)} | ${mb(s.rssMb)} |`,
    );
  }
  lines.push('');
  lines.push('## Where an answer\'s time goes');
  lines.push('');
  lines.push('Average per answer on the real corpus over the same questions (3 rounds), with each step wrapped in a timer. For comparison, the baseline (one plain MiniSearch query and nothing else) is in the first table.');
  lines.push('');
  const phased = r.scale.filter((s) => s.phases);
  lines.push(`| step | ${phased.map((s) => `${s.factor}×`).join(' | ')} |`);
  lines.push(`|---|${phased.map(() => '---').join('|')}|`);
  for (const key of Object.keys(phased[0]?.phases ?? {})) {
    lines.push(`| ${key} | ${phased.map((s) => ms(s.phases![key], 3)).join(' | ')} |`);
  }
  lines.push('');
  lines.push('## Cold start');
  lines.push('');
  lines.push(
    `Median of ${cold.runs} runs, each a new process, interleaved. Times are from process start (\`performance.now()\` in the child) to the end of each step; "wall" is spawn to exit as the parent saw it. ` +
      'The child is bundled with esbuild exactly as `npm start` is (`scripts/build.mjs`).',
  );
  lines.push('');
  lines.push('| start-up | modules loaded | corpus loaded | index ready | engine ready | first answer | wall |');
  lines.push('|---|---|---|---|---|---|---|');
  for (const [label, t] of [
    ['corpus validated, index built at start', cold.build],
    ['corpus validated, index loaded from a serialized file', cold.load],
    ['corpus and index from the prebuilt snapshot (what `npm start` does)', cold.snapshot],
  ] as const) {
    lines.push(`| ${label} | ${ms(t.imported, 0)} | ${ms(t.corpusLoaded, 0)} | ${ms(t.indexReady, 0)} | ${ms(t.engineReady, 0)} | ${ms(t.firstAnswer, 0)} | ${ms(t.wall, 0)} |`);
  }
  lines.push('');
  lines.push(
    `Serialized index: ${mb(cold.serializedIndexBytes / 1e6)}. The console as \`npm start\` runs it (\`node dist/main.mjs\`), spawn to the first answer on screen: ${ms(cold.npmStartBundled.firstAnswerMs, 0)}; ` +
      `the same sources run through tsx instead of the bundle: ${ms(cold.npmStartTsx.firstAnswerMs, 0)}.`,
  );
  lines.push('');
  lines.push('## The Discord path');
  lines.push('');
  lines.push(
    `The real discord.js ${d.discordJs} Client in this process, against the test suite's fake Discord (REST and gateway on 127.0.0.1, \`tests/helpers/fake-discord.ts\`), ` +
      `${d.window} interactions in flight, from ${int(d.users)} users, after ${int(d.warmup)} of each kind as warm-up. Latency is from the gateway dispatch to the fake receiving the interaction callback.`,
  );
  lines.push('');
  lines.push('| | answered | per second | p50 | p95 | p99 | errors |');
  lines.push('|---|---|---|---|---|---|---|');
  for (const [label, p] of [
    ['`/ask`', d.ask],
    ['`/whois` autocomplete', d.autocomplete],
    ['`/ask`, one at a time', d.serial.ask],
    ['autocomplete, one at a time', d.serial.autocomplete],
  ] as const) {
    lines.push(`| ${label} | ${int(p.answered)} / ${int(p.dispatched)} | ${int(p.perSecond)} | ${ms(p.latencyMs.p50)} | ${ms(p.latencyMs.p95)} | ${ms(p.latencyMs.p99)} | ${p.httpErrors + p.missing + p.errorReplies} |`);
  }
  lines.push('');
  lines.push(
    `discord.js's client-side REST limit \`rest.globalRequestsPerSecond\` is ${d.globalRequestsPerSecond}. Discord does not count interaction callbacks against the global rate limit, and @discordjs/rest does not either, ` +
      'so replies to slash commands and autocomplete are not capped by it; follow-ups and channel messages (answers to mentions) are, at 50 a second per bot.',
  );
  lines.push('');
  lines.push('## Memory over time');
  lines.push('');
  lines.push(
    `RSS ${mb(d.memory.before.rssMb)} before and ${mb(d.memory.after.rssMb)} after ${int(d.memory.interactions)} answered \`/ask\` interactions (growth ${mb(d.memory.growth.rssMb)}); ` +
      `heap ${mb(d.memory.before.heapUsedMb)} → ${mb(d.memory.after.heapUsedMb)} (after a forced GC). discord.js caches at the end: ${d.caches.users} users, ${d.caches.members} members, ` +
      `${d.caches.channels} channels, ${d.caches.messages} messages. The bound (\`createClient\` in \`src/discord/bot.ts\`): no messages, at most 100 members per guild and 1,000 users ` +
      '(always keeping the bot itself), no presences, reactions, voice states, emojis, stickers, bans, invites or thread members; guilds, channels and roles are cached whole, as discord.js requires. ' +
      'The per-user cooldown forgets users whose attempts have expired, at most once per cooldown window (`COOLDOWN_SECONDS`), once it holds 10,000.',
  );
  lines.push('');
  lines.push('Reproduce: `npm run bench` (add `-- --quick` for a short check of the harness).');
  lines.push('');
  if (r.bank) {
    const { sides, makeUp } = r.bank;
    const share = (n: number) => `${((100 * n) / makeUp.questions).toFixed(1)}%`;
    const cell = (c: { pass: number; all: number } | undefined) => (c ? `${((100 * c.pass) / c.all).toFixed(1)}% (${c.pass}/${c.all})` : '-');
    lines.push('');
    lines.push('## Question bank (written blind; issue 12)');
    lines.push('');
    lines.push(
      `\`tests/eval/bank/\`: ${makeUp.questions} questions, ${share(makeUp.casual)} casual, ${share(makeUp.otherLanguage)} in other languages ` +
        `(${Object.entries(makeUp.byLanguage).sort((a, b) => b[1] - a[1]).map(([l, n]) => `${l} ${n}`).join(', ')}), ${share(makeUp.unanswerable)} unanswerable, ` +
        `${makeUp.conversations} follow-up conversations; split by corpus entry: train ${sides.train.all}, test ${sides.test.all}. Scored as \`npm run eval\` scores them.`,
    );
    lines.push('');
    lines.push('| category | train | test |');
    lines.push('|---|---|---|');
    const categories = [...new Set([...Object.keys(sides.train.byCategory), ...Object.keys(sides.test.byCategory)])].sort();
    for (const c of categories) lines.push(`| ${c} | ${cell(sides.train.byCategory[c])} | ${cell(sides.test.byCategory[c])} |`);
    lines.push(`| **overall** | **${cell({ pass: sides.train.passed, all: sides.train.all })}** | **${cell({ pass: sides.test.passed, all: sides.test.all })}** |`);
    lines.push('');
  }
  return lines.join('\n');
}
