/**
 * The local console: the same commands and questions as on Discord, read from a terminal.
 * `respondToLine` is the whole behaviour; `runConsole` only wires it to readline.
 */
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { askInConversation, commandContext, type App } from '../app.ts';

/** The console is one asker in one place. */
const CONSOLE_CONVERSATION = 'console';
import type { Answer } from '../engine/answer.ts';
import { renderText } from '../render/text.ts';
import { parseLine } from './parse.ts';
import { log } from '../log.ts';
import { imagesOf, writeImages } from '../images/figures.ts';

/** Where the console writes the images of its answers. */
const CONSOLE_IMAGE_DIR = join(tmpdir(), 'accords-bot-images');

export const HELP = [
  'Commands (the same as on Discord):',
  '  /accords members            which states are members, with status and dates',
  '  /accords timeline [about:X] dated events, oldest first',
  '  /accords caveats            caveats, disputes and corrections',
  '  /accords about              what this bot knows and how current it is',
  '  /whois NAME                 a person or state: /whois Witkoff, /whois Bibi, /whois Токаев',
  '  /ask QUESTION               /ask When did Morocco join?',
  '  /source ID                  a cited passage or source, by the id shown under an answer',
  '  /reload                     re-read the corpus from disk (admin; a broken corpus keeps the last good one)',
  '  /accords misses [since:7d]  what was declined or marked :bad, grouped (from the feedback log)',
  '  :good  :bad                 rate the last answer (written to the feedback log)',
  '  /help                       this list',
  'Or type a plain question. exit or Ctrl-D quits.',
].join('\n');

export interface ConsoleReply {
  text: string;
  answer?: Answer;
  exit?: boolean;
}

/** What the console remembers between lines: the last answer, for :good and :bad. */
export interface ConsoleState {
  lastAnswerId?: string;
}

/** The console is one voter. */
const CONSOLE_VOTER = 'console';

/**
 * Runs a command module or the engine for a line; never throws. `conversation` keeps follow-ups
 * in context ("and Bahrain?"); without it every line stands alone.
 */
export function respondToLine(app: App, line: string, conversation?: string, state?: ConsoleState): ConsoleReply {
  try {
    const rating = /^\s*:(good|bad)\s*$/i.exec(line);
    if (rating) return rate(app, rating[1]!.toLowerCase() === 'good' ? 'up' : 'down', state);
    const reply = replyTo(app, line, conversation);
    if (state && reply.answer) state.lastAnswerId = app.feedback.recordAnswer(reply.answer, line.trim());
    return reply;
  } catch (error) {
    log.error({ err: error }, 'console command failed');
    return { text: 'Sorry, something went wrong while answering that. The error has been logged.' };
  }
}

function rate(app: App, vote: 'up' | 'down', state?: ConsoleState): ConsoleReply {
  if (!app.feedback.enabled) return { text: 'The feedback log is off (FEEDBACK_LOG=off), so ratings are not recorded.' };
  if (!state?.lastAnswerId) return { text: 'There is no answer to rate yet: ask something first.' };
  const result = app.feedback.vote(state.lastAnswerId, CONSOLE_VOTER, vote);
  if (result.status === 'recorded') return { text: result.changed ? 'Thanks, noted: your rating is changed.' : 'Thanks, noted.' };
  if (result.status === 'unchanged') return { text: 'Thanks, already noted.' };
  return { text: "Thanks. The feedback log can't be written right now, so that was not recorded." };
}

function replyTo(app: App, line: string, conversation?: string): ConsoleReply {
  {
    const parsed = parseLine(line, app.commands);
    switch (parsed.type) {
      case 'empty':
        return { text: '' };
      case 'exit':
        return { text: 'Bye.', exit: true };
      case 'help':
        return { text: HELP };
      case 'unknown':
        return { text: `There is no /${parsed.name} command. Type /help for the list.` };
      case 'question': {
        const answer = conversation ? askInConversation(app, conversation, parsed.text) : app.engine.ask(parsed.text);
        return { text: renderText(answer), answer };
      }
      case 'command': {
        const answer = app.commands.get(parsed.name)!.execute(app.engine, parsed.input, commandContext(app, conversation));
        return { text: renderText(answer), answer };
      }
    }
  }
}

export function runConsole(app: App, input: Readable = process.stdin, output: Writable = process.stdout): Promise<void> {
  const rl = createInterface({ input, output, prompt: 'accords> ', terminal: (input as { isTTY?: boolean }).isTTY ?? false });
  output.write(`Type a question, or /help for the commands.${app.feedback.enabled ? ' :good or :bad rates the last answer.' : ''} exit or Ctrl-D quits.\n`);
  rl.prompt();
  const state: ConsoleState = {};
  return new Promise((resolve) => {
    rl.on('line', (line) => {
      const reply = respondToLine(app, line, CONSOLE_CONVERSATION, state);
      if (reply.text) output.write(reply.text + '\n\n');
      // A terminal shows no images: each is written to a file, and its path printed.
      if (reply.answer?.figures?.length) {
        for (const path of writeImages(imagesOf(app.engine.corpus, reply.answer), CONSOLE_IMAGE_DIR)) output.write(`Image: ${path}\n\n`);
      }
      if (reply.exit) rl.close();
      else rl.prompt();
    });
    rl.on('close', () => resolve());
  });
}
