/**
 * One interaction from Discord's HTTP endpoint, as raw JSON, to the reply it gets: the same
 * checks, commands, votes and autocomplete as the gateway (src/discord/dispatch.ts), read from
 * the API's own JSON instead of discord.js objects. Pure apart from what the commands do (the
 * cooldown, the feedback log), so tests call it without a server; the signature has been checked
 * before anything gets here (src/http/interactions.ts).
 *
 * This endpoint keeps no state between requests and answers every interaction in its HTTP
 * response: it never holds the interaction token, so it never sends a follow-up.
 */
import type {
  APIActionRowComponent,
  APIEmbed,
  APIInteractionResponse,
  APIInteractionResponseCallbackData,
  APIMessageTopLevelComponent,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
} from 'discord.js';
import type { App } from '../app.ts';
import type { CommandInput } from '../commands/types.ts';
import type { Cooldown } from '../cooldown.ts';
import { ERROR_MESSAGE, autocompleteChoices, checkCommand, runCommand, voteReply, type CommandRequest } from '../discord/dispatch.ts';
import { PAGE_BUTTON_PREFIX } from '../discord/pages.ts';
import { buildPayload, type Payload, type ReplyContent } from '../discord/respond.ts';

/** A long answer here has no page buttons (no state between requests): the footer says so. */
export const REST_NOT_HERE = 'the rest is not shown here; narrow it down, e.g. /accords timeline about:Morocco';
import { parseFeedbackButtonId } from '../feedback/feedback.ts';
import { log } from '../log.ts';

// The API's numbers, checked by the compiler against discord.js's own enums (as in commands/definition.ts).
const PING: InteractionType.Ping = 1;
const APPLICATION_COMMAND: InteractionType.ApplicationCommand = 2;
const MESSAGE_COMPONENT: InteractionType.MessageComponent = 3;
const AUTOCOMPLETE: InteractionType.ApplicationCommandAutocomplete = 4;
const PONG: InteractionResponseType.Pong = 1;
const CHANNEL_MESSAGE: InteractionResponseType.ChannelMessageWithSource = 4;
const AUTOCOMPLETE_RESULT: InteractionResponseType.ApplicationCommandAutocompleteResult = 8;
const EPHEMERAL: MessageFlags.Ephemeral = 64;
/** The option type of a subcommand (ApplicationCommandOptionType.Subcommand). */
const SUBCOMMAND_OPTION = 1;

/** The Administrator permission bit: `member.permissions` is the member's bitfield in decimal. */
const ADMINISTRATOR = 1n << 3n;
/** A permission bitfield has at most 64 bits today; more digits than this is not one. */
const PERMISSIONS_MAX_DIGITS = 40;
/** Discord ids are 64-bit integers in decimal. */
const SNOWFLAKE = /^\d{1,20}$/;
/** Options nest at most as a group, its subcommand, then the subcommand's options; deeper is ignored. */
const OPTION_NESTING_MAX = 3;

/** No page store here (see the module comment), so the page buttons of a gateway answer cannot turn. */
export const PAGES_NOT_HERE = "These pages can't be turned here: run the command again.";
export const UNKNOWN_BUTTON = "That button isn't one I know any more: run the command again.";

export type HandledInteraction =
  | { status: 200; body: APIInteractionResponse }
  | { status: 400; body: { error: string } };

type Json = Record<string, unknown>;

interface RawOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  options?: RawOption[];
  focused: boolean;
}

/** The reply to one verified interaction: PONG, a message, autocomplete choices, or 400 for what is not an interaction. */
export function handleInteraction(app: App, cooldown: Cooldown, interaction: unknown): HandledInteraction {
  if (!isJson(interaction)) return badRequest('the body is not an interaction object');
  switch (interaction.type) {
    case PING:
      return ok({ type: PONG });
    case APPLICATION_COMMAND:
      return applicationCommand(app, cooldown, interaction);
    case MESSAGE_COMPONENT:
      return messageComponent(app, interaction);
    case AUTOCOMPLETE:
      return autocomplete(app, interaction);
    default:
      return badRequest('unknown interaction type');
  }
}

