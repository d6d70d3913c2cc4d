import { splitSentences } from '../../support/sentences.js';

/**
 * Story titles. A story's title should name what happened, not repeat the
 * question, so a STAR story is titled from the first clause of its
 * Situation ("A culvert replacement on Route 9"), and a free-form answer
 * by what it is about, in the first person ("My biggest weakness",
 * "Why I want to leave Copperline").
 */

const MAX_WORDS = 10;
const MIN_WORDS = 3;

/** Clauses that only say when or where: "night shift", "march 2023", "11:40 am", "first year at Ridgeview". */
const SETTING =
  /^(?:(?:last|this|next|early|late|in|on|during|at|back in|around|about|one|a)\s+)*(?:(?:night|day|evening|morning|weekend|late|early)(?:\s+shift)?|shift|(?:spring|summer|fall|autumn|winter|holiday)(?:\s+(?:season|\d{4}))?|(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?:\s+\d{1,4})*|\d{4}|\d{1,2}(?::\d{2})?\s*(?:am|pm)?|q[1-4](?:\s+\d{4})?|(?:year|month|week|quarter|sprint)|(?:my |our )?(?:first|second|last) (?:year|month|week|day|job)(?:\s+(?:at|in|on)\s+\S+)?)$/i;
const CONJUNCTION = /^(?:and|but|so|because|when|while|which|who|whose|where|after|before|until|since|though|although|then)$/i;
const CUT_BEFORE = /^(?:to|for|with|that|which|who|because|so)$/i;
/** Short clauses that only say when, relative to something: "just before my leave", "two weeks before a launch". */
const RELATIVE_WHEN = /^(?:(?:just|right|shortly|soon|a few \w+|\w+ (?:days?|weeks?|months?|years?)) )?(?:before|after|during)\b/i;
/** Openings that only say when: "At one point, we were…". */
const WHEN = /^(?:at one point|one time|once|recently|a (?:few|couple of) (?:years|months|weeks) ago|(?:last|this) (?:year|month|quarter|spring|summer|fall|autumn|winter))\b[,\s]*/i;
const TRAILING_FILLER = /\s+(?:the|a|an|of|and|or|to|for|with|who|which|that|was|were|is|had|has|have|been|being|would|could|should|supposed|going|able|at|in|on|into|by|from|but|so|as|my|our|his|her|their|its)$/i;

/** Plain words of Markdown text: no list markers, emphasis or quotes. */
function plain(text: string): string {
  return text
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+/gm, '')
    .replace(/\*\*|__|[*_`]/g, '')
    .replace(/["“”‘’]/g, (q) => (q === '’' ? "'" : ''))
    .replace(/\s+/g, ' ')
    .trim();
}

/** A title from the first clause of a Situation; undefined when too little is there to name anything. */
export function eventTitle(situation: string): string | undefined {
  const sentence = (splitSentences(plain(situation))[0] ?? '').replace(WHEN, '');
  const clauses = sentence.split(/\s*(?:[,;:](?=\s)|[(—–]|\s-\s)\s*/).map((c) => c.replace(/[.!?)]+$/, '').trim()).filter(Boolean);
  const kept: string[] = [];
  for (const clause of clauses) {
    if (SETTING.test(clause) || (clauses.length > 1 && clause.split(' ').length <= 6 && RELATIVE_WHEN.test(clause))) continue;
    kept.push(clause);
    if (kept.join(' ').split(' ').length >= 4) break;
  }
  let words = kept.join(', ').split(' ');
  // "I was titrating a heparin drip and read the old nomogram…": the first clause ends at the conjunction.
  const joint = words.findIndex((w, i) => i >= MIN_WORDS + 1 && i <= MAX_WORDS && CONJUNCTION.test(w));
  if (joint > 0 && words.length > MAX_WORDS - 2) words = words.slice(0, joint);
  if (words.length > MAX_WORDS) {
    words = words.slice(0, MAX_WORDS);
    // Cut mid-sentence, end before the last "to", "for", "that"…: "Our director asked every team for ideas".
    const cut = words.findLastIndex((w, i) => i >= 6 && CUT_BEFORE.test(w));
    if (cut > 0) words = words.slice(0, cut);
  }
  let title = words.join(' ').replace(/[,;:]+$/, '');
  while (TRAILING_FILLER.test(title)) title = title.replace(TRAILING_FILLER, '');
  if (title.split(' ').length < MIN_WORDS) return undefined;
  return capitalise(title.replace(/^i\b/, 'I'));
}

const FIRST_PERSON: readonly [RegExp, string][] = [
  [/^tell (?:me|us) (?:a (?:bit|little) (?:more )?)?about yourself\b/i, 'About me'],
  [/^(?:introduce yourself|walk (?:me|us) through your (?:background|resume|cv))\b/i, 'About me'],
  [/^what(?:[’']s| is| are| was| were) your\s+/i, 'My '],
  [/^what (?:do|did) you\s+/i, 'What I '],
  [/^what would you\s+/i, 'What I would '],
  [/^what are you\s+/i, 'What I am '],
  [/^why (?:do|did) you\s+/i, 'Why I '],
  [/^why would you\s+/i, 'Why I would '],
  [/^why are you\s+/i, 'Why I am '],
  [/^how (?:do|did) you\s+/i, 'How I '],
  [/^how would you\s+/i, 'How I would '],
  [/^where do you see yourself\b/i, 'Where I see myself'],
  [/^walk (?:me|us) through (?:how you\s+)?/i, 'How I '],
  [/^(?:describe|tell (?:me|us) about) your\s+/i, 'My '],
];

/** Labels for the bank's questions about the person, when the question's own words give none. */
const ABOUT_YOU: Record<string, string> = {
  'about-me': 'About me',
  'career-goals': 'My career goals',
  dealbreakers: 'My dealbreakers',
  strengths: 'My strengths',
  weaknesses: 'My biggest weakness',
  'manager-feedback': 'Feedback from my manager',
  'enjoyed-most': 'What I enjoy most',
  'questions-for-us': 'My questions for them',
};

/** A title for a free-form answer: the question turned into what the answer is about. */
export function answerTitle(question: string, id?: string): string {
  const q = question
    .replace(/\?(?=\s*\()/g, '')
    .replace(/[\s?!.\p{Extended_Pictographic}\uFE0F]+$/u, '')
    .trim();
  for (const [pattern, replacement] of FIRST_PERSON) {
    const m = pattern.exec(q);
    if (!m) continue;
    const rest = q
      .slice(m[0].length)
      .replace(/\byourself\b/gi, 'myself')
      .replace(/\byour\b/gi, 'my')
      .replace(/\byou\b/gi, 'me');
    return capitalise(`${replacement}${rest}`.replace(/\s+/g, ' ').trim());
  }
  return (id && ABOUT_YOU[id]) ?? capitalise(q);
}

/** The question as a title, when nothing better is there: its first sentence. */
export function questionTitle(question: string): string {
  const first = question.split(/(?<=[?!.])\s+(?=\S)/)[0] ?? question;
  const title = capitalise(first.split(/\s+/).length >= 3 ? first : question);
  if (title.length <= 120) return title || 'Untitled answer';
  const cut = title.slice(0, 119);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 60))}…`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
