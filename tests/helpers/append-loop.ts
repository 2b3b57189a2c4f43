/**
 * Child process for tests/feedback-crash.test.ts: appends events to a feedback log forever and
 * acknowledges each one on stdout only after `append` returned true, so the parent knows which
 * events the log promised to keep when it kills this process.
 *
 *   node --import tsx tests/helpers/append-loop.ts <log path> <maxBytes> [keep] [first counter]
 *
 * Acks go out with fs.writeSync(1, …), unbuffered; when the pipe is full the loop waits for the
 * parent to read, so this process cannot run far ahead of what the parent has seen.
 */
import { writeSync } from 'node:fs';
import { FeedbackLog } from '../../src/feedback/log.ts';

const [path, maxBytesText, keepText, firstText] = process.argv.slice(2);
if (!path || !maxBytesText) {
  process.stderr.write('usage: append-loop.ts <log path> <maxBytes> [keep] [first counter]\n');
  process.exit(2);
}
const pause = new Int32Array(new SharedArrayBuffer(4));
const log = new FeedbackLog(path, { maxBytes: Number(maxBytesText), keep: keepText ? Number(keepText) : undefined });

for (let counter = firstText ? Number(firstText) : 0; ; counter++) {
  const written = log.append({ event: 'declined', id: `n${counter}`, question: `question ${counter}`, answer: 'no_answer', passages: [] });
  if (!written) {
    // FeedbackLog.append never throws; it reports a failed write (and drops events for a minute).
    process.stderr.write(`append-loop: append of n${counter} to ${path} failed\n`);
    process.exit(1);
  }
  ack(`ack ${counter}\n`);
}

/**
 * Writes the whole ack to stdout. The pipe may be non-blocking (Node can set it so), so a full pipe
 * (EAGAIN) means: wait a millisecond for the parent to read, and try again.
 */
function ack(text: string): void {
  let bytes = Buffer.from(text);
  while (bytes.length > 0) {
    try {
      bytes = bytes.subarray(writeSync(1, bytes));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(pause, 0, 0, 1);
    }
  }
}
