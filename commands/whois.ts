import type { CommandModule } from '../src/commands/types.ts';
import { ChatInput, HIDE_OPTION, OptionType, type CommandDefinition } from '../src/commands/definition.ts';
import { nameChoices } from '../src/commands/choices.ts';

export const data: CommandDefinition = {
  type: ChatInput,
  name: 'whois',
  description: 'Who a person is (or what a state is) in the Abraham Accords story',
  options: [
    {
      type: OptionType.String, name: 'name', description: 'A name, nickname or spelling: Witkoff, Bibi, MBZ, Tokaev…',
      required: true, autocomplete: true, max_length: 100,
    },
    HIDE_OPTION,
  ],
};

export const execute: CommandModule['execute'] = (engine, input) => engine.whois(String(input.options.name ?? ''));

export const autocomplete: CommandModule['autocomplete'] = (engine, focused) => nameChoices(engine, focused.value);
