// Whole-process timing: spawn, wait, wall-clock time. Nothing is timed
// in-process, so node start-up, imports, browser launch and exit all count.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A contender: a name and a function that, given a fresh run directory,
 * returns the command to run there ({ cmd, args, check? }).
 */

/** Runs one command once in `runDir` (created fresh, removed after); returns milliseconds. */
export function timeOnce(contender, runDir, env) {
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
  const { cmd, args, cwd, check } = contender.command(runDir);
  // Output goes to files, not pipes: no buffering cost in this process, no size limit.
  const outFile = join(runDir, '.stdout');
  const errFile = join(runDir, '.stderr');
  const out = openSync(outFile, 'w');
  const err = openSync(errFile, 'w');
  const started = performance.now();
  const result = spawnSync(cmd, args, { cwd: cwd ?? runDir, env, stdio: ['ignore', out, err] });
  const ms = performance.now() - started;
  closeSync(out);
  closeSync(err);
  if (result.error || result.status !== 0) {
    const stderr = readFileSync(errFile, 'utf8').trim().split('\n').slice(-8).join('\n');
    throw new Error(`${contender.name} failed (exit ${result.status ?? result.signal ?? result.error?.message}): ${cmd} ${args.join(' ')}\n${stderr}`);
  }
  check?.(runDir);
  rmSync(runDir, { recursive: true, force: true });
  return ms;
}

/**
 * Runs every contender `runs` times, interleaved: round i runs them in
 * order, round i+1 in reverse (A B, B A, A B …), so slow drift of the
 * machine (other jobs, thermal, page cache) hits all of them alike.
 * `warmup` untimed rounds first warm the page cache, not the process.
 */
export function alternate(contenders, { runs, warmup = 1, workDir, env, onSample }) {
  const samples = new Map(contenders.map((c) => [c.name, []]));
  let n = 0;
  for (let round = -warmup; round < runs; round++) {
    const order = round % 2 === 0 ? contenders : [...contenders].reverse();
    for (const c of order) {
      const ms = timeOnce(c, join(workDir, `run-${n++}`), env);
      if (round >= 0) {
        samples.get(c.name).push(ms);
        onSample?.(c.name, ms);
      }
    }
  }
  return Object.fromEntries([...samples].map(([name, list]) => [name, summarize(list)]));
}

/** Median over rounds of f(sample of A, sample of B): runs of the same round ran back to back, so drift cancels. */
export function pairedMedian(a, b, f) {
  return median(a.samples.map((x, i) => f(x, b.samples[i])));
}

export function median(list) {
  const s = [...list].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function summarize(list) {
  const s = [...list].sort((a, b) => a - b);
  return { median: median(s), min: s[0], max: s[s.length - 1], runs: s.length, samples: list.map((x) => Math.round(x)) };
}
