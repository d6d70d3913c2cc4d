// Preview reload latency: start `storybank preview`, open the reload channel
// of the cheat sheet page as the browser does (Server-Sent Events), then save
// a story that is on the sheet and time from the end of the write to the
// `reload` event. Each save changes the story's title, so the page changes
// and must reload.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * @returns {Promise<number[]>} one latency in ms per save
 */
export async function previewReloadLatencies({ node, cli, ws, profile, story, saves, env, pauseMs = 300 }) {
  const child = spawn(node, [cli, 'preview', '--dir', ws, '--profile', profile, '--port', String(await freePort())], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (d) => (output += d));
  child.stderr.setEncoding('utf8').on('data', (d) => (output += d));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  try {
    const start = await waitFor(() => /http:\/\/127\.0\.0\.1:\d+\S*/.exec(output)?.[0], 60_000, () => `preview did not start:\n${output}`);
    const page = await fetch(start);
    const html = await page.text();
    const channel = /"events":"([^"]+)"/.exec(html);
    if (!channel) throw new Error(`the preview page has no reload channel (HTTP ${page.status})`);
    const events = await openEvents(new URL(JSON.parse(`"${channel[1]}"`), page.url).href);
    try {
      const file = join(ws, story);
      const original = readFileSync(file, 'utf8');
      const latencies = [];
      for (let i = 1; i <= saves; i++) {
        const edited = retitle(original, ` (edit ${i})`);
        const seen = events.count();
        writeFileSync(file, edited);
        const saved = performance.now();
        const at = await events.reloadAfter(seen, 10_000);
        latencies.push(at - saved);
        // Let the watcher settle, as between two saves by hand.
        await new Promise((r) => setTimeout(r, pauseMs));
      }
      writeFileSync(file, original);
      return latencies;
    } finally {
      events.close();
    }
  } finally {
    child.kill('SIGINT');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

/** Appends `suffix` to the story's `title:` (plain, "double" or 'single' quoted). */
export function retitle(text, suffix) {
  const out = text.replace(/^title:[ \t]*(["']?)(.*?)\1[ \t]*$/m, (_, q, title) => `title: ${q}${title}${suffix}${q}`);
  if (out === text) throw new Error('the story has no title line to edit');
  return out;
}

async function openEvents(url) {
  const controller = new AbortController();
  const res = await fetch(url, { signal: controller.signal, headers: { accept: 'text/event-stream' } });
  if (!res.ok || !res.body) throw new Error(`reload channel: HTTP ${res.status}`);
  const reloads = [];
  const waiters = new Set();
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let connected;
  const ready = new Promise((resolve) => (connected = resolve));
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const at = performance.now();
        buffer += decoder.decode(value, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.startsWith('retry:')) connected();
          if (/^event: reload$/m.test(block)) reloads.push(at);
          for (const w of waiters) w();
        }
      }
    } catch {
      // Closed.
    }
  })();
  await Promise.race([ready, new Promise((_, reject) => setTimeout(() => reject(new Error('reload channel did not open')), 10_000))]);
  return {
    count: () => reloads.length,
    reloadAfter(seen, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (reloads.length > seen) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(reloads[seen]);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no reload within ${timeoutMs} ms of the save`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => controller.abort(),
  };
}

async function waitFor(get, timeoutMs, explain) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = get();
    if (value) return value;
    if (Date.now() > until) throw new Error(explain());
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function freePort() {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
