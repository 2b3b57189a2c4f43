/**
 * Discord mode: the discord.js Client, wired to the same command modules and answer engine as
 * the console. Slash commands, autocomplete, page buttons, and free-text questions on mention
 * or in answer channels.
 */
import {
  Client,
  Events,
  GatewayIntentBits,
  MessageFlags,
  Options,
  Partials,
  PermissionFlagsBits,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type Interaction,
  type Message,
} from 'discord.js';
import { askInConversation, commandContext, type App } from '../app.ts';
import type { Config } from '../config.ts';
import type { CommandInput } from '../commands/types.ts';
import { Cooldown } from '../cooldown.ts';
import { parseLine } from '../console/parse.ts';
import { log } from '../log.ts';
import type { Answer } from '../engine/answer.ts';
import { PageStore, parsePageButtonId } from './pages.ts';
import { feedbackButtons, pageButtons, respond } from './respond.ts';
import { parseFeedbackButtonId } from '../feedback/feedback.ts';
import { ERROR_MESSAGE, autocompleteChoices, checkCommand, conversationKey, runCommand, voteReply, type CommandRequest } from './dispatch.ts';
import { StartupError } from '../errors.ts';
import { imagesOf } from '../images/figures.ts';

export { ERROR_MESSAGE } from './dispatch.ts';

export interface BotOptions {
  answerChannelIds: string[];
  cooldownSeconds: number;
  cooldownMax: number;
  now?: () => number;
}

/** The intents the bot needs: guilds and messages, and message content only for answer channels. */
export function intentsFor(answerChannelIds: string[]): GatewayIntentBits[] {
  const intents = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages];
  // Mentions carry their content without the privileged intent; answer channels need it.
  if (answerChannelIds.length > 0) intents.push(GatewayIntentBits.MessageContent);
  return intents;
}

export function createClient(config: Pick<Config, 'DISCORD_API_URL' | 'ANSWER_CHANNEL_IDS'>): Client {
  return new Client({
    intents: intentsFor(config.ANSWER_CHANNEL_IDS),
    partials: [Partials.Channel],
    allowedMentions: { parse: [], repliedUser: false },
    // The bot answers from each event's own payload and never reads cached messages, members,
    // users, presences, reactions, emojis and the like, so discord.js keeps next to nothing: no
    // messages, at most 100 members per guild and 1,000 users (always keeping the bot's own
    // member and user). Memory then stays bounded however many people ask. Guilds, channels and
    // roles stay fully cached: discord.js needs them (and does not support limiting them).
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      GuildMemberManager: { maxSize: 100, keepOverLimit: (member) => member.id === member.client.user?.id },
      UserManager: { maxSize: 1000, keepOverLimit: (user) => user.id === user.client.user?.id },
      PresenceManager: 0,
      ReactionManager: 0,
      ReactionUserManager: 0,
      VoiceStateManager: 0,
      ThreadMemberManager: 0,
      GuildStickerManager: 0,
      GuildEmojiManager: 0,
      ApplicationEmojiManager: 0,
      GuildBanManager: 0,
      GuildInviteManager: 0,
      GuildScheduledEventManager: 0,
      StageInstanceManager: 0,
      AutoModerationRuleManager: 0,
    }),
    sweepers: {
      ...Options.DefaultSweeperSettings,
      // Nothing is cached with MessageManager at 0; should that change, old messages still go.
      messages: { interval: 3600, lifetime: 1800 },
    },
    rest: config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {},
  });
}

