import type { CommandModule } from '../src/commands/types.ts';
import { ChatInput, HIDE_OPTION, OptionType, type CommandDefinition } from '../src/commands/definition.ts';

export const data: CommandDefinition = {
  type: ChatInput,
  name: 'ask',
  description: 'Ask a question about the Abraham Accords; the answer cites its sources',
  options: [
    { type: OptionType.String, name: 'question', description: 'For example: When did Morocco join?', required: true, max_length: 1000 },
    HIDE_OPTION,
  ],
};

export const execute: CommandModule['execute'] = (engine, input, context) => {
  const question = String(input.options.question ?? '');
  return context?.ask ? context.ask(question) : engine.ask(question);
};
