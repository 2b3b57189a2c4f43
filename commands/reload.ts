import type { CommandModule } from '../src/commands/types.ts';
import { ChatInput, GuildContext, type CommandDefinition } from '../src/commands/definition.ts';

/** Admin only: hidden from everyone without a permission override (default_member_permissions "0"). */
export const data: CommandDefinition = {
  type: ChatInput,
  name: 'reload',
  description: 'Admin: reload the corpus from disk (a broken corpus keeps the last good one serving)',
  options: [],
  contexts: [GuildContext],
  default_member_permissions: '0',
};

/** Discord checks the caller's permissions as well; the reply is only for the caller. */
export const adminOnly = true;

export const execute: CommandModule['execute'] = (_engine, _input, context) => {
  const result = context?.reload?.();
  if (!result) return { kind: 'error', query: '/reload', citations: [], text: 'Reloading is not available here.' };
  if (result.ok) {
    return {
      kind: 'admin', query: '/reload', citations: [],
      text: `Reloaded the corpus in ${result.ms} ms: ${result.passages} passages (was ${result.previousPassages}) from ${result.sources} sources.`,
    };
  }
  return {
    kind: 'error', query: '/reload', citations: [],
    text: `The reload failed, so the last good corpus is still serving. What is wrong:\n${result.error}`,
  };
};
