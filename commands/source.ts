import type { CommandModule } from '../src/commands/types.ts';
import { ChatInput, HIDE_OPTION, OptionType, type CommandDefinition } from '../src/commands/definition.ts';
import { idChoices } from '../src/commands/choices.ts';

export const data: CommandDefinition = {
  type: ChatInput,
  name: 'source',
  description: 'Show a cited passage or source by its id, with everything it rests on',
  options: [
    {
      type: OptionType.String, name: 'id', description: 'A passage or source id, as shown under an answer',
      required: true, autocomplete: true, max_length: 100,
    },
    HIDE_OPTION,
  ],
};

export const execute: CommandModule['execute'] = (engine, input) => engine.source(String(input.options.id ?? ''));

export const autocomplete: CommandModule['autocomplete'] = (engine, focused) => idChoices(engine, focused.value);
