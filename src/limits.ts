/** Discord's limits, by name. Every reply is fitted to these before it is sent. */
export const MESSAGE_CONTENT_MAX_CHARS = 2000;
export const EMBED_DESCRIPTION_MAX_CHARS = 4096;
export const EMBED_TITLE_MAX_CHARS = 256;
export const EMBED_FIELD_NAME_MAX_CHARS = 256;
export const EMBED_FIELD_VALUE_MAX_CHARS = 1024;
export const EMBED_FOOTER_MAX_CHARS = 2048;
export const EMBED_MAX_FIELDS = 25;
export const EMBED_TOTAL_MAX_CHARS = 6000;
export const EMBEDS_PER_MESSAGE_MAX = 10;
export const AUTOCOMPLETE_MAX_CHOICES = 25;
/** Slash command definitions: name, description and option count. */
export const COMMAND_NAME_PATTERN = /^[a-z0-9_-]{1,32}$/;
export const COMMAND_DESCRIPTION_MAX_CHARS = 100;
export const COMMAND_MAX_OPTIONS = 25;
export const AUTOCOMPLETE_CHOICE_MAX_CHARS = 100;
/** Discord drops an interaction not acknowledged within this time. */
export const INTERACTION_ACK_DEADLINE_MS = 3000;

/**
 * Files attached to a message: Discord's smallest upload limit (servers without boosts: 8 MiB for
 * bots until 2024, 10 MiB since; interactions say theirs in `attachment_size_limit`). We keep under
 * the smaller; our PNGs are tens of kilobytes.
 */
export const ATTACHMENT_MAX_BYTES = 8 * 1024 * 1024;
/** An attachment's description (alt text). */
export const ATTACHMENT_DESCRIPTION_MAX_CHARS = 1024;
export const MESSAGE_MAX_ATTACHMENTS = 10;