function applicationCommand(app: App, cooldown: Cooldown, interaction: Json): HandledInteraction {
  const data = interaction.data;
  if (!isJson(data) || typeof data.name !== 'string') return badRequest('an application command without a name');
  const userId = userIdOf(interaction);
  if (!userId) return badRequest('an application command without a user');
  const options = optionList(data.options);
  const request: CommandRequest = {
    commandName: data.name,
    input: commandInput(options),
    userId,
    channelId: channelIdOf(interaction),
    isAdmin: isAdministrator(interaction),
    restate: restatement(data.name, options),
  };
  try {
    const check = checkCommand(app, cooldown, request);
    if (!check.ok) return ok(message(check.reply));
    // A slow subcommand (check.slow: /accords misses) is answered here all the same: a deferred
    // reply (type 5) would need a follow-up sent with the interaction's token, and this endpoint
    // keeps neither state nor tokens. Its work fits in Discord's 3 seconds (bench/results.md).
    const reply = runCommand(app, request, check);
    return ok(message(reply.content, { ephemeral: reply.ephemeral, feedbackId: reply.feedbackId }));
  } catch (error) {
    log.error({ err: error, command: request.commandName }, 'command failed');
    return ok(message({ type: 'error', message: ERROR_MESSAGE }));
  }
}

/** Every button press is acknowledged, so none is left to fail in the user's client. */
function messageComponent(app: App, interaction: Json): HandledInteraction {
  const data = interaction.data;
  if (!isJson(data) || typeof data.custom_id !== 'string') return badRequest('a message component without a custom_id');
  const userId = userIdOf(interaction);
  if (!userId) return badRequest('a message component without a user');
  const vote = parseFeedbackButtonId(data.custom_id);
  try {
    if (vote) return ok(message(voteReply(app, vote.answerId, userId, vote.vote)));
  } catch (error) {
    log.error({ err: error }, 'vote failed');
    return ok(message({ type: 'error', message: ERROR_MESSAGE }));
  }
  if (data.custom_id.startsWith(`${PAGE_BUTTON_PREFIX}:`)) return ok(message({ type: 'notice', message: PAGES_NOT_HERE }));
  return ok(message({ type: 'notice', message: UNKNOWN_BUTTON }));
}

function autocomplete(app: App, interaction: Json): HandledInteraction {
  const data = interaction.data;
  if (!isJson(data) || typeof data.name !== 'string') return badRequest('an autocomplete request without a command name');
  const focused = focusedOption(optionList(data.options));
  const choices = autocompleteChoices(app, data.name, focused ? { name: focused.name, value: String(focused.value ?? '') } : { name: '', value: '' });
  return ok({ type: AUTOCOMPLETE_RESULT, data: { choices } });
}

/**
 * A reply as an interaction response, built by buildPayload like every gateway reply. Without a
 * page store (`pages` is not passed: this endpoint is stateless), a long answer is sent as its
 * first page, with the footer buildPayload adds saying where the rest is. Errors and notices
 * are only for the caller, as in respond().
 */
function message(content: ReplyContent, options: { ephemeral?: boolean; feedbackId?: string } = {}): APIInteractionResponse {
  const payload = buildPayload(content, { ephemeral: options.ephemeral, feedbackId: options.feedbackId, restPointer: REST_NOT_HERE });
  const ephemeral = content.type !== 'answer' || options.ephemeral === true;
  return { type: CHANNEL_MESSAGE, data: messageData(payload, ephemeral) };
}

