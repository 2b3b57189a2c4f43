import type { CommandModule } from '../src/commands/types.ts';
import { ChatInput, HIDE_OPTION, OptionType, type CommandDefinition, type SubcommandOption } from '../src/commands/definition.ts';
import { nameChoices } from '../src/commands/choices.ts';

export const SUBCOMMANDS = ['members', 'map', 'timeline', 'caveats', 'about', 'misses'] as const;

/** Questions people asked that the bot could not answer well: for the server's administrators. */
export const adminOnlySubcommands: CommandModule['adminOnlySubcommands'] = ['misses'];
/** Reading and grouping a large feedback log takes about a second (bench/results.md): acknowledged first. */
export const slowSubcommands: CommandModule['slowSubcommands'] = ['misses'];

/** How many groups /accords misses shows. */
const MISSES_SHOWN = 10;

const subcommand = (name: string, description: string, options: SubcommandOption['options'] = []): SubcommandOption => ({
  type: OptionType.Subcommand, name, description, options: [...options, HIDE_OPTION],
});

export const data: CommandDefinition = {
  type: ChatInput,
  name: 'accords',
  description: 'The Abraham Accords: members, timeline, caveats, and about this bot',
  options: [
    subcommand('members', 'Which states are members, with status and dates (and a map)'),
    subcommand('map', 'A map of the member states, coloured by status'),
    subcommand('timeline', 'Dated events, oldest first (and a timeline chart)', [
      { type: OptionType.String, name: 'about', description: 'Only events about this state or person', required: false, autocomplete: true },
    ]),
    subcommand('caveats', 'Caveats, disputes and corrections'),
    subcommand('about', 'What this bot knows, from which sources, how current'),
    subcommand('misses', 'Admins: the questions it declined or got 👎 on, grouped (top 10)', [
      { type: OptionType.String, name: 'since', description: 'How far back: 7d (default), 24h, 30d or a date', required: false, max_length: 40 },
    ]),
  ],
};

export const execute: CommandModule['execute'] = (engine, input, context) => {
  switch (input.subcommand) {
    case 'members':
      return engine.members();
    case 'map':
      // The map, with the members list as its text: the answer is complete without the image.
      return { ...engine.members(), query: '/accords map' };
    case 'timeline': {
      const about = typeof input.options.about === 'string' && input.options.about.trim() ? input.options.about : undefined;
      return engine.timeline(about);
    }
    case 'caveats':
      return engine.caveats();
    case 'about':
      return engine.about();
    case 'misses': {
      const since = typeof input.options.since === 'string' && input.options.since.trim() ? input.options.since.trim() : undefined;
      if (!context?.misses) return { kind: 'admin', query: '/accords misses', citations: [], text: 'The misses report is not available here.' };
      return context.misses({ since, limit: MISSES_SHOWN });
    }
    default:
      return {
        kind: 'error', query: `/accords ${input.subcommand ?? ''}`.trim(), citations: [],
        text: `/accords needs one of: ${SUBCOMMANDS.join(', ')}.`,
      };
  }
};

export const autocomplete: CommandModule['autocomplete'] = (engine, focused) => nameChoices(engine, focused.value);

