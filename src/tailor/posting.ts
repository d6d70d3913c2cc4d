/**
 * A job posting as the tailor reads it: blocks of visible text (headings,
 * list items, paragraphs) in reading order, each character tied to the line
 * of the file it came from, so every piece of evidence can name its line.
 */

export type PostingFormat = 'txt' | 'md' | 'html';

export interface Block {
  kind: 'heading' | 'item' | 'text';
  /** 1–6 for headings (1 = the title), 0 otherwise. */
  level: number;
  /** Visible text, whitespace collapsed, markup gone. */
  text: string;
  /** The file line of each character of `text`. */
  lines: number[];
  /** Spans of `text` that were bold in the source ([start, end)). */
  strong: [number, number][];
}

/** What a page says about itself outside its visible text (HTML only). */
export interface PostingMeta {
  /** schema.org JobPosting `title`. */
  jobTitle?: string;
  /** schema.org JobPosting `hiringOrganization.name`. */
  hiringOrganization?: string;
  /** A schema.org Organization's `name` on the page. */
  organization?: string;
  /** `<title>`. */
  pageTitle?: string;
  /** `og:site_name`, else `author`. */
  siteName?: string;
}

export interface Posting {
  format: PostingFormat;
  blocks: Block[];
  meta: PostingMeta;
}

/** First file line of a block. */
export function lineOf(block: Block, offset = 0): number {
  return block.lines[Math.min(Math.max(offset, 0), block.lines.length - 1)] ?? 0;
}

const SPACE = /\s/u;
const INVISIBLE = /[\p{Cc}\p{Cf}]/u;

/**
 * Collects the text of one block from pieces of the source, collapsing
 * whitespace as a browser does while remembering each character's line.
 */
export class BlockBuilder {
  private text = '';
  private lines: number[] = [];
  private strong: [number, number][] = [];
  private strongStart: number | undefined;

  /** Appends `piece`, whose first character sits on file line `line`. */
  add(piece: string, line: number): void {
    let current = line;
    let out = this.text;
    for (let i = 0; i < piece.length; i++) {
      const code = piece.charCodeAt(i);
      const ascii = code < 0x80;
      if (ascii ? code <= 0x20 : SPACE.test(piece[i]!)) {
        if (code === 0x0a) current++;
        if (out.length > 0 && !out.endsWith(' ')) {
          out += ' ';
          this.lines.push(current);
        }
        continue;
      }
      // Control and zero-width characters are invisible: keep them out of quotes.
      if (ascii ? code === 0x7f : INVISIBLE.test(piece[i]!)) continue;
      out += piece[i];
      this.lines.push(current);
    }
    this.text = out;
  }

  beginStrong(): void {
    this.strongStart ??= this.text.length;
  }

  endStrong(): void {
    if (this.strongStart !== undefined && this.text.length > this.strongStart) this.strong.push([this.strongStart, this.text.length]);
    this.strongStart = undefined;
  }

  get empty(): boolean {
    return this.text.trim().length === 0;
  }

  /** The block so far (trailing space dropped), and a fresh start; undefined when it holds no text. */
  take(kind: Block['kind'], level = 0): Block | undefined {
    this.endStrong();
    let text = this.text;
    let lines = this.lines;
    while (text.endsWith(' ')) {
      text = text.slice(0, -1);
      lines = lines.slice(0, -1);
    }
    const strong = this.strong.map(([s, e]) => [s, Math.min(e, text.length)] as [number, number]).filter(([s, e]) => e > s);
    this.text = '';
    this.lines = [];
    this.strong = [];
    if (!text) return undefined;
    return { kind, level: kind === 'heading' ? level : 0, text, lines, strong };
  }
}

/** True when all of a block's text was bold: a "**Requirements**" paragraph is a heading. */
export function allStrong(block: Block): boolean {
  const covered = block.strong.reduce((n, [s, e]) => n + (e - s), 0);
  return covered > 0 && covered >= block.text.replace(/[\s:]+$/, '').length;
}
