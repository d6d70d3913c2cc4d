import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, symlinkSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/workspace.js';
import { readDocx } from '../reliability/outputs.js';

/**
 * storybank as someone installs it: the project packed with `npm pack`
 * (whose prepack builds dist/, here in a copy of the sources that has no
 * dist/), the tarball's contents installed into a prefix of their own, and
 * the installed `storybank` run from a folder of its own, following what
 * `init` prints.
 *
 * No network: the dependencies come from npm's cache, which `npm ci` filled,
 * through the project's lockfile (`npm ci --offline`). Installing the
 * tarball itself with `npm install` would resolve every dependency again
 * and needs full registry metadata that `npm ci` never fetches, so it only
 * works online.
 */

const PACKAGE = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
/** What the build reads: sources, build scripts, configuration. Nothing built, no node_modules of its own. */
const BUILD_INPUTS = ['package.json', 'package-lock.json', 'tsconfig.json', 'README.md', 'src', 'scripts', 'templates'];

let work: string;
let prefix: string;
let installed: string;
let npmCi: { stdout: string; stderr: string };
/** The tarball's files, without the leading `package/`. */
let packed: string[];

function npm(args: string[], cwd: string): { stdout: string; stderr: string } {
  const r = spawnSync('npm', [...args, '--no-audit', '--no-fund'], { cwd, encoding: 'utf8', timeout: 240_000 });
  if (r.status !== 0) {
    const cache = /ENOTCACHED/.test(r.stderr) ? "\n(npm's cache lacks a dependency: run `npm ci` in the project first, with the network)" : '';
    throw new Error(`npm ${args.join(' ')} failed (exit ${r.status}) in ${cwd}:\n${r.stderr}${r.stdout}${cache}`);
  }
  return { stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'storybank-install-'));
  const project = join(work, 'project');
  for (const name of BUILD_INPUTS) cpSync(join(REPO_ROOT, name), join(project, name), { recursive: true });
  // The build tools (tsc, esbuild) are the project's dev dependencies.
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(project, 'node_modules'), 'dir');
  npm(['pack', '--pack-destination', work], project);
  const tarball = readdirSync(work).find((n) => n.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack wrote no tarball into ${work}`);

  packed = execFileSync('tar', ['-tzf', join(work, tarball)], { encoding: 'utf8' }).split('\n').filter(Boolean).map((f) => f.replace(/^package\//, ''));

  // What `npm install --global` does with a tarball: unpack it, install its dependencies, link its bin.
  const unpacked = join(work, 'unpacked');
  mkdirSync(unpacked);
  execFileSync('tar', ['-xzf', join(work, tarball), '-C', unpacked, '--strip-components=1']);
  cpSync(join(project, 'package-lock.json'), join(unpacked, 'package-lock.json'));
  npmCi = npm(['ci', '--omit=dev', '--offline', '--ignore-scripts'], unpacked);
  prefix = join(work, 'prefix');
  npm(['install', '--global', '--prefix', prefix, '--offline', unpacked], work);
  installed = join(prefix, 'bin', 'storybank');
}, 300_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

/** A shell in `cwd` whose PATH finds the installed storybank (and node), not the project's. */
function shell(script: string, cwd: string) {
  const PATH = [join(prefix, 'bin'), dirname(process.execPath), '/usr/bin', '/bin'].join(delimiter);
  const r = spawnSync('sh', ['-c', script], { cwd, encoding: 'utf8', env: { ...process.env, PATH, NO_COLOR: '1' }, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the packed and installed storybank', () => {
  it('holds the built CLI and its templates, and no sources or tests', () => {
    expect(packed).toContain('dist/bin/storybank.js');
    expect(packed).toContain('templates/cheatsheet.hbs');
    expect(packed.filter((f) => /^(src|test|bench|stories|node_modules)\//.test(f))).toEqual([]);
  });

  it('installs its dependencies without an engine warning on this Node', () => {
    expect(npmCi.stderr).not.toMatch(/EBADENGINE/);
    expect(existsSync(join(work, 'unpacked', 'node_modules', 'docx'))).toBe(true);
    // Dev dependencies stay out of an install.
    expect(existsSync(join(work, 'unpacked', 'node_modules', 'vitest'))).toBe(false);
  });

  it('runs as `storybank` from another folder, on its own files', () => {
    expect(realpathSync(installed).startsWith(realpathSync(join(work, 'unpacked')))).toBe(true);
    const version = shell('storybank --version', work);
    expect(version).toMatchObject({ code: 0, stdout: `${PACKAGE.version}\n` });
  });

  it("init, then the commands init prints under Next:, build a PDF and a DOCX", async () => {
    const home = join(work, 'home folder', 'Zoë');
    mkdirSync(home, { recursive: true });
    const init = shell("storybank init 'my interviews'", home);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    const lines = init.stdout.split('\n');
    // Each hint is a command, then two or more spaces, then what it does.
    const hints = lines.slice(lines.indexOf('Next:') + 1).map((l) => l.trim().split(/\s{2,}/)[0]!).filter(Boolean);
    expect(hints[0]).toBe("cd 'my interviews'");
    const [cd, check, build] = [hints[0]!, hints.find((h) => h === 'storybank check'), hints.find((h) => h === 'storybank build')];
    expect(check).toBeDefined();
    expect(build).toBeDefined();
    const run = shell(`${cd} && ${check} && ${build}`, home);
    expect(run.stderr).toMatch(/Built 1 profile, 2 files/);
    expect(run.code).toBe(0);
    const out = join(home, 'my interviews', 'out', 'example-role');
    expect(readFileSync(join(out, 'cheatsheet.pdf')).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((await readDocx(join(out, 'answer-bank.docx'))).text).toContain('Answer bank');
  });
});
