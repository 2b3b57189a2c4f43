/**
 * The one way accords-bot speaks on Discord. Every reply, to an interaction or to a message,
 * goes through `respond`: mentions never ping (`allowedMentions: { parse: [] }`), link previews
 * never unfold, every limit is enforced, long answers get page buttons, and errors look the same
 * everywhere.
 */
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  MessageFlags,
  type APIEmbed,
  type APIActionRowComponent,
  type APIButtonComponent,
  type BaseMessageOptions,
  Message,
  type MessageMentionOptions,
  type RepliableInteraction,
} from 'discord.js';
import type { Answer } from '../engine/answer.ts';
import { COLOR, fitEmbed, renderEmbeds, truncate } from './render.ts';
import { pageButtonId, type PageStore } from './pages.ts';
import { ATTACHMENT_DESCRIPTION_MAX_CHARS, ATTACHMENT_MAX_BYTES, MESSAGE_CONTENT_MAX_CHARS, MESSAGE_MAX_ATTACHMENTS } from '../limits.ts';
import type { RenderedImage } from '../images/svg.ts';
import { feedbackButtonId } from '../feedback/feedback.ts';

/** Nobody is ever pinged by the bot: not @everyone, not roles, not users, not the asker. */
export const NO_PINGS: MessageMentionOptions = { parse: [], repliedUser: false };

export type ReplyContent =
  | { type: 'answer'; answer: Answer; restate?: string }
  | { type: 'error'; message: string }
  | { type: 'notice'; message: string };

export interface RespondOptions {
  /** Only the caller sees the reply (interactions only; errors and notices always are). */
  ephemeral?: boolean;
  pages?: PageStore;
  userId?: string;
  /** The answer's feedback id: the reply carries 👍 / 👎 buttons that record a vote on it. */
  feedbackId?: string;
  /** Without page buttons, what the first page's footer says about the rest. */
  restPointer?: string;
  /** Images of the answer: attached as PNG files with their alt text, the first shown in the embed. */
  images?: RenderedImage[];
}

/** Under a message reply, where the rest of a long answer is. */
export const REST_IN_SLASH_COMMAND = 'use the slash command for the rest (/accords timeline, /accords caveats)';

export type Payload = BaseMessageOptions & { allowedMentions: MessageMentionOptions };

/** Builds the message payload for a reply; pure, so tests can check every limit on it. */
export function buildPayload(content: ReplyContent, options: RespondOptions = {}): Payload {
  if (content.type === 'answer') {
    const pages = renderEmbeds(content.answer, { restate: content.restate });
    const images = (options.images ?? []).filter((i) => i.png.length <= ATTACHMENT_MAX_BYTES).slice(0, MESSAGE_MAX_ATTACHMENTS);
    // The first page shows the first image: the embed refers to the attached file by its name.
    if (images[0]) pages[0] = { ...pages[0]!, image: { url: `attachment://${images[0].name}` } };
    const components = pages.length > 1 && options.pages ? [pageButtons(options.pages.put(pages, options.userId ?? '', options.feedbackId), 0, pages.length)] : [];
    if (options.feedbackId) components.push(feedbackButtons(options.feedbackId));
    const embeds = pages.length > 1 && !options.pages ? [withPointer(pages[0]!, pages.length, options.restPointer ?? REST_IN_SLASH_COMMAND)] : [pages[0]!];
    const files = images.map((i) => ({ attachment: i.png, name: i.name, description: truncate(i.alt, ATTACHMENT_DESCRIPTION_MAX_CHARS) }));
    return { embeds, components, allowedMentions: NO_PINGS, ...(files.length ? { files } : {}) };
  }
  if (content.type === 'error') {
    return { embeds: [errorEmbed(content.message)], components: [], allowedMentions: NO_PINGS };
  }
  return { content: plainText(content.message), embeds: [], components: [], allowedMentions: NO_PINGS };
}

export function errorEmbed(message: string): APIEmbed {
  return fitEmbed({ color: COLOR.error, description: `❌ ${message}` });
}

/** Plain text that can neither ping, format unexpectedly, unfold a link preview, nor overflow. */
export function plainText(text: string): string {
  return truncate(text.replace(/(https?:\/\/[^\s>]+)/g, '<$1>'), MESSAGE_CONTENT_MAX_CHARS);
}

/** Sends a reply to an interaction (reply, or follow-up if one was already sent) or to a message. */
export async function respond(target: RepliableInteraction | Message, content: ReplyContent, options: RespondOptions = {}): Promise<void> {
  const payload = buildPayload(content, options);
  if (target instanceof Message) {
    await target.reply({ ...payload, failIfNotExists: false });
    return;
  }
  {
    const interaction = target;
    const ephemeral = content.type !== 'answer' || options.ephemeral === true;
    const flags = ephemeral ? MessageFlags.Ephemeral : undefined;
    if (interaction.deferred && !interaction.replied) {
      await interaction.editReply(payload);
    } else if (interaction.replied) {
      await interaction.followUp({ ...payload, flags });
    } else {
      await interaction.reply({ ...payload, flags });
    }
  }
}

export function pageButtons(key: string, page: number, total: number): APIActionRowComponent<APIButtonComponent> {
  return new ActionRowBuilder<ButtonBuilder>()
    .addComponents(
      new ButtonBuilder().setCustomId(pageButtonId(key, page - 1)).setLabel('◀ Previous').setStyle(ButtonStyle.Secondary).setDisabled(page <= 0),
      new ButtonBuilder().setCustomId(`noop:${key}:${page}`).setLabel(`${page + 1} / ${total}`).setStyle(ButtonStyle.Secondary).setDisabled(true),
      new ButtonBuilder().setCustomId(pageButtonId(key, page + 1)).setLabel('Next ▶').setStyle(ButtonStyle.Secondary).setDisabled(page >= total - 1),
    )
    .toJSON();
}

/** 👍 / 👎 under an answer; the custom ids carry the answer's id, so they work after a restart. */
export function feedbackButtons(answerId: string): APIActionRowComponent<APIButtonComponent> {
  return new ActionRowBuilder<ButtonBuilder>()
    .addComponents(
      new ButtonBuilder().setCustomId(feedbackButtonId(answerId, 'up')).setLabel('Helpful').setEmoji({ name: '👍' }).setStyle(ButtonStyle.Secondary),
      new ButtonBuilder().setCustomId(feedbackButtonId(answerId, 'down')).setLabel('Wrong or unhelpful').setEmoji({ name: '👎' }).setStyle(ButtonStyle.Secondary),
    )
    .toJSON();
}

/** Without buttons (a message reply), the first page says where the rest is. */
function withPointer(page: APIEmbed, total: number, pointer: string): APIEmbed {
  return fitEmbed({
    ...page,
    footer: { text: `Page 1 of ${total}: ${pointer}` },
  });
}

