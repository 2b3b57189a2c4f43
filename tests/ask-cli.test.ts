import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { FIXTURE_CORPUS } from './helpers/app.ts';
import { projectRoot } from '../src/paths.ts';

const TSX = join(projectRoot, 'node_modules', '.bin', 'tsx');

function runAsk(args: string[], stdin = ''): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(TSX, ['src/cli/ask.ts', ...args], {
      cwd: projectRoot,
      env: { ...process.env, ACCORDS_CORPUS_DIR: FIXTURE_CORPUS, LOG_LEVEL: 'info' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ stdout, stderr, code }));
    child.stdin.end(stdin);
  });
}

describe('ask', () => {
  it('answers questions from stdin one JSON object a line, in order, echoing ids', async () => {
    const input = [
      JSON.stringify({ id: 'a', q: 'When was the White House signing?' }),
      'Is Saudi Arabia a member?',
      JSON.stringify({ id: 7, q: '/whois Bibi' }),
      JSON.stringify({ id: 'x', q: 'What is the capital of Australia?' }),
    ].join('\n');
    const { stdout, stderr, code } = await runAsk(['--jsonl'], input + '\n');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['a', undefined, 7, 'x']);
    expect(lines.map((l) => l.kind)).toEqual(['answer', 'answer', 'profile', 'no_answer']);
    expect(lines[0].citations[0]).toMatchObject({ id: 'ev-2020-09-15-white-house-signing', title: expect.any(String), publisher: 'Hamodia', date: '2020-09-15', url: expect.stringMatching(/^https:/), quote: expect.any(String) });
    // Logs go to stderr only, as JSON lines from pino.
    expect(stderr).toContain('index built');
  });

  it('prints one JSON object with --json, and text by default', async () => {
    const json = await runAsk(['--json', '/whois Witkoff']);
    expect(JSON.parse(json.stdout)).toMatchObject({ kind: 'profile', citations: [expect.objectContaining({ id: 'steve-witkoff' })] });
    const text = await runAsk(['Who is Witkoff?']);
    expect(text.stdout).toMatch(/^Steve Witkoff[\s\S]*Sources:\n\[1\]/);
  });

  it('fails with a named error and exit 1 when the corpus is broken', async () => {
    const child = await new Promise<{ stderr: string; code: number | null }>((resolve) => {
      const p = spawn(TSX, ['src/cli/ask.ts', 'hello'], { cwd: projectRoot, env: { ...process.env, ACCORDS_CORPUS_DIR: join(projectRoot, 'tests') } });
      let stderr = '';
      p.stderr.on('data', (d) => (stderr += d));
      p.on('close', (code) => resolve({ stderr, code }));
    });
    expect(child.code).toBe(1);
    expect(child.stderr).toMatch(/corpus is invalid/);
    expect(child.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
