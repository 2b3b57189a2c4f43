/**
 * Command definitions are plain Discord API JSON, exactly what deploy-commands sends, not
 * discord.js builders: the console and `npm run ask` load every command module, and the builders
 * would pull all of discord.js (hundreds of milliseconds) into a process that never talks to
 * Discord. The compiler checks the constants below against discord.js's own enums.
 */
import type {
  APIApplicationCommandBasicOption,
  APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType as OptionTypes,
  ApplicationCommandType as CommandTypes,
  InteractionContextType as ContextTypes,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';

export type CommandDefinition = RESTPostAPIChatInputApplicationCommandsJSONBody;
export type BasicOption = APIApplicationCommandBasicOption;
export type SubcommandOption = APIApplicationCommandSubcommandOption;

export const ChatInput: CommandTypes.ChatInput = 1;
export const OptionType: {
  Subcommand: OptionTypes.Subcommand;
  String: OptionTypes.String;
  Integer: OptionTypes.Integer;
  Boolean: OptionTypes.Boolean;
  Number: OptionTypes.Number;
} = { Subcommand: 1, String: 3, Integer: 4, Boolean: 5, Number: 10 };
export const GuildContext: ContextTypes.Guild = 0;

/** Every command takes `hide`, for an ephemeral reply only the caller sees. */
export const HIDE_OPTION: BasicOption = { type: OptionType.Boolean, name: 'hide', description: 'Only you see the reply', required: false };
