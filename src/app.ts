/**
 * Builds the pipeline: corpus files → validated passages → index → answer engine, plus the
 * command modules. Every entry point (console, ask, Discord) starts here. `reload` rebuilds it
 * from disk and swaps it in only if the new corpus is valid: a failed reload keeps the last good
 * engine serving.
 */
import { CorpusError, loadCorpus } from './corpus/load.ts';
import { buildIndex } from './search/index.ts';
import { readSnapshot } from './corpus/snapshot.ts';
import { ABSTAIN, AnswerEngine } from './engine/engine.ts';
import { loadCommands } from './commands/registry.ts';
import type { CommandModule } from './commands/types.ts';
import { corpusDir } from './paths.ts';
import { log } from './log.ts';
import { Conversations } from './engine/followup.ts';
import type { Answer } from './engine/answer.ts';
import { Feedback } from './feedback/feedback.ts';
import { FeedbackLog, readEvents } from './feedback/log.ts';
import { missesAnswer } from './feedback/misses.ts';
import type { CommandContext } from './commands/types.ts';

/** Answer kinds that come from reading a question, and so can be the context of the next one. */
const QUESTION_KINDS = new Set<Answer['kind']>(['answer', 'list', 'profile', 'timeline', 'no_answer']);

/**
 * Asks the engine with the asker's previous question as context, and remembers this one.
 * `conversation` names the asker and the place (user and channel on Discord).
 */
export function askInConversation(app: App, conversation: string, question: string): Answer {
  const answer = app.engine.ask(question, app.conversations.previous(conversation));
  if (QUESTION_KINDS.has(answer.kind)) {
    // What the answer was about, for a follow-up when the question named nobody ("which is the newest?").
    const subject = answer.kind === 'no_answer' ? undefined : app.engine.resolver.find(answer.text.slice(0, 200), { fuzzy: false })[0]?.entity.name;
    app.conversations.remember(conversation, `${answer.understoodAs ?? answer.query}${subject ? `\t${subject}` : ''}`);
  }
  return answer;
}

/** What a command may do besides answering, the same on every transport. */
export function commandContext(app: App, conversation?: string): CommandContext {
  return {
    reload: () => app.reload(),
    ask: conversation ? (question) => askInConversation(app, conversation, question) : undefined,
    misses: ({ since, limit }) => {
      const path = app.feedback.log?.path;
      if (!path) return { kind: 'admin', query: '/accords misses', citations: [], text: 'The feedback log is off (FEEDBACK_LOG=off), so there are no misses to report.' };
      const { events, skipped } = readEvents(path);
      return missesAnswer(events, app.engine, { since, limit, skipped });
    },
  };
}

export type ReloadResult =
  | { ok: true; passages: number; previousPassages: number; sources: number; ms: number }
  | { ok: false; error: string };

export interface App {
  engine: AnswerEngine;
  /** Each asker's last question, so that follow-ups are read with it. */
  conversations: Conversations;
  commands: Map<string, CommandModule>;
  /** Votes and the feedback log (off unless a log path is given). */
  feedback: Feedback;
  /** Re-reads the corpus; swaps in the new engine only when it loaded without problems. */
  reload(): ReloadResult;
}

/**
 * The engine for the corpus in `dir`: from a prebuilt snapshot when one is given and still matches
 * the files (start-up only; see corpus/snapshot.ts), otherwise loaded, validated and indexed.
 */
export function buildEngine(dir: string, snapshotFile?: string): AnswerEngine {
  const started = performance.now();
  const snapshot = snapshotFile ? readSnapshot(snapshotFile, dir) : undefined;
  if (snapshot) {
    const engine = new AnswerEngine(snapshot.corpus, snapshot.index, ABSTAIN, snapshot.prepared);
    const ms = round(performance.now() - started);
    log.info({ passages: snapshot.corpus.passages.length, sources: snapshot.corpus.sources.size, ms }, `corpus and index loaded from the prebuilt snapshot in ${ms} ms`);
    return engine;
  }
  const corpus = loadCorpus(dir);
  const loadMs = performance.now() - started;
  const index = buildIndex(corpus);
  const engine = new AnswerEngine(corpus, index);
  log.info(
    { passages: corpus.passages.length, sources: corpus.sources.size, loadMs: round(loadMs), indexBuildMs: round(index.buildMs) },
    `corpus loaded and index built in ${round(loadMs + index.buildMs)} ms`,
  );
  return engine;
}

export interface AppOptions {
  snapshotFile?: string;
  /** The feedback log's path; without it nothing is logged and answers carry no vote buttons. */
  feedbackLog?: string;
  feedbackLogMaxBytes?: number;
}

export function createApp(dir = corpusDir, options: AppOptions = {}): App {
  const app: App = {
    engine: buildEngine(dir, options.snapshotFile),
    commands: loadCommands(),
    feedback: new Feedback(options.feedbackLog ? new FeedbackLog(options.feedbackLog, { maxBytes: options.feedbackLogMaxBytes }) : undefined),
    conversations: new Conversations(),
    reload() {
      const started = performance.now();
      try {
        const next = buildEngine(dir);
        const previousPassages = app.engine.corpus.passages.length;
        app.engine = next;
        const result = { ok: true as const, passages: next.corpus.passages.length, previousPassages, sources: next.corpus.sources.size, ms: round(performance.now() - started) };
        log.info(result, 'corpus reloaded');
        return result;
      } catch (error) {
        const message = error instanceof CorpusError ? error.message : `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
        log.error({ err: error }, 'corpus reload failed; the last good corpus is still serving');
        return { ok: false, error: message };
      }
    },
  };
  return app;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
