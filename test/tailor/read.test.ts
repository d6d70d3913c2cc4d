import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/diagnostics.js';
import { placeBlocks } from '../../src/tailor/placement.js';
import { readPosting } from '../../src/tailor/read.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { POSTINGS } from './corpus.js';

/** Postings to blocks of visible text, each tied to its file line. */

const read = (text: string, name: string) => readPosting(new TextEncoder().encode(text), name);
const texts = (text: string, name: string) => read(text, name).blocks.map((b) => b.text);

describe('reading an HTML posting', () => {
  const page = readFileSync(join(POSTINGS, 'sre-platform.html'));
  const posting = readPosting(page, 'sre-platform.html');
  const all = posting.blocks.map((b) => b.text).join('\n');

  it('keeps the posting and drops scripts, styles, navigation, the cookie banner and the footer', () => {
    expect(all).toContain('Own the reliability of our clinical messaging platform');
    for (const chrome of ['gtag', 'font:16px', 'Customer stories', 'keep this site reliable', 'Our leadership team', 'Registered in England']) expect(all).not.toContain(chrome);
  });

  it('ties each block to its source line, entities decoded', () => {
    const item = posting.blocks.find((b) => b.text.startsWith('Join the on-call rotation'))!;
    expect(item.kind).toBe('item');
    expect(item.lines[0]).toBe(71);
    expect(posting.blocks.find((b) => b.kind === 'heading' && b.text === 'What you’ll do')?.lines[0]).toBe(68);
  });

  it('takes the title and employer from schema.org JobPosting data, not its description', () => {
    expect(posting.meta).toMatchObject({ jobTitle: 'Senior Site Reliability Engineer', hiringOrganization: 'Northwind Health' });
    expect(all).not.toContain('leadership programme');
  });

  it('reads the whole body when the page marks no main content, still without its chrome', () => {
    const html = '<html><body><header><nav><a>Home</a><a>Leadership</a></nav></header><div class="cookie-consent">We use cookies to keep our customers happy</div>\n<h1>Support Engineer</h1>\n<p><b>Requirements</b></p>\n<ul><li>Empathy for customers</li></ul><footer>About our leadership</footer><script>var x = "mentor";</script></body></html>';
    const p = read(html, 'job.html');
    expect(p.blocks.map((b) => `${b.kind}:${b.text}`)).toEqual(['heading:Support Engineer', 'heading:Requirements', 'item:Empathy for customers']);
    expect(placeBlocks(p.blocks)).toEqual(['title', 'requirements', 'requirements']);
  });

  it('reads a page in its declared charset', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('<meta charset="windows-1252"><h1>Caf'), 0xe9, ...new TextEncoder().encode(' Manager</h1>')]);
    expect(readPosting(bytes, 'cafe.html').blocks[0]!.text).toBe('Café Manager');
  });
});

describe('reading a text or Markdown posting', () => {
  it('finds headings, bullets and paragraphs in plain text', () => {
    const text = 'ENGINEERING MANAGER\nAcme | Leeds\n\nWhat you will do\n • Lead two teams\n > Hire engineers\n\nWe are a small team\nthat ships weekly.\n';
    const p = read(text, 'em.txt');
    expect(p.blocks.map((b) => `${b.kind}${b.level || ''}:${b.text}@${b.lines[0]}`)).toEqual([
      'heading1:ENGINEERING MANAGER@1',
      'text:Acme | Leeds@2',
      'heading2:What you will do@4',
      'item:Lead two teams@5',
      'item:Hire engineers@6',
      'text:We are a small team that ships weekly.@8',
    ]);
    expect(placeBlocks(p.blocks)).toEqual(['title', 'intro', 'responsibilities', 'responsibilities', 'responsibilities', 'responsibilities']);
  });

  it('reads Markdown through its structure: setext titles, bold headings, lists, links', () => {
    const md = 'Acme — Nurse\n===\n\n**What you\'ll do**\n\n1. Care for [patients](https://x.example) <br> safely\n2. Work *closely* with doctors\n';
    expect(texts(md, 'nurse.md')).toEqual(['Acme — Nurse', "What you'll do", 'Care for patients safely', 'Work closely with doctors']);
  });

  it('judges the format of standard input by its content', () => {
    expect(read('<!doctype html><h1>Chef</h1>', 'standard input').format).toBe('html');
    expect(read('# Chef\n\n- Cook', 'standard input').format).toBe('md');
    expect(read('Chef\nCook food.', 'standard input').format).toBe('txt');
  });

  it('refuses what is not a posting, with a message and no stack', () => {
    expect(() => read('   \n', 'a.txt')).toThrow(UserError);
    expect(() => read('   \n', 'a.txt')).toThrow('a.txt is empty');
    expect(() => readPosting(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]), 'a.md')).toThrow(UserError);
    expect(() => readPosting(new Uint8Array(1024 * 1024 + 1).fill(0x61), 'a.txt')).toThrow('a.txt is 1.0 MB; a job posting is under 1 MB');
    expect(() => read('<script>x()</script>', 'a.html')).toThrow('a.html has no visible text');
  });
});
