import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { EnvironmentError } from '../../diagnostics.js';
import { mark } from '../../support/trace.js';
import { createProfileFolder, fullTmpdirHint, removeProfileFolder, removeProfileFoldersNow, sweepStaleProfiles, tmpdirIsFull } from './profile-folder.js';

/**
 * Finding, starting and always stopping the one Chromium a process uses.
 * Puppeteer is imported lazily: commands that print no PDF never pay for it.
 */

const INSTALL_HINT =
  'install Chromium (Debian/Ubuntu: `sudo apt-get install -y chromium`; macOS: install Google Chrome), ' +
  'or point storybank at a browser with --browser PATH or PUPPETEER_EXECUTABLE_PATH';

/**
 * The headless shell first: the same Blink as the full browser, without the
 * browser around it, so it starts in about 60 % of the time (Debian package
 * `chromium-headless-shell`; Puppeteer's `chrome-headless-shell` download).
 */
const HEADLESS_SHELL_NAMES = ['chromium-headless-shell', 'chrome-headless-shell'];
const FULL_BROWSER_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];
const WELL_KNOWN = [
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

export interface BrowserChoice {
  path: string;
  /** Where it was found, for --verbose and error messages. */
  source: string;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The headless shell takes Puppeteer's `headless: 'shell'`; a full browser, its new headless mode. */
export function isHeadlessShell(path: string): boolean {
  return /(?:chromium|chrome)-headless-shell(?:\.exe)?$/i.test(path);
}

/**
 * `--browser`, then PUPPETEER_EXECUTABLE_PATH, then CHROME_PATH, then on
 * PATH a headless shell, then a Chrome or Chromium, then Puppeteer's own
 * download cache.
 */
export function findBrowser(explicit?: string, env: NodeJS.ProcessEnv = process.env): BrowserChoice {
  const named: [string | undefined, string][] = [
    [explicit, '--browser'],
    [env.PUPPETEER_EXECUTABLE_PATH, 'PUPPETEER_EXECUTABLE_PATH'],
    [env.CHROME_PATH, 'CHROME_PATH'],
  ];
  for (const [path, source] of named) {
    if (!path) continue;
    if (!isExecutable(path)) {
      throw new EnvironmentError(`the browser given by ${source} (${path}) does not exist or is not executable`, INSTALL_HINT);
    }
    return { path, source };
  }
  // A headless shell anywhere on PATH beats a full browser earlier on it.
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const names of [HEADLESS_SHELL_NAMES, FULL_BROWSER_NAMES]) {
    for (const dir of dirs) {
      for (const name of names) {
        const path = join(dir, name);
        if (isExecutable(path)) return { path: unwrapDebianLauncher(path), source: 'PATH' };
      }
    }
  }
  for (const path of WELL_KNOWN) if (isExecutable(path)) return { path, source: 'system' };
  const cached = puppeteerCacheBrowser(env);
  if (cached) return { path: cached, source: 'puppeteer cache' };
  throw new EnvironmentError('no Chrome or Chromium browser found (needed for the PDF cheat sheet)', INSTALL_HINT);
}

/** Debian's /usr/bin/chromium (and -headless-shell) are shell wrappers; starting the binary directly saves a shell and its config reads. */
function unwrapDebianLauncher(path: string): string {
  for (const name of ['chromium', 'chromium-headless-shell']) {
    const real = `/usr/lib/chromium/${name}`;
    // Only Debian's own wrappers: a user's `chromium` script elsewhere on PATH is what they meant to run.
    if ((path === `/usr/bin/${name}` || path === `/bin/${name}`) && isExecutable(real)) return real;
  }
  return path;
}

/** `npx puppeteer browsers install chrome-headless-shell` (or `chrome`) puts a browser here; the shell first, newest build first. */
const PUPPETEER_CACHE_LAYOUT: [string, string[]][] = [
  ['chrome-headless-shell', ['chrome-headless-shell-linux64/chrome-headless-shell', 'chrome-headless-shell-mac-x64/chrome-headless-shell', 'chrome-headless-shell-mac-arm64/chrome-headless-shell', 'chrome-headless-shell-win64/chrome-headless-shell.exe']],
  ['chrome', ['chrome-linux64/chrome', 'chrome-mac-x64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing', 'chrome-mac-arm64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing', 'chrome-win64/chrome.exe']],
];

function puppeteerCacheBrowser(env: NodeJS.ProcessEnv): string | undefined {
  const cache = env.PUPPETEER_CACHE_DIR ?? join(homedir(), '.cache', 'puppeteer');
  for (const [product, binaries] of PUPPETEER_CACHE_LAYOUT) {
    const productDir = join(cache, product);
    if (!existsSync(productDir)) continue;
    for (const build of readdirSync(productDir).sort().reverse()) {
      for (const rel of binaries) {
        const path = join(productDir, build, rel);
        if (isExecutable(path)) return path;
      }
    }
  }
  return undefined;
}

/** Chromium flags: no background traffic, no sandbox only where it cannot run (root). */
export function launchArgs(): string[] {
  const args = [
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-default-apps',
    '--disable-extensions',
    '--disable-sync',
    '--disable-quic',
    '--no-first-run',
    '--no-default-browser-check',
    '--mute-audio',
    '--font-render-hinting=none',
    '--disable-dev-shm-usage',
  ];
  if (typeof process.getuid === 'function' && process.getuid() === 0) args.push('--no-sandbox');
  return args;
}

/**
 * What makes the render page open no connection at all, whatever a
 * template says: request interception (see sandbox) never sees speculative
 * work (prefetch, preconnect, DNS prefetch, a frame's first connection).
 * Every host name, and every IP address, resolves to nothing, and no proxy
 * (not even one from the environment) is used, so no socket is ever opened.
 * (Kept apart from launchArgs: a browser that tests the preview needs the network.)
 */
export const NO_NETWORK_ARGS = ['--host-resolver-rules=MAP * ~NOTFOUND', '--no-proxy-server'];

export const LAUNCH_TIMEOUT_MS = 30_000;

/** STORYBANK_BROWSER_TIMEOUT_MS shortens the wait for a hung browser (tests, slow CI). */
function launchTimeout(env: NodeJS.ProcessEnv = process.env): number {
  const ms = Number(env.STORYBANK_BROWSER_TIMEOUT_MS);
  return Number.isFinite(ms) && ms > 0 ? ms : LAUNCH_TIMEOUT_MS;
}

/**
 * One browser per process, started on first use and shared by every profile.
 * `close()` is safe to call many times and from signal handlers.
 */
export class BrowserSession {
  /** Every session not yet closed, so a signal handler can stop them all. */
  static readonly live = new Set<BrowserSession>();

  /** Kills every live browser at once; for signal and exit handlers. */
  static killAll(): void {
    for (const session of BrowserSession.live) session.killNow();
  }

  private browser?: Browser;
  private starting?: Promise<Browser>;
  private sharedPage?: Promise<Page>;
  private userDataDir?: string;
  /** The browser's pid, which leads its process group; kept while closing, for the exit handler. */
  private pid?: number;
  private closed = false;
  /** Settles once the browser process has been spawned, or its start has failed. */
  private spawned?: Promise<void>;
  private markSpawned: () => void = () => undefined;

  constructor(private readonly explicitPath?: string) {
    BrowserSession.live.add(this);
  }

  /**
   * Starts the browser and resolves as soon as its process is running (not
   * yet answering): the caller's own work then overlaps the browser's start,
   * which is most of a build's time. A failure to start surfaces from page().
   */
  async begin(): Promise<void> {
    this.spawned ??= new Promise<void>((resolve) => (this.markSpawned = resolve));
    this.page().catch(() => undefined);
    this.starting?.catch(() => this.markSpawned());
    await this.spawned;
  }

  /** The one sandboxed page; reused for every profile because a new tab costs more than new content. */
  page(): Promise<Page> {
    this.sharedPage ??= this.start().then(async (browser) => {
      const [first] = await browser.pages();
      const page = first ?? (await browser.newPage());
      await sandbox(page);
      mark('browser: page ready');
      return page;
    });
    return this.sharedPage;
  }

  private start(): Promise<Browser> {
    if (this.closed) return Promise.reject(new EnvironmentError('the browser was already closed'));
    this.starting ??= this.launch();
    return this.starting;
  }

  private async launch(): Promise<Browser> {
    const choice = findBrowser(this.explicitPath);
    mark(`browser: starting ${choice.path}`);
    const { launch } = await import('puppeteer-core');
    mark('browser: puppeteer-core loaded');
    void sweepStaleProfiles(tmpdir());
    // Whatever ends the process (an error, Ctrl-C), no Chromium outlives it and no profile folder stays behind.
    if (!exitHandlerInstalled) {
      exitHandlerInstalled = true;
      process.once('exit', () => {
        BrowserSession.killAll();
        removeProfileFoldersNow();
      });
    }
    try {
      this.userDataDir = await createProfileFolder();
    } catch (err) {
      const full = (err as NodeJS.ErrnoException).code === 'ENOSPC' || tmpdirIsFull();
      throw new EnvironmentError(
        `cannot create a temporary folder in ${tmpdir()}: ${(err as Error).message}`,
        full ? fullTmpdirHint() : 'set TMPDIR to an existing, writable folder',
        { cause: err },
      );
    }
    const timeout = launchTimeout();
    try {
      const launching = launch({
        executablePath: choice.path,
        headless: isHeadlessShell(choice.path) ? 'shell' : true,
        args: [...launchArgs(), ...NO_NETWORK_ARGS],
        userDataDir: this.userDataDir,
        // A pipe instead of a WebSocket: when storybank dies, even by SIGKILL,
        // the pipe closes and Chromium exits with it.
        pipe: true,
        timeout,
        protocolTimeout: timeout,
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      });
      // Puppeteer spawns the process after one short await (its arguments); then Chromium starts on its own.
      setImmediate(() => {
        mark('browser: process spawned');
        this.markSpawned();
      });
      this.browser = await launching;
      mark('browser: up');
      this.browser.process()?.unref?.();
      this.pid = this.browser.process()?.pid;
      return this.browser;
    } catch (err) {
      await this.removeProfile();
      const message = firstLine((err as Error).message);
      const reason = /timed out/i.test(message) ? `it did not answer within ${Math.round(timeout / 1000)} s (${message})` : message;
      throw new EnvironmentError(
        `could not start the browser at ${choice.path} (found via ${choice.source}): ${reason}`,
        tmpdirIsFull() ? fullTmpdirHint() : `check that it runs: "${choice.path}" --headless --version; or ${INSTALL_HINT}`,
        { cause: err },
      );
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    // A launch still under way (`build` starts one early) must finish before it can be stopped.
    if (this.starting) await this.starting.catch(() => undefined);
    const browser = this.browser;
    this.browser = undefined;
    if (browser) await Promise.race([browser.close().catch(() => undefined), delay(3000)]);
    // A hung browser ignores close(), and its helpers (zygote, renderer)
    // outlive it for a moment, writing to the profile: the whole process
    // group goes before the profile does (which retries while they die).
    this.killNow();
    this.pid = undefined;
    await this.removeProfile();
    if (browser) mark('browser: closed, profile folder removed');
    // Only now: until here, an exit handler must still find this browser to kill.
    BrowserSession.live.delete(this);
  }

  /** Synchronous last resort for signal and exit handlers: kill the browser and its helpers (the exit handler then removes the profile). */
  killNow(): void {
    if (this.pid) killGroup(this.pid);
  }

  private async removeProfile(): Promise<void> {
    const dir = this.userDataDir;
    this.userDataDir = undefined;
    if (dir) await removeProfileFolder(dir);
  }
}

let exitHandlerInstalled = false;

/** Chromium is started as the leader of its own process group (puppeteer's `detached`): this stops all of it. */
function killGroup(pid: number): void {
  try {
    process.kill(process.platform === 'win32' ? pid : -pid, 'SIGKILL');
  } catch {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Gone already.
    }
  }
}

/**
 * JavaScript off and every request other than data:/about: aborted; with
 * launchArgs, nothing can connect anywhere. The page never navigates away
 * either: the sheet is set as content, so a navigation of the main frame is
 * a template's `<meta http-equiv="refresh">` (to a site, or a data: page),
 * which would print an error page or someone else's page. It is cancelled
 * as if it never started ("aborted" commits no error page).
 */
export async function sandbox(page: Page): Promise<void> {
  await page.setJavaScriptEnabled(false);
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = request.url();
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) void request.abort('aborted');
    else if (url.startsWith('data:') || url.startsWith('about:')) void request.continue();
    else void request.abort('blockedbyclient');
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
