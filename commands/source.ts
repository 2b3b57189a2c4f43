import { SlashCommandBuilder } from 'discord.js';
import type { CommandModule } from '../src/commands/types.ts';
import { withHide } from '../src/commands/options.ts';
import { idChoices } from '../src/commands/choices.ts';

export const data = withHide(
  new SlashCommandBuilder()
    .setName('source')
    .setDescription('Show a cited passage or source by its id, with everything it rests on')
    .addStringOption((o) =>
      o.setName('id').setDescription('A passage or source id, as shown under an answer').setRequired(true).setAutocomplete(true).setMaxLength(100),
    ),
);

export const execute: CommandModule['execute'] = (engine, input) => engine.source(String(input.options.id ?? ''));

export const autocomplete: CommandModule['autocomplete'] = (engine, focused) => idChoices(engine, focused.value);
