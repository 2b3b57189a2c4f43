import { SlashCommandBuilder } from 'discord.js';
import type { CommandModule } from '../src/commands/types.ts';
import { withHide } from '../src/commands/options.ts';

export const data = withHide(
  new SlashCommandBuilder()
    .setName('ask')
    .setDescription('Ask a question about the Abraham Accords; the answer cites its sources')
    .addStringOption((o) =>
      o.setName('question').setDescription('For example: When did Morocco join?').setRequired(true).setMaxLength(1000),
    ),
);

export const execute: CommandModule['execute'] = (engine, input) => engine.ask(String(input.options.question ?? ''));
