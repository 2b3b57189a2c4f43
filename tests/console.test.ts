import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { respondToLine, runConsole } from '../src/console/session.ts';
import { parseLine } from '../src/console/parse.ts';
import { appFor } from './helpers/app.ts';

const app = appFor();

describe('console', () => {
  it.each([
    ['/accords members', /United Arab Emirates[\s\S]*Sources:\n\[1\]/],
    ['/accords timeline', /15 September 2020: Abraham Accords signed at the White House \[1\]/],
    ['/accords timeline about:Bahrain', /Timeline for Bahrain/],
    ['/accords caveats', /Why Kazakhstan's entry is called symbolic/],
    ['/accords about', /answers from \d+ sources/],
    ['/whois Witkoff', /^Steve Witkoff: US Special Envoy[\s\S]*Sources:/],
    ['/whois name:Bibi', /^Benjamin Netanyahu/],
    ['/ask When was the White House signing?', /^On 15 September 2020/],
    ['/source uae', /United Arab Emirates/],
    ['Is Saudi Arabia a member?', /^No\./],
  ])('answers %s with numbered citations', (line, expected) => {
    const reply = respondToLine(app, line);
    expect(reply.text).toMatch(expected);
    expect(reply.text).toMatch(/\n\[1\] .+\n {4}“.+” \(passage [a-z0-9-]+\)/);
  });

  it('lists the commands on /help', () => {
    expect(respondToLine(app, '/help').text).toContain('/whois NAME');
  });

  it('names an unknown command and points to /help', () => {
    expect(respondToLine(app, '/weather').text).toBe('There is no /weather command. Type /help for the list.');
  });

  it('asks for a subcommand of /accords', () => {
    expect(respondToLine(app, '/accords').text).toContain('members, map, timeline, caveats, about, misses');
  });

  it('quits on exit', () => {
    expect(respondToLine(app, 'exit').exit).toBe(true);
  });

  it('parses options by name, free text into the main option, and booleans', () => {
    expect(parseLine('/whois Steve Witkoff hide:true', app.commands)).toEqual({
      type: 'command', name: 'whois', input: { subcommand: undefined, options: { name: 'Steve Witkoff', hide: true } },
    });
    expect(parseLine('/accords timeline about: Sudan', app.commands)).toEqual({
      type: 'command', name: 'accords', input: { subcommand: 'timeline', options: { about: 'Sudan' } },
    });
  });

  it('runs a whole session over streams and stops at end of input', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let written = '';
    output.on('data', (d) => (written += d));
    const done = runConsole(app, input, output);
    input.end('/whois Tokaev\nexit\n');
    await done;
    expect(written).toContain('Kassym-Jomart Tokayev');
  });
});