/** Wires every event the bot handles onto `client`. Returns the state tests may inspect. */
export function attachHandlers(client: Client, app: App, options: BotOptions): { pages: PageStore; cooldown: Cooldown } {
  const pages = new PageStore(options.now);
  const cooldown = new Cooldown(options.cooldownSeconds * 1000, options.cooldownMax, options.now);

  client.on(Events.InteractionCreate, (interaction) => {
    void handleInteraction(interaction).catch((error: unknown) => log.error({ err: error }, 'interaction handler failed'));
  });
  client.on(Events.MessageCreate, (message) => {
    void handleMessage(message).catch((error: unknown) => log.error({ err: error }, 'message handler failed'));
  });
  client.once(Events.ClientReady, (ready) => {
    log.info({ user: ready.user.tag, guilds: ready.guilds.cache.size }, 'connected to Discord');
  });
  client.on(Events.ShardDisconnect, (event, shard) => log.warn({ code: event.code, shard }, 'gateway disconnected'));
  client.on(Events.ShardResume, (shard, replayed) => log.info({ shard, replayed }, 'gateway resumed'));
  client.on(Events.Error, (error) => log.error({ err: error }, 'client error'));

  async function handleInteraction(interaction: Interaction): Promise<void> {
    if (interaction.isAutocomplete()) return autocomplete(interaction);
    if (interaction.isButton()) {
      const vote = parseFeedbackButtonId(interaction.customId);
      return vote ? void (await respond(interaction, voteReply(app, vote.answerId, interaction.user.id, vote.vote))) : turnPage(interaction);
    }
    if (!interaction.isChatInputCommand()) return;
    const request: CommandRequest = {
      commandName: interaction.commandName,
      input: inputOf(interaction),
      userId: interaction.user.id,
      channelId: interaction.channelId,
      isAdmin: interaction.memberPermissions?.has(PermissionFlagsBits.Administrator) === true,
      restate: restatement(interaction),
    };
    try {
      const check = checkCommand(app, cooldown, request);
      if (!check.ok) return await respond(interaction, check.reply);
      // Work that may outlast Discord's 3 seconds is acknowledged first.
      if (check.slow) await interaction.deferReply(check.ephemeral ? { flags: MessageFlags.Ephemeral } : {});
      const reply = runCommand(app, request, check);
      const images = reply.content.type === 'answer' ? imagesOf(app.engine.corpus, reply.content.answer) : undefined;
      await respond(interaction, reply.content, { ephemeral: reply.ephemeral, pages, userId: interaction.user.id, feedbackId: reply.feedbackId, images });
    } catch (error) {
      log.error({ err: error, command: interaction.commandName }, 'command failed');
      await respond(interaction, { type: 'error', message: ERROR_MESSAGE }).catch((e: unknown) => log.error({ err: e }, 'could not send the error reply'));
    }
  }

  async function autocomplete(interaction: AutocompleteInteraction): Promise<void> {
    let focused = { name: '', value: '' };
    try {
      const option = interaction.options.getFocused(true);
      focused = { name: option.name, value: String(option.value) };
    } catch (error) {
      log.error({ err: error }, 'autocomplete failed');
    }
    await interaction.respond(autocompleteChoices(app, interaction.commandName, focused));
  }

  async function turnPage(interaction: ButtonInteraction): Promise<void> {
    const target = parsePageButtonId(interaction.customId);
    // A button the bot never sent (or an old one): acknowledged all the same, never left to fail.
    if (!target) return respond(interaction, { type: 'notice', message: "That button doesn't do anything any more. Run the command again." });
    const entry = pages.get(target.key);
    if (!entry) {
      await respond(interaction, { type: 'notice', message: 'These pages have expired. Run the command again to see them.' });
      return;
    }
    // Someone else's reply is theirs to page through; turning it would change it for everyone.
    if (entry.userId && entry.userId !== interaction.user.id) {
      await respond(interaction, { type: 'notice', message: 'Only the asker can turn these pages; run the command yourself.' });
      return;
    }
    const page = Math.max(0, Math.min(entry.pages.length - 1, target.page));
    await interaction.update({
      embeds: [entry.pages[page]!],
      components: [pageButtons(target.key, page, entry.pages.length), ...(entry.feedbackId ? [feedbackButtons(entry.feedbackId)] : [])],
      allowedMentions: { parse: [] },
    });
  }

  async function handleMessage(message: Message): Promise<void> {
    if (message.author.bot || message.webhookId || !client.user) return; // never answer bots, or ourselves
    const mentioned = message.mentions.users.has(client.user.id);
    const inAnswerChannel = options.answerChannelIds.includes(message.channelId);
    if (!mentioned && !inAnswerChannel) return;
    const text = message.content.replace(new RegExp(`<@!?${client.user.id}>`, 'g'), ' ').trim();
    if (!mentioned && !looksLikeQuestion(text)) return; // chatter in an answer channel
    const limit = cooldown.hit(message.author.id);
    if (!limit.ok) {
      // Say it once per burst; answering every refused message would be spam of our own.
      if (limit.firstRefusal) await respond(message, { type: 'notice', message: `⏳ You're asking quickly. Try again in ${Math.ceil(limit.retryAfterMs / 1000)} s.` });
      return;
    }
    try {
      const answer = answerForText(app, text, conversationKey(message.channelId, message.author.id));
      const feedbackId = app.feedback.recordAnswer(answer, text);
      await respond(message, { type: 'answer', answer }, { pages, userId: message.author.id, feedbackId, images: imagesOf(app.engine.corpus, answer) });
    } catch (error) {
      log.error({ err: error }, 'free-text answer failed');
      await respond(message, { type: 'error', message: ERROR_MESSAGE }).catch(() => undefined);
    }
  }

  return { pages, cooldown };
}


