/**
 * The local console: the same commands and questions as on Discord, read from a terminal.
 * `respondToLine` is the whole behaviour; `runConsole` only wires it to readline.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { askInConversation, type App } from '../app.ts';

/** The console is one asker in one place. */
const CONSOLE_CONVERSATION = 'console';
import type { Answer } from '../engine/answer.ts';
import { renderText } from '../render/text.ts';
import { parseLine } from './parse.ts';
import { log } from '../log.ts';

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
  '  /help                       this list',
  'Or type a plain question. exit or Ctrl-D quits.',
].join('\n');

export interface ConsoleReply {
  text: string;
  answer?: Answer;
  exit?: boolean;
}

/**
 * Runs a command module or the engine for a line; never throws. `conversation` keeps follow-ups
 * in context ("and Bahrain?"); without it every line stands alone.
 */
export function respondToLine(app: App, line: string, conversation?: string): ConsoleReply {
  try {
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
        const answer = app.commands.get(parsed.name)!.execute(app.engine, parsed.input, {
          reload: () => app.reload(),
          ask: conversation ? (question) => askInConversation(app, conversation, question) : undefined,
        });
        return { text: renderText(answer), answer };
      }
    }
  } catch (error) {
    log.error({ err: error }, 'console command failed');
    return { text: 'Sorry, something went wrong while answering that. The error has been logged.' };
  }
}

export function runConsole(app: App, input: Readable = process.stdin, output: Writable = process.stdout): Promise<void> {
  const rl = createInterface({ input, output, prompt: 'accords> ', terminal: (input as { isTTY?: boolean }).isTTY ?? false });
  output.write('Type a question, or /help for the commands. exit or Ctrl-D quits.\n');
  rl.prompt();
  return new Promise((resolve) => {
    rl.on('line', (line) => {
      const reply = respondToLine(app, line, CONSOLE_CONVERSATION);
      if (reply.text) output.write(reply.text + '\n\n');
      if (reply.exit) rl.close();
      else rl.prompt();
    });
    rl.on('close', () => resolve());
  });
}
