// `build --watch` latency: start the watcher on one profile, wait for its
// first build, then save a story on the sheet and time from the end of the
// write until the cheat sheet PDF has been rewritten (its file replaced:
// atomic writes rename a new file into place, so a new inode).
import { spawn } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { retitle } from './preview-latency.mjs';

/**
 * @returns {Promise<number[]>} one latency in ms per save
 */
export async function watchRebuildLatencies({ node, cli, ws, profile, story, saves, env, out, pauseMs = 300 }) {
  const child = spawn(node, [cli, 'build', '--watch', '--dir', ws, '--profile', profile, '--format', 'pdf', '--out', out], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (d) => (output += d));
  child.stderr.setEncoding('utf8').on('data', (d) => (output += d));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const pdf = join(out, profile, 'cheatsheet.pdf');
  const inode = () => {
    try {
      return statSync(pdf).ino;
    } catch {
      return undefined;
    }
  };
  try {
    await waitFor(() => /Watching/.test(output) && inode() !== undefined, 60_000, () => `build --watch did not start:\n${output}`);
    const file = join(ws, story);
    const original = readFileSync(file, 'utf8');
    const latencies = [];
    for (let i = 1; i <= saves; i++) {
      const before = inode();
      writeFileSync(file, retitle(original, ` (edit ${i})`));
      const saved = performance.now();
      await waitFor(() => inode() !== before, 20_000, () => `the PDF was not rewritten after save ${i}:\n${output}`, 2);
      latencies.push(performance.now() - saved);
      await new Promise((r) => setTimeout(r, pauseMs));
    }
    writeFileSync(file, original);
    return latencies;
  } finally {
    child.kill('SIGINT');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

async function waitFor(probe, timeoutMs, message, everyMs = 20) {
  const until = performance.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (performance.now() > until) throw new Error(message());
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