/**
 * A free-text message: a slash command typed as text, a question, or an empty mention.
 * `conversation` keeps the asker's follow-ups in context.
 */
export function answerForText(app: App, text: string, conversation?: string): Answer {
  const parsed = parseLine(text, app.commands);
  if (parsed.type === 'command') {
    const command = app.commands.get(parsed.name)!;
    // Admin commands are slash commands only, where Discord checks permissions.
    const adminSubcommand = parsed.input.subcommand && command.adminOnlySubcommands?.includes(parsed.input.subcommand) ? ` ${parsed.input.subcommand}` : '';
    if (command.adminOnly || adminSubcommand) return { kind: 'error', query: text, citations: [], text: `/${parsed.name}${adminSubcommand} is a slash command for administrators.` };
    const { ask } = commandContext(app, conversation);
    return command.execute(app.engine, parsed.input, { ask });
  }
  if (parsed.type === 'question') return conversation ? askInConversation(app, conversation, parsed.text) : app.engine.ask(parsed.text);
  return {
    kind: 'help', query: text, citations: [],
    text: 'Ask me about the Abraham Accords, for example "when did Morocco join?", or use /accords members, /whois, /ask and /source.',
  };
}

/** In an answer channel, only messages that read as questions get an answer. */
export function looksLikeQuestion(text: string): boolean {
  const t = text.trim().toLowerCase();
  if (t.length < 3) return false;
  return t.endsWith('?') || /^(who|whom|whose|what|when|where|why|how|which|is|are|was|were|did|does|do|has|have|can|could|will|would|should|tell me|explain|list)\b/.test(t) || t.startsWith('/');
}

function inputOf(interaction: ChatInputCommandInteraction): CommandInput {
  const options: CommandInput['options'] = {};
  const visit = (list: readonly CommandInteractionOption[]) => {
    for (const o of list) {
      if (o.options) visit(o.options);
      else if (o.value !== undefined) options[o.name] = o.value as string | number | boolean;
    }
  };
  visit(interaction.options.data);
  return { subcommand: interaction.options.getSubcommand(false) ?? undefined, options };
}

/** The command as typed, e.g. "/whois name:Witkoff", so others can see what was asked. */
function restatement(interaction: ChatInputCommandInteraction): string {
  const parts = [`/${interaction.commandName}`];
  const sub = interaction.options.getSubcommand(false);
  if (sub) parts.push(sub);
  const visit = (list: readonly CommandInteractionOption[]) => {
    for (const o of list) {
      if (o.options) visit(o.options);
      else if (o.value !== undefined && o.name !== 'hide') parts.push(`${o.name}:${String(o.value)}`);
    }
  };
  visit(interaction.options.data);
  return parts.join(' ');
}

/** Logs in and runs until SIGINT or SIGTERM, then shuts down cleanly. */
export async function startDiscord(app: App, config: Config): Promise<void> {
  const client = createClient(config);
  attachHandlers(client, app, {
    answerChannelIds: config.ANSWER_CHANNEL_IDS,
    cooldownSeconds: config.COOLDOWN_SECONDS,
    cooldownMax: config.COOLDOWN_MAX_PER_WINDOW,
  });
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    await client.destroy();
    log.flush();
    process.exit(0);
  };
  process.on('SIGHUP', () => {
    const result = app.reload();
    if (!result.ok) log.warn('SIGHUP reload failed; still serving the last good corpus');
  });
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled rejection'));
  await login(client, config.DISCORD_TOKEN);
}

/** Logs in, turning Discord's refusals into a StartupError that says what to change. */
export async function login(client: Client, token: string | undefined): Promise<void> {
  try {
    await client.login(token);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/disallowed intents/i.test(message)) {
      throw new StartupError(
        'Discord refused the Message Content intent. Either switch it on (Developer Portal → Bot → Privileged Gateway Intents → Message Content) or leave ANSWER_CHANNEL_IDS empty to answer mentions only.',
      );
    }
    throw new StartupError(`could not log in to Discord: ${message}`);
  }
}

