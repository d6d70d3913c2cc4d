import pc from 'picocolors';
import { diagnosticLocation, formatDiagnostic, type Diagnostic } from '../../diagnostics.js';

/** One line per problem; on a terminal, the source line and a caret under it. */
export function formatDiagnostics(
  diagnostics: readonly Diagnostic[],
  style: { color: boolean; sourceLine?: (file: string, line: number) => string | undefined },
): string {
  const c = pc.createColors(style.color);
  const lines: string[] = [];
  for (const d of diagnostics) {
    if (!style.color) {
      lines.push(formatDiagnostic(d));
    } else {
      const where = diagnosticLocation(d);
      const sev = d.severity === 'error' ? c.red(c.bold('error')) : d.severity === 'warning' ? c.yellow(c.bold('warning')) : c.cyan('note');
      lines.push(`${c.bold(where)}: ${sev}: ${d.message} ${c.dim(`[${d.rule}]`)}`);
    }
    const source = d.line > 0 ? style.sourceLine?.(d.file, d.line) : undefined;
    if (source !== undefined && style.color) {
      const gutter = String(d.line).padStart(4);
      lines.push(c.dim(`${gutter} | `) + source);
      // A problem with the whole line (column 0) has nothing to point at.
      if (d.column > 0) lines.push(c.dim(`${' '.repeat(4)} | `) + ' '.repeat(d.column - 1) + c.red('^'));
    }
  }
  return lines.join('\n');
}

export function summarizeDiagnostics(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}
