import { SlashCommandBuilder } from 'discord.js';
import type { CommandModule } from '../src/commands/types.ts';
import { withHide } from '../src/commands/options.ts';
import { nameChoices } from '../src/commands/choices.ts';

export const data = withHide(
  new SlashCommandBuilder()
    .setName('whois')
    .setDescription('Who a person is (or what a state is) in the Abraham Accords story')
    .addStringOption((o) =>
      o.setName('name').setDescription('A name, nickname or spelling: Witkoff, Bibi, MBZ, Tokaev…').setRequired(true).setAutocomplete(true).setMaxLength(100),
    ),
);

export const execute: CommandModule['execute'] = (engine, input) => engine.whois(String(input.options.name ?? ''));

export const autocomplete: CommandModule['autocomplete'] = (engine, focused) => nameChoices(engine, focused.value);
