import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

/**
 * Markdown parsing with a time budget. The limits in markdown-limits.ts
 * stop the known slow patterns, but micromark has more: 16 KB of setext
 * headings (`a\n===\n` repeated) take 2 s, 64 KB take 27 s, and nested
 * containers repeated over many lines are as bad. So any body longer than
 * a usual story is parsed in a worker thread, and given up on when it takes
 * longer than its budget (parseBudgetMs): the caller reports the file as
 * too complex.
 *
 * The call stays synchronous (the main thread waits on a shared counter,
 * and takes the tree with receiveMessageOnPort), so parsing keeps one shape
 * for `check`, `build` and the preview. A worker that does not answer in
 * time is terminated; the next long body gets a fresh one.
 */

/** Bodies up to this length are parsed in place: even the worst known pattern this short takes a quarter of a second. */
export const IN_PLACE_CHARS = 4 * 1024;
/**
 * How long a worker may take for a body of `chars` characters: 0.3 s plus
 * 20 ms per KB, at most 1.5 s. Real text parses at about 4 ms per KB, and a
 * fresh worker on a busy machine may take three times that; the patterns
 * this stops take seconds for a few KB.
 */
export function parseBudgetMs(chars: number): number {
  return Math.min(1500, Math.round(300 + (chars / 1024) * 20));
}
/** Starting a worker loads the parser; on a busy machine that can take a while, and it is not the body's fault. */
const START_MS = 30_000;

/** Thrown when a body is not parsed within its budget. */
export class ParseTimeout extends Error {
  constructor(readonly budgetMs: number) {
    super(`parsing took longer than ${budgetMs / 1000} s`);
    this.name = 'ParseTimeout';
  }
}

const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { port, state, parser } = workerData;
const flags = new Int32Array(state);
import(parser).then(({ fromMarkdown }) => {
  // Compiled code before the first real body: a cold parser is several times slower, and that is not the body's fault.
  const sample = '# Situation\\nA *launch* with **numbers** and [a link](https://example.com).\\n\\n- one\\n- two\\n\\n> quote\\n\\n';
  for (let i = 0; i < 30; i++) fromMarkdown(sample.repeat(20));
  port.on('message', (markdown) => {
    let reply;
    try { reply = { tree: fromMarkdown(markdown) }; } catch (error) { reply = { error: String((error && error.message) || error) }; }
    port.postMessage(reply);
    Atomics.add(flags, 1, 1);
    Atomics.notify(flags, 1);
  });
  Atomics.store(flags, 0, 1);
  Atomics.notify(flags, 0);
}, () => {
  Atomics.store(flags, 0, 2);
  Atomics.notify(flags, 0);
});
`;

interface ParserThread {
  worker: Worker;
  port: MessagePort;
  /** [0]: 0 starting, 1 ready, 2 failed; [1]: replies sent. */
  flags: Int32Array;
}

let thread: ParserThread | undefined;
/** Set when a worker could not be started: then bodies are parsed in place for the rest of the run. */
let unavailable = false;

/** `fromMarkdown(markdown)`, within its budget for anything but a short body. */
export function parseWithinBudget(markdown: string): Root {
  if (markdown.length <= IN_PLACE_CHARS) return fromMarkdown(markdown);
  const parser = thread ?? (unavailable ? undefined : startThread());
  // No worker (threads unavailable, the parser would not load): parse here, as before.
  if (!parser) return fromMarkdown(markdown);
  const sent = Atomics.load(parser.flags, 1);
  parser.port.postMessage(markdown);
  const budget = parseBudgetMs(markdown.length);
  const deadline = Date.now() + budget;
  while (Atomics.load(parser.flags, 1) === sent) {
    const left = deadline - Date.now();
    if (left <= 0 || Atomics.wait(parser.flags, 1, sent, left) === 'timed-out') {
      stopThread();
      throw new ParseTimeout(budget);
    }
  }
  const reply = receiveMessageOnPort(parser.port)?.message as { tree?: Root; error?: string } | undefined;
  if (!reply?.tree) throw new Error(`the Markdown parser failed: ${reply?.error ?? 'no answer'}`);
  return reply.tree;
}

function startThread(): ParserThread | undefined {
  try {
    const parser = pathToFileURL(createRequire(import.meta.url).resolve('mdast-util-from-markdown')).href;
    const { port1, port2 } = new MessageChannel();
    const flags = new Int32Array(new SharedArrayBuffer(8));
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { port: port2, state: flags.buffer, parser }, transferList: [port2] });
    // Neither may keep the process alive: a command ends when its work does.
    worker.unref();
    port1.unref();
    worker.on('error', () => stopThread());
    Atomics.wait(flags, 0, 0, START_MS);
    if (Atomics.load(flags, 0) !== 1) {
      unavailable = true;
      void worker.terminate();
      return undefined;
    }
    thread = { worker, port: port1, flags };
    return thread;
  } catch {
    unavailable = true;
    return undefined;
  }
}

function stopThread(): void {
  const stopping = thread;
  thread = undefined;
  if (!stopping) return;
  stopping.port.close();
  void stopping.worker.terminate();
}
