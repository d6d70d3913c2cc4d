import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { ViewModel } from '../../view/view-model.js';

/**
 * The DOCX made on a second thread, so that a build's main thread stays
 * free to drive the browser: on the main thread, the DOCX's 100–250 ms of
 * work delayed every answer the browser sent while it printed the PDF.
 * One worker serves every profile of a build (a new one per profile
 * would load the docx package again each time); it does not keep the
 * process alive. The worker is this same module, started again (from the
 * bundle's chunk or from tsc's output, whichever this file is); from
 * TypeScript sources (the tests) there is no file a worker could load, and
 * the DOCX is made on the main thread.
 */

const ROLE = 'storybank:docx';

interface Job {
  id: number;
  model: ViewModel;
}
type Reply = { id: number; bytes: Uint8Array } | { id: number; error: string };

if (!isMainThread && (workerData as { role?: string } | undefined)?.role === ROLE) {
  const { renderAnswerBankDocx } = await import('./document.js');
  parentPort!.on('message', (job: Job) => {
    renderAnswerBankDocx(job.model).then(
      (bytes) => {
        // A copy of its own, so the transfer moves exactly these bytes.
        const own = new Uint8Array(bytes);
        parentPort!.postMessage({ id: job.id, bytes: own } satisfies Reply, [own.buffer]);
      },
      (error: unknown) => parentPort!.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) } satisfies Reply),
    );
  });
}

let worker: Worker | undefined;
let nextId = 0;
const waiting = new Map<number, { resolve: (bytes: Uint8Array) => void; reject: (error: Error) => void }>();

function thread(self: string): Worker {
  if (worker) return worker;
  const started = new Worker(new URL(self), { workerData: { role: ROLE } });
  started.on('message', (reply: Reply) => {
    const job = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (waiting.size === 0) started.unref();
    if ('bytes' in reply) job?.resolve(reply.bytes);
    else job?.reject(new Error(reply.error));
  });
  const fail = (error: Error) => {
    worker = undefined;
    for (const job of waiting.values()) job.reject(error);
    waiting.clear();
  };
  started.on('error', fail);
  started.on('exit', (code) => fail(new Error(`the DOCX worker stopped (exit code ${code})`)));
  worker = started;
  return started;
}

export async function renderAnswerBankDocxOnThread(model: ViewModel): Promise<Uint8Array> {
  const self = import.meta.url;
  if (!self.endsWith('.js')) return (await import('./document.js')).renderAnswerBankDocx(model);
  const w = thread(self);
  const id = nextId++;
  return new Promise<Uint8Array>((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    w.ref();
    w.postMessage({ id, model } satisfies Job);
  });
}
