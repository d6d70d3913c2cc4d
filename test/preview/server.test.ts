import { readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EnvironmentError, UserError } from '../../src/diagnostics.js';
import { BrowserSession } from '../../src/render/pdf/browser.js';
import { parsePort, runPreview } from '../../src/cli/commands/preview.js';
import { formatBanner, formatUpdate } from '../../src/cli/format/preview.js';
import { useColor } from '../../src/cli/print.js';
import { startPreview, type Preview } from '../../src/preview/server.js';
import { eventsUrlOf, openEvents, textOf, writeFixture } from './helpers.js';

const BACKEND = '/cheatsheet?profile=backend';
const LEAD = '/cheatsheet?profile=lead';

let root: string;
let preview: Preview;
/** Every re-render, as the CLI would log it: printed when a test fails. */
const log: string[] = [];

beforeAll(async () => {
  root = await writeFixture();
  preview = await startPreview({ root, port: 0, profile: 'backend', onUpdate: (u) => log.push(formatUpdate(u, false)) });
});

afterEach((context) => {
  if (context.task.result?.state === 'fail') console.log(`preview log:\n${log.join('\n')}`);
});

afterAll(async () => {
  await preview?.close();
  await rm(root, { recursive: true, force: true });
});

async function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; html: string; headers: Headers }> {
  const res = await fetch(new URL(path, preview.url), { redirect: 'manual', headers });
  return { status: res.status, html: await res.text(), headers: res.headers };
}

/** Assertions on whole pages that print only what was looked for, not 300 KB of inlined fonts. */
function has(page: string, wanted: string | RegExp): void {
  const found = typeof wanted === 'string' ? page.includes(wanted) : wanted.test(page);
  expect(found, `page should contain ${String(wanted)}`).toBe(true);
}
function lacks(page: string, unwanted: string): void {
  expect(page.includes(unwanted), `page should not contain ${unwanted}`).toBe(false);
}

async function save(path: string, text: string): Promise<void> {
  await writeFile(join(root, path), text);
}

