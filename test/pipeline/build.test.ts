import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/pipeline/build.js';
import { BrowserSession } from '../../src/render/pdf/browser.js';

const fixture = fileURLToPath(new URL('../fixtures/basic', import.meta.url));
const session = new BrowserSession();
afterAll(() => session.close());

describe('build', () => {
  it('is reproducible with SOURCE_DATE_EPOCH: byte-identical PDF and DOCX', async () => {
    const previous = process.env.SOURCE_DATE_EPOCH;
    process.env.SOURCE_DATE_EPOCH = '1767225600';
    try {
      const a = mkdtempSync(join(tmpdir(), 'storybank-repro-'));
      const b = mkdtempSync(join(tmpdir(), 'storybank-repro-'));
      await build(fixture, a, { profiles: ['ic'], session });
      await build(fixture, b, { profiles: ['ic'], session });
      for (const name of ['cheatsheet.pdf', 'answer-bank.docx']) {
        expect(readFileSync(join(a, 'ic', name)).equals(readFileSync(join(b, 'ic', name))), name).toBe(true);
      }
      expect(readFileSync(join(a, 'ic', 'cheatsheet.pdf')).toString('latin1')).toContain('(D:20260101000000');
    } finally {
      if (previous === undefined) delete process.env.SOURCE_DATE_EPOCH;
      else process.env.SOURCE_DATE_EPOCH = previous;
    }
  });

  it('writes every requested format for every profile, one browser for all, and no temp files', async () => {
    const out = mkdtempSync(join(tmpdir(), 'storybank-all-'));
    const run = await build(fixture, out, { formats: ['pdf', 'docx', 'html', 'md'], session });
    expect(run.builds.map((b) => b.profile)).toEqual(['frontend-lead', 'ic']);
    for (const profile of ['frontend-lead', 'ic']) {
      expect(readdirSync(join(out, profile)).sort()).toEqual(['answer-bank.docx', 'answer-bank.md', 'cheatsheet.html', 'cheatsheet.pdf']);
    }
    expect(run.written).toHaveLength(8);
    // The answer bank never shows personal notes.
    expect(readFileSync(join(out, 'frontend-lead', 'answer-bank.md'), 'utf8')).not.toContain('design director');
  });
});
