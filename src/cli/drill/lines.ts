import { createInterface } from 'node:readline';
import { readAnswer } from '../../practice/engine.js';
import { formatScreen, type DrillStyle } from '../format/drill.js';
import type { Driver } from './driver.js';

/**
 * Line mode, for piped input, scripts and tests: the question is printed,
 * a line reveals the story, a line rates it. No timer is drawn (the time
 * is still measured), nothing is redrawn, and the end of the input ends
 * the session cleanly.
 */
export function lineDriver(input: NodeJS.ReadableStream, output: NodeJS.WritableStream, style: DrillStyle, clock: () => Date): Driver {
  const rl = createInterface({ input, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  let ended = false;
  return {
    interrupted: false,
    show(screens) {
      for (const screen of screens) {
        output.write(`${formatScreen(screen, style)}\n`);
        if (screen.kind === 'question') output.write('   (answer aloud; press Enter when done)\n');
      }
    },
    async next(drill) {
      const line = ended ? undefined : await lines.next();
      const ms = performance.now();
      if (!line || line.done) {
        ended = true;
        return { type: 'end', ms };
      }
      return readAnswer(drill, line.value, ms, clock());
    },
    close() {
      rl.close();
    },
  };
}
