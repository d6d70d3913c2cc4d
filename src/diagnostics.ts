/**
 * One diagnostic shape everywhere (after vfile-message): parsers, validators,
 * linters and the renderer all report problems as values; only the CLI prints.
 */
export type Severity = 'error' | 'warning' | 'note';

export interface Diagnostic {
  /** Path relative to the workspace root, with forward slashes. */
  file: string;
  /** 1-based; 0 when the problem concerns the file as a whole. */
  line: number;
  /** 1-based; 0 when the problem concerns the file as a whole. */
  column: number;
  severity: Severity;
  message: string;
  /** Stable id of the check that produced it, e.g. `star-section-missing`. */
  rule: string;
}

export interface Position {
  line: number;
  column: number;
}

export function diagnostic(
  file: string,
  pos: Position | undefined,
  severity: Severity,
  rule: string,
  message: string,
): Diagnostic {
  return { file, line: pos?.line ?? 0, column: pos?.column ?? 0, severity, message, rule };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, note: 2 };

/** File order, then position, then errors before warnings: stable output for humans and tests. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      compareText(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      severityRank[a.severity] - severityRank[b.severity] ||
      compareText(a.message, b.message),
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `file:line:col`, `file:line` for a problem with a whole line (the practice log), or just `file`. */
export function diagnosticLocation(d: Diagnostic): string {
  if (d.line <= 0) return d.file;
  return d.column > 0 ? `${d.file}:${d.line}:${d.column}` : `${d.file}:${d.line}`;
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${diagnosticLocation(d)}: ${d.severity}: ${d.message}`;
}

/** Invalid input or usage: exit code 1. Carries every problem found, not just the first. */
export class UserError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(message: string, diagnostics: Diagnostic[] = []) {
    super(message);
    this.name = 'UserError';
    this.diagnostics = diagnostics;
  }
}

/** The machine is missing something (no browser, unwritable output): exit code 2, with a fix. */
export class EnvironmentError extends Error {
  readonly hint: string | undefined;
  constructor(message: string, hint?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EnvironmentError';
    this.hint = hint;
  }
}

/** Ctrl-C or SIGTERM while working: exit 130 after cleanup. */
export class InterruptedError extends Error {
  constructor() {
    super('Interrupted');
    this.name = 'InterruptedError';
  }
}
