import { step, type Drill, type DrillInput, type Screen, type Step } from '../../practice/engine.js';
import type { PracticeLogWriter } from '../../practice/log.js';

/**
 * What a practice session needs from a terminal: show screens, read the
 * next answer. The terminal mode (raw keys, live timer) and the line mode
 * are two drivers of the one engine.
 */
export interface Driver {
  show(screens: readonly Screen[], drill: Drill): void;
  next(drill: Drill): Promise<DrillInput>;
  /** Puts the terminal back as it was; safe to call more than once. */
  close(): void;
  /** Set when the session ended with Ctrl-C. */
  readonly interrupted: boolean;
}

/** Runs a session to its end. Each rating is appended to the log before the next question shows. */
export async function runSession(start: Step, driver: Driver, log: PracticeLogWriter): Promise<Drill> {
  let current = start;
  for (;;) {
    driver.show(current.show, current.drill);
    if (current.drill.phase.name === 'done') return current.drill;
    current = step(current.drill, await driver.next(current.drill));
    if (current.rep) log.append(current.rep);
  }
}
