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
  return parseList(value);
}

/** One profile name, for commands that show one at a time (preview, drill). */
export function parseProfile(value: unknown): string | undefined {
  const names = parseProfiles(value);
  if (names && names.length > 1) throw new UserError(`this command shows one profile at a time; got ${names.join(', ')}`);
  return names?.[0];
}

/** `--count 3`: a whole number of at least 1, or `fallback` when absent. */
export function parseCount(value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UserError(`--count must be a whole number of at least 1, not "${String(value)}"`);
  return n;
}

/** `--question a --question b` or `--question a,b`: the items, or undefined when none. */
export function parseList(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  const items = (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter(Boolean);
  return items.length ? items : undefined;
}

/** `--now 2026-03-01T09:00:00Z` (any ISO 8601 date or time) or `--now 1772355600` (seconds since 1970). */
export function parseNow(value: unknown): Date | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim();
  const time = /^\d+$/.test(text) ? new Date(Number(text) * 1000) : /^\d{4}-\d{2}-\d{2}/.test(text) ? new Date(text) : new Date(NaN);
  if (Number.isNaN(time.getTime())) throw new UserError(`--now takes an ISO 8601 time such as 2026-03-01T09:00:00Z, or seconds since 1970; not "${text}"`);
  return time;
}
