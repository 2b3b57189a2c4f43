/**
 * Turns a console line into a command call or a question. Slash commands are parsed against the
 * command's own definition: `/whois Witkoff`, `/whois name:Witkoff`, `/accords timeline about:Sudan`.
 */
import type { APIApplicationCommandOption } from 'discord.js';
import { OptionType } from '../commands/definition.ts';
import type { CommandInput, CommandModule } from '../commands/types.ts';

export type ConsoleLine =
  | { type: 'empty' }
  | { type: 'exit' }
  | { type: 'help' }
  | { type: 'question'; text: string }
  | { type: 'command'; name: string; input: CommandInput }
  | { type: 'unknown'; name: string };

export function parseLine(line: string, commands: Map<string, CommandModule>): ConsoleLine {
  const trimmed = line.trim();
  if (!trimmed) return { type: 'empty' };
  if (/^(exit|quit|\/exit|\/quit)$/i.test(trimmed)) return { type: 'exit' };
  if (/^(\/help|help|\?)$/i.test(trimmed)) return { type: 'help' };
  if (!trimmed.startsWith('/')) return { type: 'question', text: trimmed };

  const [head = '', ...rest] = trimmed.slice(1).split(/\s+/);
  const name = head.toLowerCase();
  const command = commands.get(name);
  if (!command) return { type: 'unknown', name };
  const definition = command.data;
  let options = (definition.options ?? []) as APIApplicationCommandOption[];
  let args = rest.join(' ');
  let subcommand: string | undefined;
  const subcommands = options.filter((o) => o.type === OptionType.Subcommand);
  if (subcommands.length) {
    const [first = '', ...others] = rest;
    const sub = subcommands.find((s) => s.name === first.toLowerCase());
    subcommand = sub ? sub.name : first.toLowerCase() || undefined;
    options = sub && 'options' in sub ? ((sub.options ?? []) as APIApplicationCommandOption[]) : [];
    args = others.join(' ');
  }
  return { type: 'command', name, input: { subcommand, options: parseOptions(args, options) } };
}

function parseOptions(args: string, options: APIApplicationCommandOption[]): CommandInput['options'] {
  const values: CommandInput['options'] = {};
  const names = options.map((o) => o.name);
  const keyed = new RegExp(`(?:^|\\s)(${names.map(escape).join('|') || '\\b\\B'}):`, 'g');
  const marks = [...args.matchAll(keyed)];
  const free = marks.length ? args.slice(0, marks[0]!.index).trim() : args.trim();
  marks.forEach((m, i) => {
    const start = m.index + m[0].length;
    const end = i + 1 < marks.length ? marks[i + 1]!.index : args.length;
    values[m[1]!] = coerce(args.slice(start, end).trim(), options.find((o) => o.name === m[1])!);
  });
  if (free) {
    const main = options.find((o) => o.type === OptionType.String && values[o.name] === undefined);
    if (main) values[main.name] = free;
  }
  return values;
}

function coerce(value: string, option: APIApplicationCommandOption): string | boolean | number {
  if (option.type === OptionType.Boolean) return /^(true|yes|1|on)$/i.test(value);
  if (option.type === OptionType.Integer || option.type === OptionType.Number) return Number(value);
  return value;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