describe('preview server', () => {
  it('listens on 127.0.0.1 only', () => {
    const address = preview.server.address() as AddressInfo;
    expect(address.address).toBe('127.0.0.1');
    expect(address.family).toBe('IPv4');
    expect(preview.url).toBe(`http://127.0.0.1:${address.port}/`);
    expect(preview.startUrl).toBe(`http://127.0.0.1:${address.port}/cheatsheet?profile=backend`);
  });

  it('refuses requests that name another host (DNS rebinding)', async () => {
    // fetch() will not let us set Host; node:http will.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: preview.port, path: BACKEND, headers: { host: 'attacker.example:80' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('serves the cheat sheet with every question text, the toolbar and the preview script', async () => {
    const { status, html, headers } = await get(BACKEND);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/^text\/html/);
    expect(headers.get('cache-control')).toBe('no-store');
    const text = textOf(html);
    for (const question of ['Tell me about a time you failed.', 'Describe a time the release build broke at night.']) {
      has(text, question);
    }
    has(html, 'data-question="tight-deadline"');
    has(text, 'Shipping the export before the audit');
    // The toolbar and the script are the preview's own; the sheet is the same HTML as the PDF's.
    has(html, 'id="sb-bar" data-sb-preview');
    has(html, '<main class="sheet"');
    has(html, /<option value="backend" selected>/);
    has(html, 'href="/answer-bank?profile=backend"');
    // Only our script runs: its nonce matches the policy, and it is fresh per response.
    const nonce = /script-src 'nonce-([^']+)'/.exec(headers.get('content-security-policy') ?? '')?.[1];
    expect(nonce).toBeTruthy();
    has(html, `<script nonce="${nonce}">`);
    lacks((await get(BACKEND)).html, `<script nonce="${nonce}">`);
    // Story text stays text.
    lacks(html, '<script>alert(1)</script>');
    // The fonts come once, as a cacheable stylesheet, not inside every reload.
    expect(html.length).toBeLessThan(100_000);
    const fontsPath = /@import url\("(\/fonts-[0-9a-f]+\.css)"\)/.exec(html)?.[1];
    expect(fontsPath).toBeTruthy();
    const fonts = await fetch(new URL(fontsPath!, preview.url));
    expect(fonts.status).toBe(200);
    expect(fonts.headers.get('content-type')).toMatch(/^text\/css/);
    expect(fonts.headers.get('cache-control')).toContain('immutable');
    expect(await fonts.text()).toMatch(/^@font-face\{font-family:'Source Sans 3'/);
  });

  it('switches paper through the URL, and rejects unknown papers and profiles', async () => {
    const a4 = await get(`${BACKEND}&paper=a4`);
    expect(a4.status).toBe(200);
    has(a4.html, 'size:A4');
    has(a4.html, /<option value="a4" selected>/);
    has((await get(BACKEND)).html, 'size:letter');
    expect((await get(`${BACKEND}&paper=legal`)).status).toBe(400);
    const unknown = await get('/cheatsheet?profile=bakend');
    expect(unknown.status).toBe(404);
    has(textOf(unknown.html), 'Did you mean backend?');
  });

  it('redirects / to the chosen profile, and lists every profile on the index', async () => {
    const home = await get('/');
    expect(home.status).toBe(302);
    expect(home.headers.get('location')).toBe(BACKEND);
    const index = await get('/?index');
    expect(index.status).toBe(200);
    has(index.html, 'href="/cheatsheet?profile=lead"');
    has(index.html, 'href="/answer-bank?profile=backend"');
    expect((await get('/cheatsheet')).headers.get('location')).toBe(BACKEND);
    expect((await get('/nope')).status).toBe(404);
  });

  it('shows the answer bank as HTML: STAR sections, speaking time, escaped story text', async () => {
    const { status, html } = await get('/answer-bank?profile=backend');
    expect(status).toBe(200);
    const text = textOf(html);
    has(text, 'Night outage in the billing service');
    for (const label of ['Situation', 'Task', 'Action', 'Result']) has(html, `<h4 class="ab-label">${label}</h4>`);
    has(text, 'I rolled back the change, replayed the queue and wrote a runbook.');
    has(text, /Speaking time: about \d+ s \(\d+ words\)/);
    has(text, 'Key numbers: Restored in 40 minutes');
    expect(/(&lt;|&#x3C;)script>alert\(1\)(&lt;|&#x3C;)\/script>/.test(html), 'story HTML shown as text').toBe(true);
    lacks(html, '<script>alert(1)');
    has(html, 'aria-current="page">Answer bank');
  });

  it('pushes a reload after a save, only to the pages that changed', async () => {
    const backendPage = await get(BACKEND);
    const leadPage = await get(LEAD);
    const backend = await openEvents(eventsUrlOf(preview.url, backendPage.html));
    const lead = await openEvents(eventsUrlOf(preview.url, leadPage.html));
    // Each reload carries the version it was sent for; one channel delivers them in order.
    const version = (e: { event: string; data: string }) => {
      expect(e.event).toBe('reload');
      return Number(e.data);
    };
    try {
      // Both profiles tell the outage story: both pages reload. (How fast is `npm run bench`'s business.)
      const outage = await readFile(join(root, 'stories/outage.md'), 'utf8');
      let started = performance.now();
      await save('stories/outage.md', outage.replace('Restored in 40 minutes', 'Restored in 41 minutes'));
      const first = version(await backend.next(5000, started));
      expect(version(await lead.next(5000, started))).toBe(first);

      // The mentoring story is excluded from the backend profile: saving it reloads the lead page only.
      started = performance.now();
      const mentoring = await readFile(join(root, 'stories/mentoring.md'), 'utf8');
      await save('stories/mentoring.md', mentoring.replace('a quarter.', 'one quarter.'));
      const mentoringVersion = version(await lead.next(5000, started));
      // A save that changes nothing visible reloads nothing.
      const unchanged = await preview.refresh(['stories/mentoring.md']);
      expect(unchanged.reloaded).toBe(0);
      // The control: a later save that both pages show. Had backend been sent the mentoring
      // reload, or either page the no-op one, that would come first on its channel.
      await save('stories/outage.md', outage.replace('Restored in 40 minutes', 'Restored in 42 minutes'));
      const last = version(await backend.next(5000));
      expect(last).toBeGreaterThan(unchanged.version);
      expect(version(await lead.next(5000))).toBe(last);
      expect(mentoringVersion).toBeGreaterThan(first);
    } finally {
      backend.close();
      lead.close();
    }
  });

  it('sends a reload at once to a page that is already out of date when it connects', async () => {
    const page = await get(BACKEND);
    const url = eventsUrlOf(preview.url, page.html).replace(/v=[^&]+/, 'v=stale');
    const events = await openEvents(url);
    try {
      expect((await events.next(2000)).event).toBe('reload');
    } finally {
      events.close();
    }
  });

  it('shows file:line:col diagnostics after a story breaks, and recovers when it is fixed', async () => {
    const page = await get(BACKEND);
    const events = await openEvents(eventsUrlOf(preview.url, page.html));
    const path = 'stories/deadline.md';
    const good = await readFile(join(root, path), 'utf8');
    try {
      let started = performance.now();
      await save(path, good.replace('questions: [tight-deadline]', 'questions: [tight-deadline'));
      await events.next(5000, started);
      const broken = await get(BACKEND);
      expect(broken.status).toBe(200);
      const text = textOf(broken.html);
      has(text, /1 error in the workspace/);
      has(text, /stories\/deadline\.md:\d+:\d+: error: invalid YAML/);
      has(text, 'Fix it and save: this page updates by itself.');
      // The source line is quoted under the message.
      has(broken.html, /<pre class="sb-source">/);
      // The broken page keeps its reload channel, so it can recover.
      const brokenEvents = await openEvents(eventsUrlOf(preview.url, broken.html));
      try {
        started = performance.now();
        await save(path, good);
        expect((await brokenEvents.next(5000, started)).event).toBe('reload');
      } finally {
        brokenEvents.close();
      }
      const fixed = await get(BACKEND);
      has(textOf(fixed.html), 'Shipping the export before the audit');
      lacks(fixed.html, 'sb-problems');
    } finally {
      events.close();
      await writeFile(join(root, path), good);
    }
  });

  it('a story the parser would take minutes on does not freeze it: the page says the file is too complex', async () => {
    const page = await get(BACKEND);
    const events = await openEvents(eventsUrlOf(preview.url, page.html));
    const path = 'stories/deadline.md';
    const good = await readFile(join(root, path), 'utf8');
    try {
      const started = performance.now();
      // 60 KB of setext headings: no size limit is crossed, but micromark would take about 20 s.
      await save(path, good.replace('## Situation\n', `## Situation\n${'Step\n===\n'.repeat(6500)}`));
      await events.next(20_000, started);
      const text = textOf((await get(BACKEND)).html);
      has(text, /stories\/deadline\.md:\d+:1: error: this Markdown is too complex to read/);
      // Still serving other requests.
      expect((await get('/')).status).toBeLessThan(400);
    } finally {
      events.close();
      await writeFile(join(root, path), good);
    }
  });

  it('picks up a storybank.yml and template created after it started', async () => {
    const page = await get(BACKEND);
    const events = await openEvents(eventsUrlOf(preview.url, page.html));
    try {
      let started = performance.now();
      await save('storybank.yml', 'name: Robin Renamed\npaper: letter\n');
      await events.next(5000, started);
      has((await get(BACKEND)).html, 'Robin Renamed');

      const { mkdir } = await import('node:fs/promises');
      await mkdir(join(root, 'templates'), { recursive: true });
      const next = await get(BACKEND);
      const again = await openEvents(eventsUrlOf(preview.url, next.html));
      try {
        started = performance.now();
        await save('templates/cheatsheet.css', '.sheet{color:#123456}');
        await again.next(5000, started);
        has((await get(BACKEND)).html, '.sheet{color:#123456}');
      } finally {
        again.close();
        await rm(join(root, 'templates'), { recursive: true, force: true });
      }
    } finally {
      events.close();
    }
  });

  it('shows a template syntax error with its file and line', async () => {
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(root, 'templates/partials'), { recursive: true });
    await writeFile(join(root, 'templates/partials/entry.hbs'), '<article>\n{{#if story}}\n</article>\n');
    try {
      await preview.refresh(['templates/partials/entry.hbs']);
      const text = textOf((await get(BACKEND)).html);
      has(text, /1 error in a template/);
      has(text, /templates\/partials\/entry\.hbs(:\d+:\d+)?: error:/);
    } finally {
      await rm(join(root, 'templates'), { recursive: true, force: true });
      await preview.refresh(['templates/partials/entry.hbs']);
    }
    has(textOf((await get(BACKEND)).html), 'Shipping the export before the audit');
  });

  it('never starts a browser', () => {
    expect(BrowserSession.live.size).toBe(0);
  });
});

