/**
 * Builds the pipeline once: corpus files → validated passages → index → answer engine, plus the
 * command modules. Every entry point (console, ask, Discord) starts here.
 */
import { loadCorpus } from './corpus/load.ts';
import { buildIndex } from './search/index.ts';
import { AnswerEngine } from './engine/engine.ts';
import { loadCommands } from './commands/registry.ts';
import type { CommandModule } from './commands/types.ts';
import { corpusDir } from './paths.ts';
import { log } from './log.ts';

export interface App {
  engine: AnswerEngine;
  commands: Map<string, CommandModule>;
}

export function createApp(dir = corpusDir): App {
  const started = performance.now();
  const corpus = loadCorpus(dir);
  const loadMs = performance.now() - started;
  const index = buildIndex(corpus);
  const engine = new AnswerEngine(corpus, index);
  log.info(
    { passages: corpus.passages.length, sources: corpus.sources.size, loadMs: round(loadMs), indexBuildMs: round(index.buildMs) },
    `corpus loaded and index built in ${round(loadMs + index.buildMs)} ms`,
  );
  return { engine, commands: loadCommands() };
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
