import { readFile, stat } from 'node:fs/promises';
import { EnvironmentError, UserError } from '../diagnostics.js';
import type { Posting } from './posting.js';
import { MAX_POSTING_BYTES, readPosting, tooLarge } from './read.js';

/** The disk (or standard input) side of reading a posting; the rest is pure (read.ts). */

/** What `-` means on the command line. */
export const STDIN = '-';

/** Reads the posting named on the command line: a file, or `-` for standard input. */
export async function readPostingFrom(arg: string, shownAs = arg, stdin: NodeJS.ReadableStream = process.stdin): Promise<{ posting: Posting; name: string }> {
  if (arg === STDIN) {
    const bytes = await readAll(stdin);
    if (bytes.length > MAX_POSTING_BYTES) throw tooLarge('standard input');
    return { posting: readPosting(bytes, 'standard input'), name: 'standard input' };
  }
  let bytes: Buffer;
  try {
    const info = await stat(arg);
    if (info.isDirectory()) throw new UserError(`${shownAs} is a folder; pass the posting file itself (.txt, .md or .html)`);
    if (!info.isFile()) throw new UserError(`${shownAs} is not a regular file; save the posting to a file, or pipe it in with --from -`);
    // Checked before reading, so a huge file is refused without loading it.
    if (info.size > MAX_POSTING_BYTES) throw tooLarge(shownAs, info.size);
    bytes = await readFile(arg);
  } catch (err) {
    if (err instanceof UserError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new UserError(`cannot find the posting ${shownAs}`);
    throw new EnvironmentError(`cannot read ${shownAs}: ${(err as Error).message}`, 'check the file permissions');
  }
  return { posting: readPosting(bytes, shownAs), name: shownAs };
}

/** All of a stream, or a little past the limit (then refused without reading the rest). */
async function readAll(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  if ((stream as { isTTY?: boolean }).isTTY) {
    throw new UserError('--from - reads the posting from standard input; pipe or redirect it in (storybank profile new NAME --from - < posting.txt)');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    chunks.push(buf);
    size += buf.length;
    if (size > MAX_POSTING_BYTES) break;
  }
  return Buffer.concat(chunks);
}
