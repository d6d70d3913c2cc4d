import { BlockBuilder, type Block } from './posting.js';
import { sectionOf } from './sections.js';

/**
 * A plain-text posting, as pasted from a careers page or an e-mail: a
 * heading is a short line on its own (a known section name, a line ending
 * in a colon, a line in capitals, or a line that a list follows), a list
 * item a line starting with a bullet, a paragraph the lines between.
 */

const BULLET = /^\s*(?:[-*•·▪‣◦●○■□>–—+✓✔→]|\d{1,2}[.)]|\(\d{1,2}\)|[a-z][.)])\s+/u;
const MD_HEADING = /^\s*(#{1,6})\s+(.*?)\s*#*\s*$/;
/** "Our process: recruiter call…": a section label that starts its paragraph. */
const INLINE_LABEL = /^([\p{Lu}][\p{L}'’ &/-]{2,40}):\s+(?=\S)/u;

function looksLikeHeading(line: string): boolean {
  const t = line.trim();
  if (t.length === 0 || t.length > 70 || t.split(/\s+/).length > 9) return false;
  if (/[.,;!?]$/.test(t) || /^[\p{Ll}]/u.test(t)) return false;
  return true;
}

function isCapitals(line: string): boolean {
  const letters = line.replace(/[^\p{L}]/gu, '');
  return letters.length >= 3 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

export function readTextPosting(text: string): Block[] {
  const lines = text.split('\n');
  const blocks: Block[] = [];
  const builder = new BlockBuilder();
  let paragraphKind: Block['kind'] = 'text';
  const flush = () => {
    const block = builder.take(paragraphKind);
    if (block) blocks.push(block);
    paragraphKind = 'text';
  };
  const nextNonBlank = (i: number) => {
    for (let j = i + 1; j < lines.length; j++) if (lines[j]!.trim()) return lines[j]!;
    return '';
  };
  let seenText = false;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const n = i + 1;
    const t = raw.trim();
    if (!t) {
      flush();
      continue;
    }
    const md = MD_HEADING.exec(raw);
    const bullet = BULLET.exec(raw);
    const previousBlank = i === 0 || !lines[i - 1]!.trim() || !seenText;
    const startsParagraph = previousBlank || builder.empty;
    if (md) {
      flush();
      const block = new BlockBuilder();
      block.add(md[2]!, n);
      const b = block.take('heading', md[1]!.length);
      if (b) blocks.push(b);
    } else if (bullet && !(t.startsWith('>') && /^>\s*$/.test(t))) {
      flush();
      builder.add(raw.slice(bullet[0].length), n);
      paragraphKind = 'item';
    } else if (
      startsParagraph &&
      looksLikeHeading(t) &&
      (!seenText ||
        sectionOf(t) !== undefined ||
        t.endsWith(':') ||
        isCapitals(t) ||
        BULLET.test(nextNonBlank(i)) ||
        // A short line standing alone between blank lines.
        (i > 0 && !lines[i - 1]!.trim() && !lines[i + 1]?.trim()))
    ) {
      flush();
      const block = new BlockBuilder();
      block.add(t.replace(/:$/, ''), n);
      // The first line of the file is the title; later ones are section headings.
      const b = block.take('heading', seenText ? 2 : 1);
      if (b) blocks.push(b);
    } else {
      const label = startsParagraph ? INLINE_LABEL.exec(t) : null;
      if (label && sectionOf(label[1]!) !== undefined) {
        flush();
        const heading = new BlockBuilder();
        heading.add(label[1]!, n);
        blocks.push(heading.take('heading', 2)!);
        builder.add(t.slice(label[0].length), n);
      } else {
        if (paragraphKind === 'item' && !/^\s/.test(raw)) flush();
        builder.add(`${raw} `, n);
      }
    }
    seenText = true;
  }
  flush();
  return blocks;
}
