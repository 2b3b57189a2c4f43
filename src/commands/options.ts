/** Options shared by every command. */

interface BooleanOptionHost {
  addBooleanOption(build: (o: import('discord.js').SlashCommandBooleanOption) => import('discord.js').SlashCommandBooleanOption): unknown;
}

/** Every command takes `hide`, for an ephemeral reply only the caller sees. */
export function withHide<T extends BooleanOptionHost>(builder: T): T {
  builder.addBooleanOption((o) => o.setName('hide').setDescription('Only you see the reply').setRequired(false));
  return builder;
}
