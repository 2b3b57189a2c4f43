/**
 * `/ask` through the HTTP interactions endpoint (src/http/), signature checks included, answering
 * from the real corpus: requests per second and latency with one server process, then with two
 * behind Node's `cluster` module (the primary forks the workers, which listen on the same port;
 * the primary hands each new connection to the next worker in turn), after a row with one client
 * at a time (service time without queueing). No assertions: figures only, printed as a markdown
 * table on stdout; each row forks its own fresh workers.
 *
 * The load generator runs in the primary, on the same machine: N clients, each sending its next
 * request as soon as its last one is answered, over kept-alive connections. Requests are signed
 * once per phase (a signature stays valid for SIGNATURE_MAX_AGE_SECONDS) so the generator spends
 * its CPU on HTTP, not on signing; the servers verify every one. The cooldown is on but out of
 * reach, as in bench/discord.bench.ts.
 *
 *   npx tsx bench/http.bench.ts
 *   BENCH_SECONDS=10 BENCH_WARMUP_SECONDS=3 BENCH_CLIENTS=32 npx tsx bench/http.bench.ts
 */
import cluster, { type Worker } from 'node:cluster';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../src/paths.ts';

/** How many questions of tests/eval/own.jsonl are asked, in turn. */
const QUESTIONS = 50;
/** Distinct askers the questions come from (each asker's follow-up context stays small). */
const USERS = 50;
const CLIENTS = numberFromEnv('BENCH_CLIENTS', 32);
const MEASURE_SECONDS = numberFromEnv('BENCH_SECONDS', 10);
const WARMUP_SECONDS = numberFromEnv('BENCH_WARMUP_SECONDS', 3);
/** A worker that has not started listening by then (corpus load and index build) is a failure. */
const WORKER_START_TIMEOUT_MS = 120_000;

interface WorkerMessage {
  kind: 'listening' | 'served';
  port?: number;
  passages?: number;
  served?: number;
}

interface SignedRequest {
  body: Buffer;
  headers: Record<string, string>;
}

interface PhaseResult {
  label: string;
  clients: number;
  answered: number;
  errors: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  /** The load generator's CPU time over the measured seconds, as a share of one core. */
  generatorCpu: number;
  /** Requests each worker served over the whole phase (warm-up included). */
  perWorker: number[];
}

function numberFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

if (cluster.isPrimary) {
  await primary();
} else {
  await worker();
}

/** A worker: the real corpus, the endpoint on the port the primary shares, a count of what it served. */
async function worker(): Promise<void> {
  const { createLogger, setLogger } = await import('../src/log.ts');
  setLogger(createLogger('error'));
  const { createApp } = await import('../src/app.ts');
  const { startInteractionsServer } = await import('../src/http/interactions.ts');
  const app = createApp();
  const endpoint = await startInteractionsServer(app, {
    // Port 0 in a cluster: the primary picks one free port the first time and every worker shares it.
    port: 0,
    host: '127.0.0.1',
    publicKey: process.env.BENCH_PUBLIC_KEY!,
    cooldownSeconds: 60,
    cooldownMax: Number.MAX_SAFE_INTEGER,
  });
  let served = 0;
  endpoint.server.on('request', () => (served += 1));
  process.on('message', (message: { kind?: string }) => {
    if (message.kind === 'report') process.send!({ kind: 'served', served } satisfies WorkerMessage);
  });
  process.send!({ kind: 'listening', port: endpoint.port, passages: app.engine.corpus.passages.length } satisfies WorkerMessage);
}

async function primary(): Promise<void> {
  const questions = readFileSync(join(projectRoot, 'tests', 'eval', 'own.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => (JSON.parse(line) as { q: string }).q)
    .slice(0, QUESTIONS);
  const keys = generateKeyPairSync('ed25519');
  const publicKeyHex = Buffer.from(keys.publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('hex');

  const results: PhaseResult[] = [];
  let passages = 0;
  // One client at a time first: the service time without queueing, for reading the other rows.
  const phases = [
    { label: 'one process, one client at a time', processes: 1, clients: 1 },
    { label: 'one process', processes: 1, clients: CLIENTS },
    { label: '2 processes (cluster)', processes: 2, clients: CLIENTS },
  ];
  for (const phase of phases) {
    const { workers, port, passages: loaded } = await forkWorkers(phase.processes, publicKeyHex);
    passages = loaded;
    try {
      results.push(await measure(phase.label, phase.clients, workers, port, questions, keys.privateKey));
    } finally {
      await stopWorkers(workers);
    }
  }

  const lines = [
    `HTTP interactions endpoint, \`/ask\` with signature checks (${questions.length} questions of tests/eval/own.jsonl, ${passages} passages): ` +
      `${WARMUP_SECONDS} s warm-up then ${MEASURE_SECONDS} s measured per row; Node ${process.version}, ${availableParallelism()} CPUs; ` +
      `the load generator runs on the same machine.`,
    '',
    '| servers | clients | answered/s | p50 ms | p95 ms | p99 ms | errors | load generator CPU | requests per worker |',
    '|---|---|---|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.label} | ${r.clients} | ${r.perSecond.toFixed(1)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.errors} | ${Math.round(r.generatorCpu * 100)}% of a core | ${r.perWorker.join(' / ')} |`,
    ),
  ];
  const one = results.find((r) => r.label === 'one process');
  const two = results.find((r) => r.label.startsWith('2 processes'));
  if (one && two) lines.push('', `Two processes: ${(two.perSecond / one.perSecond).toFixed(2)}× the answers per second of one (${CLIENTS} clients).`);
  process.stdout.write(lines.join('\n') + '\n');
}

async function forkWorkers(count: number, publicKeyHex: string): Promise<{ workers: Worker[]; port: number; passages: number }> {
  const workers: Worker[] = [];
  let port = 0;
  let passages = 0;
  for (let i = 0; i < count; i++) {
    const worker = cluster.fork({ BENCH_PUBLIC_KEY: publicKeyHex, LOG_LEVEL: 'error' });
    workers.push(worker);
    const listening = await new Promise<WorkerMessage>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('a worker did not start in time')), WORKER_START_TIMEOUT_MS);
      worker.on('message', (message: WorkerMessage) => {
        if (message.kind !== 'listening') return;
        clearTimeout(timer);
        resolve(message);
      });
      worker.once('exit', (code) => reject(new Error(`a worker exited with code ${code} before listening`)));
    });
    if (port && listening.port !== port) throw new Error(`workers listen on different ports (${port}, ${listening.port})`);
    port = listening.port!;
    passages = listening.passages!;
  }
  return { workers, port, passages };
}

