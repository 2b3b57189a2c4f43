/**
 * What the bot does with a slash command, a vote or an autocomplete request, whatever carried it:
 * the gateway (bot.ts, discord.js objects) or the HTTP interactions endpoint (src/http/, raw JSON).
 * Each transport reads its interaction into a CommandRequest and sends the reply this gives back.
 */
import { commandContext, type App } from '../app.ts';
import type { CommandInput, CommandModule } from '../commands/types.ts';
import type { Cooldown } from '../cooldown.ts';
import type { Vote } from '../feedback/log.ts';
import { AUTOCOMPLETE_CHOICE_MAX_CHARS, AUTOCOMPLETE_MAX_CHOICES } from '../limits.ts';
import { log } from '../log.ts';
import type { ReplyContent } from './respond.ts';
import { truncate } from './render.ts';

export const ERROR_MESSAGE = 'Sorry, something went wrong while answering that. It has been logged; please try again.';

export interface CommandRequest {
  commandName: string;
  input: CommandInput;
  userId: string;
  channelId: string | null;
  /** The member has the Administrator permission. */
  isAdmin: boolean;
  /** The command as typed ("/whois name:Bibi"), shown above the answer. */
  restate: string;
}

/** A refusal before any work (unknown command, admins only, cooldown), or the go-ahead. */
export type CommandCheck =
  | { ok: false; reply: ReplyContent }
  | { ok: true; command: CommandModule; adminOnly: boolean; ephemeral: boolean; slow: boolean };

export interface CommandReply {
  content: ReplyContent;
  ephemeral: boolean;
  /** The answer's feedback id, for its 👍 / 👎 buttons. */
  feedbackId?: string;
}

/** A conversation is one user in one channel: a follow-up leans on their own last question there. */
export function conversationKey(channelId: string | null, userId: string): string {
  return `${channelId ?? 'dm'}:${userId}`;
}

export function checkCommand(app: App, cooldown: Cooldown, request: CommandRequest): CommandCheck {
  const command = app.commands.get(request.commandName);
  if (!command) return { ok: false, reply: { type: 'error', message: `I don't know the command /${request.commandName}. It may have been removed: try /accords about.` } };
  const subcommand = request.input.subcommand;
  const adminOnly = command.adminOnly === true || (subcommand !== undefined && command.adminOnlySubcommands?.includes(subcommand) === true);
  if (adminOnly && !request.isAdmin) {
    const name = subcommand && !command.adminOnly ? `${request.commandName} ${subcommand}` : request.commandName;
    return { ok: false, reply: { type: 'error', message: `/${name} is for server administrators only.` } };
  }
  const limit = cooldown.hit(request.userId);
  if (!limit.ok) return { ok: false, reply: { type: 'notice', message: `⏳ You're asking quickly. Try again in ${Math.ceil(limit.retryAfterMs / 1000)} s.` } };
  const slow = subcommand !== undefined && command.slowSubcommands?.includes(subcommand) === true;
  return { ok: true, command, adminOnly, ephemeral: request.input.options.hide === true || adminOnly, slow };
}

/** Runs a command that passed its check; a failure becomes the same polite error everywhere. */
export function runCommand(app: App, request: CommandRequest, check: Extract<CommandCheck, { ok: true }>): CommandReply {
  try {
    const answer = check.command.execute(app.engine, request.input, commandContext(app, conversationKey(request.channelId, request.userId)));
    const asked = answer.kind === 'no_answer' || check.command.data.name === 'ask' ? answer.query : request.restate;
    const feedbackId = check.adminOnly ? undefined : app.feedback.recordAnswer(answer, asked);
    return { content: { type: 'answer', answer, restate: request.restate }, ephemeral: check.ephemeral, feedbackId };
  } catch (error) {
    log.error({ err: error, command: request.commandName }, 'command failed');
    return { content: { type: 'error', message: ERROR_MESSAGE }, ephemeral: true };
  }
}

/** A 👍 / 👎 press: written to the feedback log before it is acknowledged, only to the voter. */
export function voteReply(app: App, answerId: string, voterId: string, vote: Vote): ReplyContent {
  const result = app.feedback.vote(answerId, voterId, vote);
  const message =
    result.status === 'recorded'
      ? result.changed ? 'Thanks, noted: your vote is changed.' : 'Thanks, noted.'
      : result.status === 'unchanged'
        ? 'Thanks, already noted.'
        : "Thanks. Feedback can't be recorded right now.";
  return { type: 'notice', message };
}

/** Choices for an autocomplete request, within Discord's limits; never throws. */
export function autocompleteChoices(app: App, commandName: string, focused: { name: string; value: string }): { name: string; value: string }[] {
  let choices: { name: string; value: string }[] = [];
  try {
    choices = app.commands.get(commandName)?.autocomplete?.(app.engine, focused) ?? [];
  } catch (error) {
    log.error({ err: error }, 'autocomplete failed');
  }
  return choices.slice(0, AUTOCOMPLETE_MAX_CHOICES).map((c) => ({ name: truncate(c.name, AUTOCOMPLETE_CHOICE_MAX_CHARS), value: truncate(c.value, AUTOCOMPLETE_CHOICE_MAX_CHARS) }));
}
