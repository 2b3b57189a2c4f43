/**
 * The shape every command module in commands/ exports: its Discord definition (`data`) and
 * transport-neutral handlers. The same module serves Discord and the local console.
 */
import { z } from 'zod';
import type { SlashCommandBuilder, SlashCommandOptionsOnlyBuilder, SlashCommandSubcommandsOnlyBuilder } from 'discord.js';
import type { Answer } from '../engine/answer.ts';
import type { AnswerEngine } from '../engine/engine.ts';

/** Options as parsed from a slash command or a console line, by option name. */
export interface CommandInput {
  subcommand?: string;
  options: Record<string, string | boolean | number | undefined>;
}

export interface AutocompleteChoice {
  name: string;
  value: string;
}

export interface CommandModule {
  data: SlashCommandBuilder | SlashCommandOptionsOnlyBuilder | SlashCommandSubcommandsOnlyBuilder;
  execute(engine: AnswerEngine, input: CommandInput): Answer;
  /** Choices for the focused option, from memory only: never awaits anything. */
  autocomplete?(engine: AnswerEngine, focused: { name: string; value: string }): AutocompleteChoice[];
}

/** Validates a command module at load, so a broken one fails start-up with its name. */
export const commandModuleSchema = z.object({
  data: z.object({ name: z.string().regex(/^[a-z0-9_-]{1,32}$/), description: z.string().min(1).max(100), toJSON: z.function() }),
  execute: z.function(),
  autocomplete: z.function().optional(),
});
