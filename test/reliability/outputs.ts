import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import JSZip from 'jszip';

/**
 * Reading outputs the way a person would see them: the PDF's text and page
 * count (poppler-utils), the DOCX's document text (unzipped). Never golden bytes.
 */

/** Bidi controls pdftotext inserts around right-to-left runs. */
const BIDI_CONTROLS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Text of a PDF with whitespace collapsed, so wrapped lines still match a phrase. */
export function pdfText(path: string): string {
  const r = spawnSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pdftotext failed on ${path}: ${r.stderr}`);
  return flat(r.stdout.replace(BIDI_CONTROLS, ''));
}

export function pdfPages(path: string): number {
  const r = spawnSync('pdfinfo', [path], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pdfinfo failed on ${path}: ${r.stderr}`);
  return Number(/^Pages:\s+(\d+)/m.exec(r.stdout)?.[1] ?? NaN);
}

export function flat(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export interface DocxContent {
  /** Raw word/document.xml. */
  xml: string;
  /** Text of each paragraph (w:p), entities decoded, joined by single spaces. */
  text: string;
  /** Every part of the package, for "no javascript: anywhere" checks. */
  parts: Map<string, string>;
}

export async function readDocx(path: string): Promise<DocxContent> {
  const zip = await JSZip.loadAsync(await readFile(path));
  const parts = new Map<string, string>();
  for (const name of Object.keys(zip.files)) {
    const entry = zip.file(name);
    if (entry) parts.set(name, await entry.async('string'));
  }
  const xml = parts.get('word/document.xml');
  if (!xml) throw new Error(`${path} has no word/document.xml`);
  const paragraphs = xml.split(/<\/w:p>/).map((p) =>
    [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decodeXml(m[1] ?? '')).join(''),
  );
  return { xml, text: flat(paragraphs.join(' ')), parts };
}

function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_m, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/g, '&');
}

/** A local HTTP server that records every request: a rendered page must never make one. */
export async function requestRecorder(): Promise<{ origin: string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'text/plain' }).end('tracked');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A loopback TCP listener (IPv4, and IPv6 when the machine has it) that
 * counts connections, not only requests: a preconnect or a frame's first
 * connection opens a socket without ever sending a request line.
 */
export async function connectionCounter(): Promise<{ port: number; connections: string[]; close(): Promise<void> }> {
  const connections: string[] = [];
  const onSocket = (socket: import('node:net').Socket) => {
    connections.push(`${socket.remoteAddress}:${socket.remotePort}`);
    socket.on('error', () => undefined);
    socket.once('data', () => socket.end('HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: 7\r\n\r\ntracked'));
  };
  const { createServer: createTcpServer } = await import('node:net');
  const v4 = createTcpServer(onSocket);
  await new Promise<void>((resolve) => v4.listen(0, '127.0.0.1', resolve));
  const { port } = v4.address() as AddressInfo;
  const v6 = createTcpServer(onSocket);
  const hasV6 = await new Promise<boolean>((resolve) => {
    v6.once('error', () => resolve(false));
    v6.listen(port, '::1', () => resolve(true));
  });
  const closeServer = (s: ReturnType<typeof createTcpServer>) => new Promise<void>((resolve) => s.close(() => resolve()));
  return { port, connections, close: async () => void (await Promise.all([closeServer(v4), hasV6 ? closeServer(v6) : Promise.resolve()])) };
}
