import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EnvironmentError, type Diagnostic } from '../diagnostics.js';
import type { Paper } from '../workspace/schema.js';
import { watchWorkspace, type WorkspaceWatcher } from '../workspace/watch.js';
import { fontsStylesheet, pageKey, renderPage, ROUTES, type PageContext, type RenderedPage } from './pages.js';
import { loadSnapshot, type Failure, type Snapshot } from './snapshot.js';

/**
 * `storybank preview`: a small HTTP server on 127.0.0.1 that renders the
 * cheat sheet and answer bank as HTML from the workspace in memory and
 * tells open pages to reload when a file they depend on changes.
 *
 * Reload channel: Server-Sent Events over node:http. The channel only ever
 * goes one way (server → page, "reload"), which is exactly what SSE is;
 * browsers reconnect on their own (we ask for 500 ms), and it needs no
 * dependency and no upgrade handshake. A WebSocket library would add
 * code and a package for a feature we do not use (messages from the page).
 */

const HOST = '127.0.0.1';
export const DEFAULT_PORT = 4173;
/** With a busy port, try this many following ones before giving up. */
const PORT_ATTEMPTS = 10;
const HEARTBEAT_MS = 15_000;

export interface PreviewOptions {
  /** Absolute workspace root. */
  root: string;
  /** 0 picks any free port. Default 4173. */
  port?: number;
  /** Fail instead of trying the next ports when `port` is taken. */
  strictPort?: boolean;
  /** The profile `/` opens. */
  profile?: string;
  /** Paper when the URL names none (else profile, storybank.yml, letter). */
  paper?: Paper;
  /** Quiet time after a file event before re-rendering. */
  debounceMs?: number;
  /** Called after each re-render: for the CLI's log lines. */
  onUpdate?: (update: PreviewUpdate) => void;
}

export interface PreviewUpdate {
  version: number;
  /** Workspace-relative paths that changed; empty for the first load. */
  changed: string[];
  /** Load and render time, from the file event to the reload messages being written. */
  milliseconds: number;
  /** Pages told to reload. */
  reloaded: number;
  /** Error diagnostics now shown instead of pages (empty when all is well). */
  errors: Diagnostic[];
  /** Set when the workspace could not be read at all. */
  failure?: Failure;
  snapshot: Snapshot;
}

export interface Preview {
  /** http://127.0.0.1:PORT/ */
  url: string;
  /** The first page to open: the cheat sheet of `profile`, else the index. */
  startUrl: string;
  port: number;
  /** Set when the requested port was taken and another one was used. */
  portNote?: string;
  server: Server;
  /** The snapshot pages are rendered from. */
  snapshot(): Snapshot;
  /** Re-read the workspace now (what a file change does); resolves when reload messages are sent. */
  refresh(changed?: string[]): Promise<PreviewUpdate>;
  close(): Promise<void>;
}

interface Client {
  res: ServerResponse;
  page: string;
  /** Hash of the content the page shows. */
  hash: string | undefined;
}

