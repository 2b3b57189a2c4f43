import { SlashCommandBuilder } from 'discord.js';
import type { CommandModule } from '../src/commands/types.ts';
import { withHide } from '../src/commands/options.ts';
import { nameChoices } from '../src/commands/choices.ts';

export const SUBCOMMANDS = ['members', 'timeline', 'caveats', 'about'] as const;

export const data = new SlashCommandBuilder()
  .setName('accords')
  .setDescription('The Abraham Accords: members, timeline, caveats, and about this bot')
  .addSubcommand((s) => withHide(s.setName('members').setDescription('Which states are members, with status and dates')))
  .addSubcommand((s) =>
    withHide(
      s
        .setName('timeline')
        .setDescription('Dated events, oldest first')
        .addStringOption((o) => o.setName('about').setDescription('Only events about this state or person').setAutocomplete(true)),
    ),
  )
  .addSubcommand((s) => withHide(s.setName('caveats').setDescription('Caveats, disputes and corrections')))
  .addSubcommand((s) => withHide(s.setName('about').setDescription('What this bot knows, from which sources, how current')));

export const execute: CommandModule['execute'] = (engine, input) => {
  switch (input.subcommand) {
    case 'members':
      return engine.members();
    case 'timeline': {
      const about = typeof input.options.about === 'string' && input.options.about.trim() ? input.options.about : undefined;
      return engine.timeline(about);
    }
    case 'caveats':
      return engine.caveats();
    case 'about':
      return engine.about();
    default:
      return {
        kind: 'error', query: `/accords ${input.subcommand ?? ''}`.trim(), citations: [],
        text: `/accords needs one of: ${SUBCOMMANDS.join(', ')}.`,
      };
  }
};

export const autocomplete: CommandModule['autocomplete'] = (engine, focused) => nameChoices(engine, focused.value);

