import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { ViewModel } from '../../view/view-model.js';

/**
 * The DOCX made on a second thread, so that a build's main thread stays
 * free to drive the browser: on the main thread, the DOCX's 100–250 ms of
 * work delayed every answer the browser sent while it printed the PDF.
 * The worker is this same module, started again (from the bundle's chunk
 * or from tsc's output, whichever this file is); from TypeScript sources
 * (the tests) there is no file a worker could load, and the DOCX is made
 * on the main thread.
 */

const ROLE = 'storybank:docx';

if (!isMainThread && (workerData as { role?: string } | undefined)?.role === ROLE) {
  const { renderAnswerBankDocx } = await import('./document.js');
  const bytes = await renderAnswerBankDocx((workerData as { model: ViewModel }).model);
  // A copy of its own, so the transfer moves exactly these bytes.
  const own = new Uint8Array(bytes);
  parentPort!.postMessage(own, [own.buffer]);
}

export async function renderAnswerBankDocxOnThread(model: ViewModel): Promise<Uint8Array> {
  const self = import.meta.url;
  if (!self.endsWith('.js')) return (await import('./document.js')).renderAnswerBankDocx(model);
  return new Promise<Uint8Array>((resolve, reject) => {
    const worker = new Worker(new URL(self), { workerData: { role: ROLE, model } });
    let result: Uint8Array | undefined;
    worker.once('message', (bytes: Uint8Array) => (result = bytes));
    worker.once('error', reject);
    worker.once('exit', (code) => (result ? resolve(result) : reject(new Error(`the DOCX worker stopped (exit code ${code}) without a result`))));
  });
}