export async function startPreview(options: PreviewOptions): Promise<Preview> {
  const root = options.root;
  let snapshot = await loadSnapshot(root, 1);
  const nonceSlot = `sb-nonce-${randomUUID()}`;
  const clients = new Set<Client>();
  let cache = new Map<string, Promise<RenderedPage>>();

  const context = (): PageContext => ({ root, snapshot, profile: options.profile, paper: options.paper, nonceSlot });
  /** Pages are rendered once per snapshot: the reload check and the reload request share the work. */
  const pageFor = (url: URL): Promise<RenderedPage> => {
    const key = pageKey(url);
    let rendered = cache.get(key);
    if (!rendered) {
      rendered = renderPage(context(), url);
      cache.set(key, rendered);
    }
    return rendered;
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`storybank preview: internal error: ${(err as Error).message}\n`);
    });
  });
  let port = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // Only this machine's browser, by name: a page elsewhere that re-points its own
    // host name at 127.0.0.1 (DNS rebinding) still sends its own Host header.
    const host = req.headers.host ?? '';
    if (host !== `${HOST}:${port}` && host !== `localhost:${port}`) {
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end(`storybank preview answers only to http://${HOST}:${port}/\n`);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const url = new URL(req.url ?? '/', `http://${host}`);
    if (url.pathname === '/events') return openEvents(url, req, res);
    const fonts = fontsStylesheet();
    if (url.pathname === fonts.path) {
      res.writeHead(200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=31536000, immutable', 'x-content-type-options': 'nosniff' });
      res.end(req.method === 'HEAD' ? undefined : fonts.css);
      return;
    }
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const page = await pageFor(url);
    if (page.location) {
      res.writeHead(page.status, { location: page.location, 'cache-control': 'no-store' }).end();
      return;
    }
    const nonce = randomBytes(16).toString('base64');
    const body = page.html.split(nonceSlot).join(nonce);
    res.writeHead(page.status, {
      'content-type': 'text/html; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      'cache-control': 'no-store',
      // Story text is escaped by the templates already; this keeps a stray <script> in a custom template inert too.
      'content-security-policy': `default-src 'none'; style-src 'self' 'unsafe-inline'; font-src data:; img-src data:; script-src 'nonce-${nonce}'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  const openEvents = async (url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const page = url.searchParams.get('page') ?? '/';
    const target = new URL(page.startsWith('/') ? page : `/${page}`, url);
    if (!(ROUTES as readonly string[]).includes(target.pathname)) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('unknown page\n');
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    // Reconnect quickly after a restart of the preview.
    res.write('retry: 500\n\n');
    // Registered before the check below, so no re-render can slip between the two.
    const client: Client = { res, page: pageKey(target), hash: url.searchParams.get('v') ?? undefined };
    clients.add(client);
    req.on('close', () => clients.delete(client));
    // The page may have changed between its load and this connection (or while the preview was restarting).
    const current = await pageFor(target).catch(() => undefined);
    if (!current) return;
    if (client.hash === undefined) client.hash = current.hash;
    else notify(client, current.hash);
  };

  const notify = (client: Client, hash: string): boolean => {
    if (client.hash === hash) return false;
    client.hash = hash;
    client.res.write(`event: reload\ndata: ${snapshot.version}\n\n`);
    return true;
  };

  /**
   * Re-renders run one at a time. Changes that arrive while one runs are
   * folded into a single follow-up, so a burst of saves costs at most two.
   */
  let pending: string[] = [];
  let queued: Promise<PreviewUpdate> | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const update = async (changed: string[], started: number): Promise<PreviewUpdate> => {
    snapshot = await loadSnapshot(root, snapshot.version + 1, snapshot, changed);
    cache = new Map();
    let reloaded = 0;
    const pages = new Map<string, Client[]>();
    for (const c of clients) pages.set(c.page, [...(pages.get(c.page) ?? []), c]);
    await Promise.all(
      [...pages].map(async ([key, group]) => {
        const page = await pageFor(new URL(key, 'http://preview')).catch(() => undefined);
        // A page that failed to render is reloaded too: the request shows the error.
        for (const c of group) if (notify(c, page?.hash ?? `failed:${snapshot.version}`)) reloaded++;
      }),
    );
    const errors = snapshot.workspace ? snapshot.workspace.diagnostics.filter((d) => d.severity === 'error') : (snapshot.failure?.diagnostics ?? []);
    const result: PreviewUpdate = { version: snapshot.version, changed, milliseconds: performance.now() - started, reloaded, errors, failure: snapshot.failure, snapshot };
    options.onUpdate?.(result);
    return result;
  };
  const refresh = (changed: string[] = []): Promise<PreviewUpdate> => {
    pending.push(...changed);
    if (queued) return queued;
    const started = performance.now();
    const next = running
      .catch(() => undefined)
      .then(() => {
        queued = undefined;
        const batch = [...new Set(pending)].sort();
        pending = [];
        return update(batch, started);
      });
    queued = next;
    running = next;
    return next;
  };

  port = await listen(server, options.port ?? DEFAULT_PORT, Boolean(options.strictPort));
  const requested = options.port ?? DEFAULT_PORT;
  const portNote = requested !== 0 && port !== requested ? `port ${requested} is in use; using ${port}` : undefined;

  let watcher: WorkspaceWatcher;
  try {
    watcher = await watchWorkspace(root, (paths) => void refresh(paths).catch(() => undefined), { debounceMs: options.debounceMs ?? 15 });
  } catch (err) {
    await closeServer(server);
    throw new EnvironmentError(`cannot watch ${root} for changes: ${(err as Error).message}`, 'check that the folder exists and is readable');
  }
  // Comments keep idle connections open through sleepy proxies and let us notice closed tabs.
  const heartbeat = setInterval(() => {
    for (const c of clients) c.res.write(': ping\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();

  const url = `http://${HOST}:${port}/`;
  const start = options.profile && snapshot.workspace?.profiles.some((p) => p.name === options.profile) ? `${url}cheatsheet?profile=${encodeURIComponent(options.profile)}` : url;
  return {
    url,
    startUrl: start,
    port,
    portNote,
    server,
    snapshot: () => snapshot,
    refresh,
    async close() {
      clearInterval(heartbeat);
      await watcher.close();
      for (const c of clients) c.res.end();
      clients.clear();
      await running.catch(() => undefined);
      await closeServer(server);
    },
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Listens on 127.0.0.1 only; a busy port moves on to the next ones unless `strict`. */
async function listen(server: Server, port: number, strict: boolean): Promise<number> {
  const attempts = strict || port === 0 ? 1 : PORT_ATTEMPTS;
  for (let i = 0; i < attempts; i++) {
    const candidate = port + i;
    if (candidate > 65535) break;
    const error = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
      const onError = (err: NodeJS.ErrnoException) => resolve(err);
      server.once('error', onError);
      server.listen(candidate, HOST, () => {
        server.off('error', onError);
        resolve(undefined);
      });
    });
    if (!error) return (server.address() as AddressInfo).port;
    if (error.code === 'EACCES') {
      throw new EnvironmentError(`not allowed to listen on port ${candidate}`, 'use a port above 1023, e.g. --port 4173');
    }
    if (error.code !== 'EADDRINUSE') throw new EnvironmentError(`cannot listen on ${HOST}:${candidate}: ${error.message}`, 'try another port with --port N');
  }
  const range = attempts === 1 ? `port ${port}` : `ports ${port}–${port + attempts - 1}`;
  throw new EnvironmentError(
    `${range} on ${HOST} ${attempts === 1 ? 'is' : 'are all'} in use (is another preview running?)`,
    'choose a free port with --port N, or --port 0 to let the system pick one',
  );
}

