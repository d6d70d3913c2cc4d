import type { Block } from './posting.js';
import { isLegalText, sectionOf, type Placement } from './sections.js';

/**
 * Which part of the posting each block stands in. A heading opens a
 * section; a heading the patterns do not know, below a known one, stays in
 * it ("Person specification" › "Essential"); the first top-level heading is
 * the title, and what precedes the first section is the opening.
 */
export function placeBlocks(blocks: readonly Block[]): Placement[] {
  const open: { level: number; placement: Placement }[] = [];
  let titled = false;
  return blocks.map((block, index) => {
    if (block.kind === 'heading') {
      if (!titled && block.level === 1 && open.length === 0 && index <= 2) {
        titled = true;
        return 'title';
      }
      titled = true;
      while (open.length > 0 && open.at(-1)!.level >= block.level) open.pop();
      const placement: Placement = sectionOf(block.text) ?? open.at(-1)?.placement ?? 'unknown';
      open.push({ level: block.level, placement });
      return placement;
    }
    if (isLegalText(block.text)) return 'legal';
    return open.at(-1)?.placement ?? 'intro';
  });
}