/** discord.js's payload as the API's JSON; mentions are spelled out here, never taken from the payload, so nothing can ping. */
function messageData(payload: Payload, ephemeral: boolean): APIInteractionResponseCallbackData {
  return {
    ...(typeof payload.content === 'string' ? { content: payload.content } : {}),
    // buildPayload makes plain API objects; a builder (if one ever appears) is turned into one.
    embeds: (payload.embeds ?? []).map((embed) => toJson(embed) as APIEmbed),
    components: (payload.components ?? []).map((row) => toJson(row) as APIActionRowComponent<never> as APIMessageTopLevelComponent),
    allowed_mentions: { parse: [], replied_user: false },
    ...(ephemeral ? { flags: EPHEMERAL } : {}),
  };
}

function toJson(value: unknown): unknown {
  return isJson(value) && typeof value.toJSON === 'function' ? (value.toJSON as () => unknown)() : value;
}

/** The options as sent, keeping only well-formed ones, to a bounded depth. */
function optionList(raw: unknown, depth = 1): RawOption[] {
  if (!Array.isArray(raw) || depth > OPTION_NESTING_MAX) return [];
  const options: RawOption[] = [];
  for (const o of raw) {
    if (!isJson(o) || typeof o.name !== 'string') continue;
    const value = o.value;
    options.push({
      name: o.name,
      type: typeof o.type === 'number' ? o.type : 0,
      value: typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : undefined,
      options: Array.isArray(o.options) ? optionList(o.options, depth + 1) : undefined,
      focused: o.focused === true,
    });
  }
  return options;
}

/** The subcommand and the values by name, flattened as bot.ts's inputOf does for discord.js. */
function commandInput(list: RawOption[]): CommandInput {
  const options: CommandInput['options'] = {};
  let subcommand: string | undefined;
  const visit = (level: RawOption[]) => {
    for (const o of level) {
      if (o.type === SUBCOMMAND_OPTION) subcommand = o.name;
      if (o.options) visit(o.options);
      else if (o.value !== undefined) options[o.name] = o.value;
    }
  };
  visit(list);
  return { subcommand, options };
}

/** The command as typed, e.g. "/whois name:Witkoff", as bot.ts's restatement (without `hide`). */
function restatement(commandName: string, list: RawOption[]): string {
  const parts = [`/${commandName}`];
  const values: string[] = [];
  const visit = (level: RawOption[]) => {
    for (const o of level) {
      if (o.type === SUBCOMMAND_OPTION) parts.push(o.name);
      if (o.options) visit(o.options);
      else if (o.value !== undefined && o.name !== 'hide') values.push(`${o.name}:${String(o.value)}`);
    }
  };
  visit(list);
  return [...parts, ...values].join(' ');
}

function focusedOption(list: RawOption[]): RawOption | undefined {
  for (const o of list) {
    if (o.focused) return o;
    const nested = o.options ? focusedOption(o.options) : undefined;
    if (nested) return nested;
  }
  return undefined;
}

/** In a server the user is `member.user`; in a DM it is `user`. */
function userIdOf(interaction: Json): string | undefined {
  const member = interaction.member;
  const user = isJson(member) && isJson(member.user) ? member.user : interaction.user;
  return isJson(user) && typeof user.id === 'string' && SNOWFLAKE.test(user.id) ? user.id : undefined;
}

function channelIdOf(interaction: Json): string | null {
  if (typeof interaction.channel_id === 'string') return interaction.channel_id;
  const channel = interaction.channel;
  return isJson(channel) && typeof channel.id === 'string' ? channel.id : null;
}

/** Administrator in this server; a DM has no `member`, and no server to administer. */
function isAdministrator(interaction: Json): boolean {
  const member = interaction.member;
  if (!isJson(member) || typeof member.permissions !== 'string') return false;
  const permissions = member.permissions;
  if (permissions.length > PERMISSIONS_MAX_DIGITS || !/^\d+$/.test(permissions)) return false;
  return (BigInt(permissions) & ADMINISTRATOR) === ADMINISTRATOR;
}

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function ok(body: APIInteractionResponse): HandledInteraction {
  return { status: 200, body };
}

function badRequest(error: string): HandledInteraction {
  return { status: 400, body: { error } };
}
