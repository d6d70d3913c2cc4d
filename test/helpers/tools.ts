import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * External programs (and machine abilities) some tests need. On a
 * developer's machine without one, those tests are skipped. Under CI
 * (CI=true, as CI services set it) nothing may be skipped for that reason:
 * asking for a missing one throws, so the test file fails, naming what to
 * install, instead of passing with its checks left out.
 *
 *   describe.skipIf(!hasTool('poppler'))('…', () => { … });
 */

const TOOLS = {
  poppler: { commands: ['pdftotext', 'pdfinfo'], install: 'poppler-utils' },
  soffice: { commands: ['soffice'], install: 'libreoffice-writer-nogui' },
} as const;

export type Tool = keyof typeof TOOLS;

function underCi(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.CI) && env.CI !== 'false' && env.CI !== '0';
}

/** True when every command of `tool` is on PATH; false (skip) when not, except under CI, where it throws. */
export function hasTool(tool: Tool): boolean {
  const { commands, install } = TOOLS[tool];
  const missing = commands.filter((c) => !onPath(c));
  return available(missing.length === 0, `${missing.join(', ')} (Debian: apt-get install ${install}; or run scripts/setup-system.sh)`);
}

/**
 * `ok` as it is, except that under CI a false `ok` throws: for abilities
 * other than a tool on PATH, e.g. a folder that even root cannot write to.
 */
export function available(ok: boolean, what: string): boolean {
  if (!ok && underCi()) throw new Error(`missing under CI, so the tests that need it cannot run: ${what}`);
  return ok;
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}
