/**
 * Numbers in prose: where they are, and what they are worth, so that cue
 * lines keep them and never cut one in half ("22 %", "4.1h", "$1.2M",
 * "24-bed" are one piece each), and so that "two days" and "2 days" count as
 * the same fact. Shared by the cue lines and by `check`'s "Result has no
 * number" advice.
 */

export interface NumberMention {
  /** As written, with its unit: "22 %", "4.1h", "two-day". */
  text: string;
  start: number;
  end: number;
  /** The quantity alone, for comparing: "22", "4.1", "2". */
  value: string;
  /** Written in words ("two", "half"): weaker evidence than digits. */
  spelled: boolean;
  /** False for a year, a clock time, a name ("2021", "0900", "Year 4", "Ward 5") or "the two": numbers that count nothing. */
  quantity: boolean;
}

const UNITS = [
  '%', '‰', 'percent', 'per cent', 'pp', 'pts?', 'points?', 'x', '×', 'k', 'm', 'mm', 'bn', 'b', 'million', 'billion', 'thousand', 'hundred',
  'hours?', 'hrs?', 'h', 'minutes?', 'mins?', 'seconds?', 'secs?', 's', 'ms', 'days?', 'd', 'weeks?', 'wks?', 'months?', 'mos?',
  'years?', 'yrs?', 'nights?', 'shifts?', 'beds?', 'patients?', 'people', 'students?', 'clients?', 'customers?', 'accounts?',
  'bpm', 'mg', 'ml', 'kg', 'lbs?', 'km', 'mi', 'miles?', 'gb', 'tb', 'mb', 'rps', 'qps', '°[cf]?',
];

/** A quantity in digits, with an optional currency sign, sign, unit or hyphenated noun ("24-bed"). */
const DIGITS = new RegExp(
  String.raw`(?<![\p{L}\p{N}.,])(?:[$€£¥₹]\s?)?[+\-−~]?\d+(?:[.,:]\d+)*(?:\s?(?:${UNITS.join('|')})(?![\p{L}\p{N}]))?(?:-[\p{L}]+)?`,
  'giu',
);

const WORDS: Record<string, string> = {
  two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', ten: '10', eleven: '11', twelve: '12',
  fifteen: '15', twenty: '20', thirty: '30', forty: '40', fifty: '50', hundred: '100', thousand: '1000', dozen: '12',
  half: '0.5', halved: '0.5', twice: '2x', doubled: '2x', double: '2x', tripled: '3x', triple: '3x', zero: '0',
};

/** Number words; "one" is left out: "one of", "no one" are not quantities. */
const SPELLED = new RegExp(String.raw`(?<![\p{L}\p{N}-])(?:${Object.keys(WORDS).join('|')})(?:-[\p{L}]+)?(?![\p{L}\p{N}])`, 'giu');

/** Every number in `text`, in order; digits win where a spelled number overlaps one. */
export function findNumbers(text: string): NumberMention[] {
  const found: NumberMention[] = [];
  for (const m of text.matchAll(DIGITS)) {
    const written = m[0].replace(/\s+$/, '');
    const value = (/\d+(?:[.,:]\d+)*/.exec(written)?.[0] ?? written).replace(/,(?=\d{3}\b)/g, '');
    found.push({ text: written, start: m.index, end: m.index + written.length, value, spelled: false, quantity: !identifier(text, m.index, written) });
  }
  for (const m of text.matchAll(SPELLED)) {
    const start = m.index;
    const end = start + m[0].length;
    if (found.some((f) => f.start < end && start < f.end)) continue;
    const word = m[0].toLowerCase().split('-')[0]!;
    found.push({ text: m[0], start, end, value: WORDS[word] ?? word, spelled: true, quantity: !/\b(?:the|these|those|both)\s+$/i.test(text.slice(0, start)) });
  }
  return found.sort((a, b) => a.start - b.start);
}

function identifier(text: string, at: number, written: string): boolean {
  if (/^(?:19|20)\d\d$/.test(written) || /^0\d[0-5]\d$/.test(written)) return true;
  if (!/^\d+$/.test(written)) return false;
  // "taught Year 4", "on Ward 5": a capitalised name inside a sentence, right before the number.
  return /[\p{L}\p{N},]\s+(?!No\.)\p{Lu}\p{Ll}+\s$/u.test(text.slice(Math.max(0, at - 40), at));
}

/**
 * Whether a text states something measurable: a number, or an outcome
 * that counts ("no escalations", "zero downtime").
 */
export function isMeasurable(text: string): boolean {
  return findNumbers(text).length > 0 || /\b(one|no (?:escalations|incidents|downtime|duplicates|complaints|errors))\b/i.test(text);
}
