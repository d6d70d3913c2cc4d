import { AlignmentType, LevelFormat, type NumberingDefinition } from 'docx';
import { FONT, LIST_INDENT } from './styles.js';

/** Nine levels, Word's maximum; Markdown nested deeper is drawn at the ninth. */
const LEVELS = 9;

/** One definition is shared by every bulleted list: bullets carry no count that could run on. */
export const BULLETS = 'bullets';

const levelIndent = (level: number) => ({ indent: { left: LIST_INDENT * (level + 1), hanging: LIST_INDENT } });

export function bulletDefinition(): NumberingDefinition {
  const glyphs = ['•', '◦', '▪'];
  return {
    reference: BULLETS,
    levels: Array.from({ length: LEVELS }, (_, level) => ({
      level,
      format: LevelFormat.BULLET,
      text: glyphs[level % glyphs.length]!,
      alignment: AlignmentType.LEFT,
      style: { paragraph: levelIndent(level), run: { font: FONT.body } },
    })),
  };
}

/** A definition for one ordered list, counting from the list's own start: 1., then a., then i. as lists nest. */
export function orderedDefinition(reference: string, start: number): NumberingDefinition {
  const formats = [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN];
  return {
    reference,
    levels: Array.from({ length: LEVELS }, (_, level) => ({
      level,
      format: formats[level % formats.length]!,
      text: `%${level + 1}.`,
      start,
      alignment: AlignmentType.LEFT,
      style: { paragraph: levelIndent(level) },
    })),
  };
}
