import pc from 'picocolors';
import { diagnosticLocation, formatDiagnostic, type Diagnostic } from '../../diagnostics.js';
import { quote } from './quote.js';

/** One line per problem; on a terminal, the source line and a caret under it. File names, messages and source lines are quoted (see quote.ts). */
export function formatDiagnostics(
  diagnostics: readonly Diagnostic[],
  style: { color: boolean; sourceLine?: (file: string, line: number) => string | undefined },
): string {
  const c = pc.createColors(style.color);
  const lines: string[] = [];
  for (const raw of diagnostics) {
    const d = { ...raw, file: quote(raw.file), message: quote(raw.message) };
    if (!style.color) {
      lines.push(formatDiagnostic(d));
    } else {
      const where = diagnosticLocation(d);
      const sev = d.severity === 'error' ? c.red(c.bold('error')) : d.severity === 'warning' ? c.yellow(c.bold('warning')) : c.cyan('note');
      lines.push(`${c.bold(where)}: ${sev}: ${d.message} ${c.dim(`[${d.rule}]`)}`);
    }
    const source = d.line > 0 ? style.sourceLine?.(raw.file, d.line) : undefined;
    if (source !== undefined && style.color) {
      const gutter = String(d.line).padStart(4);
      lines.push(c.dim(`${gutter} | `) + quote(source));
      // A problem with the whole line (column 0) has nothing to point at; the caret stands
      // under the same character once escapes have widened the line.
      if (d.column > 0) lines.push(c.dim(`${' '.repeat(4)} | `) + ' '.repeat(quote(source.slice(0, d.column - 1)).length) + c.red('^'));
    }
  }
  return lines.join('\n');
}

export function summarizeDiagnostics(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}