async function stopWorkers(workers: Worker[]): Promise<void> {
  await Promise.all(
    workers.map(
      (worker) =>
        new Promise<void>((resolve) => {
          if (worker.isDead()) return resolve();
          worker.once('exit', () => resolve());
          worker.kill();
        }),
    ),
  );
}

/** Signed /ask interactions, one per question, from USERS askers; signed now, valid for minutes. */
function signedRequests(questions: string[], privateKey: KeyObject): SignedRequest[] {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return questions.map((question, i) => {
    const body = Buffer.from(
      JSON.stringify({
        id: String(800000000000000000n + BigInt(i)),
        application_id: '111111111111111111',
        type: 2,
        token: `bench-token-${i}`,
        version: 1,
        guild_id: '222222222222222222',
        channel_id: '333333333333333333',
        member: { user: { id: String(500000000000000000n + BigInt(i % USERS)) }, permissions: '0' },
        data: { id: '1', name: 'ask', type: 1, options: [{ type: 3, name: 'question', value: question }] },
      }),
    );
    return {
      body,
      headers: {
        'content-type': 'application/json',
        'content-length': String(body.length),
        'x-signature-timestamp': timestamp,
        'x-signature-ed25519': sign(null, Buffer.concat([Buffer.from(timestamp), body]), privateKey).toString('hex'),
      },
    };
  });
}

async function measure(label: string, clients: number, workers: Worker[], port: number, questions: string[], privateKey: KeyObject): Promise<PhaseResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const requests = signedRequests(questions, privateKey);
  let next = 0;

  /** Sends requests from `clients` clients until `seconds` have passed; latencies of the answered ones. */
  const run = async (seconds: number) => {
    const latencies: number[] = [];
    let errors = 0;
    const deadline = performance.now() + seconds * 1000;
    const client = async () => {
      while (performance.now() < deadline) {
        const signed = requests[next++ % requests.length]!;
        const started = performance.now();
        const ok = await send(agent, port, signed).catch(() => false);
        if (ok) latencies.push(performance.now() - started);
        else errors += 1;
      }
    };
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    await Promise.all(Array.from({ length: clients }, client));
    const cpu = process.cpuUsage(cpuBefore);
    const wallMs = performance.now() - started;
    return { latencies, errors, wallMs, cpuShare: (cpu.user + cpu.system) / 1000 / wallMs };
  };

  await run(WARMUP_SECONDS);
  const measured = await run(MEASURE_SECONDS);
  agent.destroy();
  const perWorker = await Promise.all(
    workers.map(
      (worker) =>
        new Promise<number>((resolve) => {
          const onMessage = (message: WorkerMessage) => {
            if (message.kind !== 'served') return;
            worker.off('message', onMessage);
            resolve(message.served!);
          };
          worker.on('message', onMessage);
          worker.send({ kind: 'report' });
        }),
    ),
  );
  const sorted = measured.latencies.sort((a, b) => a - b);
  const quantile = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return {
    label,
    clients,
    answered: sorted.length,
    errors: measured.errors,
    perSecond: sorted.length / (measured.wallMs / 1000),
    p50: quantile(0.5),
    p95: quantile(0.95),
    p99: quantile(0.99),
    generatorCpu: measured.cpuShare,
    perWorker,
  };
}

/** One request; true when it was answered with a message that is not the error reply. */
function send(agent: Agent, port: number, signed: SignedRequest): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/interactions', method: 'POST', agent, headers: signed.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        if (res.statusCode !== 200) return resolve(false);
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { type?: number; data?: { embeds?: { description?: string }[] } };
          resolve(body.type === 4 && !String(body.data?.embeds?.[0]?.description ?? '').startsWith('❌'));
        } catch {
          resolve(false);
        }
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(signed.body);
  });
}
