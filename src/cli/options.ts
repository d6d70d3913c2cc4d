import { UserError } from '../diagnostics.js';
import { DEFAULT_FORMATS, FORMATS, type Format } from '../render/formats.js';

/** Option values that several commands share, parsed in one place. */

/** `--format pdf,docx` or `--format pdf --format md`: known formats, de-duplicated; the default when empty. */
export function parseFormats(value: unknown): Format[] {
  const raw = (Array.isArray(value) ? value : [value]).flatMap((v) => String(v ?? '').split(',')).map((v) => v.trim().toLowerCase()).filter(Boolean);
  if (raw.length === 0) return [...DEFAULT_FORMATS];
  const bad = raw.filter((f) => !(FORMATS as readonly string[]).includes(f));
  if (bad.length) throw new UserError(`unknown format ${bad.map((b) => `"${b}"`).join(', ')}; choose from ${FORMATS.join(', ')}`);
  return [...new Set(raw as Format[])];
}

/** `--profile a,b` or `-p a -p b`: the names, or undefined for "every profile". */
export function parseProfiles(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  const names = (Array.isArray(value) ? value : [value]).flatMap((p) => String(p).split(',')).map((p) => p.trim()).filter(Boolean);
  return names.length ? names : undefined;
}

/** One profile name, for commands that show one at a time (preview, drill). */
export function parseProfile(value: unknown): string | undefined {
  const names = parseProfiles(value);
  if (names && names.length > 1) throw new UserError(`this command shows one profile at a time; got ${names.join(', ')}`);
  return names?.[0];
}
