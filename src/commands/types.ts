/**
 * The shape every command module in commands/ exports: its Discord definition (`data`) and
 * transport-neutral handlers. The same module serves Discord and the local console.
 */
import { z } from 'zod';
import type { SlashCommandBuilder, SlashCommandOptionsOnlyBuilder, SlashCommandSubcommandsOnlyBuilder } from 'discord.js';
import type { Answer } from '../engine/answer.ts';
import type { AnswerEngine } from '../engine/engine.ts';
import type { ReloadResult } from '../app.ts';

/** Options as parsed from a slash command or a console line, by option name. */
export interface CommandInput {
  subcommand?: string;
  options: Record<string, string | boolean | number | undefined>;
}

export interface AutocompleteChoice {
  name: string;
  value: string;
}

/** What a command may do besides answering: the admin command reloads the corpus. */
export interface CommandContext {
  reload?: () => ReloadResult;
}

export interface CommandModule {
  data: SlashCommandBuilder | SlashCommandOptionsOnlyBuilder | SlashCommandSubcommandsOnlyBuilder;
  execute(engine: AnswerEngine, input: CommandInput, context?: CommandContext): Answer;
  /** Only administrators may run it, and its replies are ephemeral. */
  adminOnly?: boolean;
  /** Choices for the focused option, from memory only: never awaits anything. */
  autocomplete?(engine: AnswerEngine, focused: { name: string; value: string }): AutocompleteChoice[];
}

/** Validates a command module at load, so a broken one fails start-up with its name. */
export const commandModuleSchema = z.object({
  data: z.object({ name: z.string().regex(/^[a-z0-9_-]{1,32}$/), description: z.string().min(1).max(100), toJSON: z.function() }),
  execute: z.function(),
  autocomplete: z.function().optional(),
  adminOnly: z.boolean().optional(),
});
