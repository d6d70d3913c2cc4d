/** Output formats. A module of its own so the CLI can describe them without loading the pipeline. */
export const FORMATS = ['pdf', 'docx', 'html', 'md', 'txt'] as const;
export type Format = (typeof FORMATS)[number];
export const DEFAULT_FORMATS: Format[] = ['pdf', 'docx'];

export const OUTPUT_NAMES: Record<Format, string> = {
  pdf: 'cheatsheet.pdf',
  docx: 'answer-bank.docx',
  html: 'cheatsheet.html',
  md: 'answer-bank.md',
  txt: 'answer-bank.txt',
};
