import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

/**
 * A story storybank is not allowed to read. As root no permission stops a
 * read, so the refusal is injected where the file is read; the same
 * EnvironmentError must come out, naming the file, with a fix line.
 */
const denied = new Set<string>();
vi.mock('node:fs', async (original) => {
  const fs = await original<typeof import('node:fs')>();
  const readFileSync = ((path: Parameters<typeof fs.readFileSync>[0], ...rest: unknown[]) => {
    if (denied.has(String(path))) throw Object.assign(new Error(`EACCES: permission denied, open '${String(path)}'`), { code: 'EACCES' });
    return (fs.readFileSync as (...a: unknown[]) => unknown)(path, ...rest);
  }) as typeof fs.readFileSync;
  return { ...fs, default: { ...fs, readFileSync }, readFileSync };
});

const { readWorkspaceFiles } = await import('../../src/workspace/files.js');
const { EnvironmentError } = await import('../../src/diagnostics.js');

const root = mkdtempSync(join(tmpdir(), 'storybank-read-faults-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a story that cannot be read', () => {
  it('is an environment error naming the file, with a permissions fix', async () => {
    mkdirSync(join(root, 'stories'), { recursive: true });
    writeFileSync(join(root, 'stories', 'good.md'), '---\ntitle: Good\n---\n');
    await expect(readWorkspaceFiles(root)).resolves.toHaveLength(1);
    denied.add(join(root, 'stories', 'good.md'));
    const failure = await readWorkspaceFiles(root).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(EnvironmentError);
    expect((failure as InstanceType<typeof EnvironmentError>).message).toMatch(/^cannot read .*good\.md: EACCES/);
    expect((failure as InstanceType<typeof EnvironmentError>).hint).toMatch(/^check the permissions of .*good\.md \(storybank needs to read it\)/);
  });
});
