/**
 * The shape every command module in commands/ exports: its Discord definition (`data`) and
 * transport-neutral handlers. The same module serves Discord and the local console.
 */
import * as z from 'zod';
import type { CommandDefinition } from './definition.ts';
import { COMMAND_DESCRIPTION_MAX_CHARS, COMMAND_MAX_OPTIONS, COMMAND_NAME_PATTERN } from '../limits.ts';
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
  /** Asks a free question in the asker's conversation, so follow-ups keep their context. */
  ask?: (question: string) => Answer;
  /** The misses report from the feedback log (admin): declined and 👎 questions, grouped. */
  misses?: (options: { since?: string; limit: number }) => Answer;
}

export interface CommandModule {
  /** The definition registered with Discord, as the API takes it. */
  data: CommandDefinition;
  execute(engine: AnswerEngine, input: CommandInput, context?: CommandContext): Answer;
  /** Only administrators may run it, and its replies are ephemeral. */
  adminOnly?: boolean;
  /** The same, for some subcommands only ("/accords misses"). */
  adminOnlySubcommands?: readonly string[];
  /**
   * Subcommands that can take longer than Discord's 3 seconds (reading a large feedback log):
   * acknowledged with a deferred reply first, then answered.
   */
  slowSubcommands?: readonly string[];
  /** Choices for the focused option, from memory only: never awaits anything. */
  autocomplete?(engine: AnswerEngine, focused: { name: string; value: string }): AutocompleteChoice[];
}

const nameAndDescription = {
  name: z.string().regex(COMMAND_NAME_PATTERN),
  description: z.string().min(1).max(COMMAND_DESCRIPTION_MAX_CHARS),
};

interface OptionShape {
  type: number;
  name: string;
  description: string;
  options?: OptionShape[];
}

const optionSchema: z.ZodType<OptionShape> = z.lazy(() =>
  z.looseObject({ type: z.number().int().min(1), ...nameAndDescription, options: z.array(optionSchema).max(COMMAND_MAX_OPTIONS).optional() }),
);

/** Validates a command module at load, so a broken one fails start-up with its name. */
export const commandModuleSchema = z.object({
  data: z.looseObject({ ...nameAndDescription, options: z.array(optionSchema).max(COMMAND_MAX_OPTIONS).optional() }),
  execute: z.function(),
  autocomplete: z.function().optional(),
  adminOnly: z.boolean().optional(),
  adminOnlySubcommands: z.array(z.string()).optional(),
  slowSubcommands: z.array(z.string()).optional(),
});
