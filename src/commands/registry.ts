/** Loads and validates the command modules in commands/. */
import * as accords from '../../commands/accords.ts';
import * as ask from '../../commands/ask.ts';
import * as source from '../../commands/source.ts';
import * as whois from '../../commands/whois.ts';
import * as reload from '../../commands/reload.ts';
import { commandModuleSchema, type CommandModule } from './types.ts';

const MODULES: Record<string, unknown> = { accords, whois, ask, source, reload };

export function loadCommands(modules: Record<string, unknown> = MODULES): Map<string, CommandModule> {
  const commands = new Map<string, CommandModule>();
  for (const [file, module] of Object.entries(modules)) {
    const parsed = commandModuleSchema.safeParse(module);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => i.path.join('.') || '(module)').join(', ');
      throw new Error(`commands/${file}.ts is not a valid command module (check: ${fields})`);
    }
    const { data, execute, autocomplete, adminOnly, adminOnlySubcommands, slowSubcommands } = module as CommandModule;
    const command: CommandModule = { data, execute, autocomplete, adminOnly, adminOnlySubcommands, slowSubcommands };
    if (commands.has(command.data.name)) throw new Error(`commands/${file}.ts: duplicate command name "${command.data.name}"`);
    commands.set(command.data.name, command);
  }
  return commands;
}
