import { emitKeypressEvents, type Key } from 'node:readline';
import { readAnswer, type Drill, type DrillInput } from '../../practice/engine.js';
import { formatScreen, formatTimer, type DrillStyle } from '../format/drill.js';
import type { Driver } from './driver.js';

/**
 * Terminal mode: raw keys and a timer redrawn in place while the user
 * answers. Whatever ends the session (q, Ctrl-C, the last question, an
 * error, the process exiting), the terminal is put back as it was: the
 * cursor shown and raw mode off.
 */

const HIDE_CURSOR = '\x1b[?25l';
const SHOW_CURSOR = '\x1b[?25h';
const CLEAR_LINE = '\r\x1b[2K';
const CLEAR_SCREEN = '\x1b[H\x1b[2J';
const TICK_MS = 200;

interface Press {
  text: string;
  ms: number;
  interrupt?: boolean;
  /** A key with no meaning: ignored while answering, answered with a hint once the story shows. */
  stray?: boolean;
}

export function keyDriver(stdin: NodeJS.ReadStream, stdout: NodeJS.WriteStream, style: DrillStyle, clock: () => Date): Driver {
  const width = () => Math.max(40, Math.min(stdout.columns || 80, 100));
  const presses: Press[] = [];
  let waiting: ((press: Press) => void) | undefined;
  let asking: { shownAt: number; budget: number } | undefined;
  let ticker: NodeJS.Timeout | undefined;
  let drawn = '';
  let interrupted = false;
  let closed = false;

  const drawTimer = () => {
    if (!asking) return;
    const line = formatTimer(performance.now() - asking.shownAt, asking.budget, { ...style, width: width() });
    if (line === drawn) return;
    drawn = line;
    stdout.write(`${CLEAR_LINE}${line}`);
  };
  const clearTimer = () => {
    if (drawn) stdout.write(CLEAR_LINE);
    drawn = '';
  };
  const press = (p: Press) => {
    if (waiting) {
      const resolve = waiting;
      waiting = undefined;
      resolve(p);
    } else {
      presses.push(p);
    }
  };
  const onKey = (text: string | undefined, key: Key | undefined) => {
    const ms = performance.now();
    if (key?.ctrl && key.name === 'c') return press({ text: 'q', ms, interrupt: true });
    if (key?.ctrl && key.name === 'z') return suspend();
    if ((key?.ctrl && key.name === 'd') || key?.name === 'escape') return press({ text: 'q', ms });
    if (key?.name === 'return' || key?.name === 'enter' || key?.name === 'space') return press({ text: '', ms });
    if (text && /^[1-4sq]$/i.test(text)) return press({ text, ms });
    if (text && /^[\x21-\x7e]$/.test(text)) return press({ text, ms, stray: true });
  };
  // Ctrl-Z: hand the terminal back to the shell; `fg` brings the session back as it was.
  const suspend = () => {
    clearTimer();
    stdin.setRawMode(false);
    stdout.write(SHOW_CURSOR);
    process.kill(process.pid, 'SIGTSTP');
  };
  const resume = () => {
    if (closed) return;
    stdin.setRawMode(true);
    stdout.write(HIDE_CURSOR);
    drawTimer();
  };
  const restore = () => {
    if (closed) return;
    closed = true;
    if (ticker) clearInterval(ticker);
    clearTimer();
    stdin.off('keypress', onKey);
    stdout.off('resize', onResize);
    process.off('SIGCONT', resume);
    process.off('exit', restore);
    if (stdin.isTTY) stdin.setRawMode(false);
    stdin.pause();
    stdout.write(SHOW_CURSOR);
  };
  const onResize = () => {
    clearTimer();
    drawTimer();
  };

  emitKeypressEvents(stdin);
  stdin.setRawMode(true);
  stdin.on('keypress', onKey);
  stdin.resume();
  stdout.on('resize', onResize);
  process.on('SIGCONT', resume);
  // process.exit() from the signal handlers skips every finally block; this still runs.
  process.on('exit', restore);
  stdout.write(HIDE_CURSOR);

  return {
    get interrupted() {
      return interrupted;
    },
    show(screens, drill) {
      // Each question after the first starts on a clean screen: the last story's cues are out of sight.
      if (screens.some((s) => s.kind === 'question' && s.position > 1)) {
        clearTimer();
        stdout.write(CLEAR_SCREEN);
      }
      for (const screen of screens) {
        clearTimer();
        if (screen.kind === 'question' || screen.kind === 'answer' || screen.kind === 'summary') asking = undefined;
        stdout.write(`${formatScreen(screen, style)}\n`);
      }
      startTimer(drill);
    },
    async next(drill: Drill): Promise<DrillInput> {
      for (;;) {
        const p = presses.shift() ?? (await new Promise<Press>((resolve) => (waiting = resolve)));
        if (p.stray && drill.phase.name === 'asking') continue;
        if (p.interrupt) interrupted = true;
        return readAnswer(drill, p.text, p.ms, clock());
      }
    },
    close: restore,
  };

  /** While a question is asked, the timer runs on the line below it. */
  function startTimer(drill: Drill) {
    const phase = drill.phase;
    if (phase.name !== 'asking') {
      if (ticker) clearInterval(ticker);
      ticker = undefined;
      return;
    }
    if (!asking || asking.shownAt !== phase.shownAt) asking = { shownAt: phase.shownAt, budget: drill.setup.budgetSeconds };
    drawTimer();
    ticker ??= setInterval(drawTimer, TICK_MS);
  }
}
