import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { readZip, writeZip } from '../../src/output/zip.js';

const entries = [
  { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
  { name: 'word/document.xml', data: Buffer.from('<w:document>café ✓</w:document>'.repeat(50)) },
  { name: 'dossier/é.bin', data: Buffer.from([0, 1, 2, 255]) },
];

describe('writeZip', () => {
  it('writes entries another zip reader opens, in order, with one timestamp', async () => {
    const zip = await JSZip.loadAsync(writeZip(entries, new Date('2026-03-14T00:00:00Z')));
    expect(Object.keys(zip.files)).toEqual(entries.map((e) => e.name));
    for (const { name, data } of entries) expect(Buffer.from(await zip.file(name)!.async('uint8array')).equals(data), name).toBe(true);
    for (const file of Object.values(zip.files)) expect(file.date.toISOString()).toBe('2026-03-14T00:00:00.000Z');
  });

  it('clamps dates before 1980, where DOS dates begin', async () => {
    const zip = await JSZip.loadAsync(writeZip(entries, new Date(0)));
    for (const file of Object.values(zip.files)) expect(file.date.toISOString()).toBe('1980-01-01T00:00:00.000Z');
  });

  it('gives the same bytes for the same entries', () => {
    const stamp = new Date('2026-03-14T00:00:00Z');
    expect(writeZip(entries, stamp).equals(writeZip(entries, stamp))).toBe(true);
  });
});

describe('readZip', () => {
  it('reads stored and deflated entries back', async () => {
    const zip = new JSZip();
    zip.file(entries[0]!.name, entries[0]!.data, { compression: 'STORE', createFolders: false });
    for (const e of entries.slice(1)) zip.file(e.name, e.data, { compression: 'DEFLATE', createFolders: false });
    const read = readZip(await zip.generateAsync({ type: 'nodebuffer' }));
    expect(read.map((e) => e.name)).toEqual(entries.map((e) => e.name));
    read.forEach((e, i) => expect(e.data.equals(entries[i]!.data), e.name).toBe(true));
  });

  it('refuses what is not a zip', () => {
    expect(() => readZip(Buffer.from('not a zip at all, but long enough to search'))).toThrow(/not a zip/);
  });
});
