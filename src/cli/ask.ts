/**
 * `npm run ask -- "question"` (text), `--json` (one object), `--jsonl` (stdin, one question a
 * line, plain or {"id","q"}, with "turns" for a conversation ending in q; one JSON object a line
 * out, in order). Slash commands work too. `--image DIR` writes the images of an answer (a members
 * map, a timeline chart) to DIR and lists their paths (text: "Image: PATH"; JSON: "images").
 * Answers go to stdout; logs to stderr.
 */
import { createInterface } from 'node:readline';
import { createApp } from '../app.ts';
import { respondToLine } from '../console/session.ts';
import type { Answer } from '../engine/answer.ts';
import { toJson } from '../render/json.ts';
import { imagesOf, writeImages } from '../images/figures.ts';
import { CorpusError } from '../corpus/load.ts';
import { log } from '../log.ts';

const args = process.argv.slice(2);
const mode = args.includes('--jsonl') ? 'jsonl' : args.includes('--json') ? 'json' : 'text';
// --image DIR: the images of each answer (a members map, a timeline chart) are written to DIR.
const imageAt = args.indexOf('--image');
const imageDir = imageAt >= 0 ? args[imageAt + 1] : undefined;
if (imageAt >= 0 && (!imageDir || imageDir.startsWith('--'))) {
  console.error('ask: --image needs a folder to write the images to, e.g. --image ./images');
  process.exit(2);
}
const question = args.filter((a, i) => a !== '--json' && a !== '--jsonl' && (imageAt < 0 || (i !== imageAt && i !== imageAt + 1))).join(' ');

/** The answer's images written to --image DIR, if given: their paths. */
function imagesWritten(answer: Answer): string[] {
  return imageDir ? writeImages(imagesOf(app!.engine.corpus, answer), imageDir) : [];
}

let app;
try {
  app = createApp();
} catch (error) {
  if (error instanceof CorpusError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

let conversations = 0;

/**
 * Answers `line`; with `turns`, the earlier turns of a conversation are asked first, in one
 * conversation of their own, so the last question is read as their follow-up.
 */
function answerFor(line: string, turns: string[] = []): Answer {
  const conversation = turns.length ? `jsonl-${++conversations}` : undefined;
  for (const turn of turns) respondToLine(app!, turn, conversation);
  // An empty question gets the engine's help on how to ask, as on Discord.
  if (!line.trim()) return app!.engine.ask(line);
  const reply = respondToLine(app!, line, conversation);
  return reply.answer ?? { kind: 'help', query: line, text: reply.text, citations: [] };
}

if (mode === 'jsonl') {
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const raw of rl) {
    if (!raw.trim()) continue;
    let id: unknown;
    let q = raw;
    let turns: string[] = [];
    try {
      const parsed: unknown = JSON.parse(raw);
      if (parsed && typeof parsed === 'object' && 'q' in parsed) {
        id = (parsed as { id?: unknown }).id;
        q = String((parsed as { q: unknown }).q ?? '');
        const given = (parsed as { turns?: unknown }).turns;
        // `turns` holds the whole conversation, `q` included as its last turn.
        if (Array.isArray(given)) turns = given.map(String).slice(0, -1);
      } else if (typeof parsed === 'string') q = parsed;
    } catch {
      // a plain-text line
    }
    let answer: Answer;
    try {
      answer = answerFor(q, turns);
    } catch (error) {
      log.error({ err: error, id }, 'answering failed');
      answer = { kind: 'error', query: q, text: 'Sorry, something went wrong while answering that.', citations: [] };
    }
    const images = imagesWritten(answer);
    process.stdout.write(JSON.stringify({ ...toJson(answer, id), ...(images.length ? { images } : {}) }) + '\n');
  }
} else {
  if (!question.trim()) {
    console.error('usage: npm run ask -- "When did Morocco join?" [--json]   or   npm run ask -- --jsonl < questions.jsonl');
    process.exit(2);
  }
  const reply = respondToLine(app, question);
  const answer = reply.answer ?? { kind: 'help', query: question, text: reply.text, citations: [] };
  const images = imagesWritten(answer);
  process.stdout.write(
    (mode === 'json' ? JSON.stringify({ ...toJson(answer), ...(images.length ? { images } : {}) }) : reply.text + images.map((path) => `\nImage: ${path}`).join('')) + '\n',
  );
}