describe('preview ports', () => {
  let blocker: Server;
  let taken: number;
  beforeAll(async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    taken = (blocker.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

  it('moves to the next free port and says so', async () => {
    const other = await startPreview({ root, port: taken });
    try {
      expect(other.port).toBeGreaterThan(taken);
      expect(other.portNote).toBe(`port ${taken} is in use; using ${other.port}`);
      expect(formatBanner(other, false)).toContain(`port ${taken} is in use; using ${other.port}`);
    } finally {
      await other.close();
    }
  });

  it('fails with a --port hint when told to use exactly a taken port', async () => {
    const attempt = startPreview({ root, port: taken, strictPort: true });
    await expect(attempt).rejects.toBeInstanceOf(EnvironmentError);
    await expect(attempt).rejects.toMatchObject({ message: expect.stringContaining(`port ${taken} on 127.0.0.1 is in use`), hint: expect.stringContaining('--port') });
  });
});

describe('preview command line', () => {
  it('rejects bad ports and unknown profiles as usage errors', async () => {
    expect(() => parsePort('80.5')).toThrow(UserError);
    expect(() => parsePort(70000)).toThrow(/0 to 65535/);
    expect(parsePort(undefined)).toBe(4173);
    await expect(runPreview({ profile: 'nope', port: 0 }, { dir: root, quiet: true, verbose: false, cache: false })).rejects.toThrow(/unknown profile "nope"/);
    await expect(runPreview({ port: 0 }, { dir: join(root, 'stories'), quiet: true, verbose: false, cache: false })).rejects.toThrow(/no stories\/ folder/);
  });

  it('prints colour only on a terminal without NO_COLOR', () => {
    expect(useColor({ isTTY: true }, {})).toBe(true);
    expect(useColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(useColor({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
    expect(useColor({ isTTY: false }, {})).toBe(false);
    const banner = { startUrl: 'http://127.0.0.1:4173/', portNote: undefined };
    expect(formatBanner(banner, true)).toContain('\x1b[');
    const plain = formatBanner(banner, useColor({ isTTY: true }, { NO_COLOR: '1' }));
    expect(plain).not.toContain('\x1b[');
    expect(plain).toContain('storybank preview  http://127.0.0.1:4173/');
    const update = { version: 2, changed: ['stories/a.md'], milliseconds: 42.4, reloaded: 1, errors: [], snapshot: preview.snapshot() };
    expect(formatUpdate(update, false, new Date(2026, 0, 1, 12, 4, 31))).toBe('12:04:31 stories/a.md → ok · 1 page reloaded (42 ms)');
  });
});
