/**
 * File-name slugs for story ids: lower-case ASCII letters, digits and
 * dashes. Accented Latin letters lose their accents, Greek and Cyrillic are
 * transliterated, and everything else (CJK, emoji, symbols) is dropped, so a
 * title in any script gives a name that works on every file system.
 */

/** Letters that Unicode decomposition does not reduce to ASCII. */
const LATIN: Record<string, string> = {
  ß: 'ss', æ: 'ae', ø: 'o', œ: 'oe', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h', ŋ: 'ng', ſ: 's', ĸ: 'k',
};

const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', ґ: 'g', д: 'd', е: 'e', ё: 'e', є: 'ie', ж: 'zh', з: 'z', и: 'i', і: 'i', ї: 'i', й: 'i',
  к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ў: 'u', ф: 'f', х: 'kh', ц: 'ts',
  ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'iu', я: 'ia',
};

const GREEK: Record<string, string> = {
  α: 'a', β: 'v', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', θ: 'th', ι: 'i', κ: 'k', λ: 'l', μ: 'm', ν: 'n', ξ: 'x',
  ο: 'o', π: 'p', ρ: 'r', σ: 's', ς: 's', τ: 't', υ: 'y', φ: 'f', χ: 'ch', ψ: 'ps', ω: 'o',
};

const MAX_SLUG = 60;

/** Story id for a title: `Tight deadline: Q3 launch!` → `tight-deadline-q3-launch`; `story` when nothing is left. */
export function slugify(title: string, fallback = 'story'): string {
  const ascii = [...title.toLowerCase().normalize('NFKD')]
    .map((ch) => LATIN[ch] ?? CYRILLIC[ch] ?? GREEK[ch] ?? ch)
    .join('')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    // "don't" → "dont", not "don-t".
    .replace(/['’‘`]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return truncateSlug(ascii) || fallback;
}

/** Keeps a slug under MAX_SLUG characters, cutting at a dash where possible. */
function truncateSlug(slug: string): string {
  if (slug.length <= MAX_SLUG) return slug;
  const cut = slug.slice(0, MAX_SLUG);
  const dash = cut.lastIndexOf('-');
  return (dash > MAX_SLUG / 2 ? cut.slice(0, dash) : cut).replace(/-+$/, '');
}

/** `base`, else `base-2`, `base-3`, … : the first id not in `taken` (compared case-insensitively). */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  const has = (id: string) => taken.has(id.toLowerCase());
  if (!has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!has(candidate)) return candidate;
  }
}
