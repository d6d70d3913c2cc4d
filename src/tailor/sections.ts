/**
 * The parts of a posting, told apart by their headings. What a posting asks
 * of the candidate sits under "What you'll do" and "What we're looking for";
 * "About us", "Benefits" and the equal-opportunity paragraph talk about the
 * employer, so their words ("we care about our customers", "mentorship
 * stipend") must not count as asks.
 */

export type SectionKind = 'responsibilities' | 'requirements' | 'preferred' | 'role' | 'benefits' | 'about' | 'process' | 'legal' | 'other';

/** Where a block stands when no heading names its section. */
export type Placement = SectionKind | 'title' | 'intro' | 'unknown';

/**
 * How much a phrase counts in each part. Responsibilities and requirements
 * are the asks; the role summary and the opening paragraph describe the job
 * more loosely; nice-to-haves are wishes; benefits, about-us, the hiring
 * process and the legal text are about the employer and count for nothing.
 */
export const SECTION_WEIGHTS: Readonly<Record<Placement, number>> = {
  title: 1,
  responsibilities: 1,
  requirements: 1,
  role: 0.6,
  unknown: 0.5,
  preferred: 0.4,
  intro: 0.3,
  other: 0.2,
  benefits: 0,
  about: 0,
  process: 0,
  legal: 0,
};

/** Tried in order; the first that matches names the section. */
const PATTERNS: [SectionKind, RegExp][] = [
  ['legal', /^(equal (employment )?opportunit|eeo\b|diversity|inclusion|accessibility|accommodations?\b|reasonable adjustments|privacy|data protection|safeguarding statement)/],
  ['other', /^(physical (requirements|demands)|working (hours|pattern|conditions|environment)|hours\b|schedule\b|shifts?\b|location\b|where you'?ll work|our (tech )?stack|tech stack|tools we use|the stack|technology|contract\b|job type|start date|closing date|ref(erence)?\b|department\b|site\b)/],
  ['role', /^(why this role|about (the|this) (role|job|position|opportunity|team)|the (role|job|position|opportunity|team)\b|role (overview|summary|description|purpose)|position (summary|overview|description)|job (overview|summary|description|purpose|profile)|overview\b|summary\b|the team you'?ll|your team\b|meet the team|context\b|the challenge|the mission|mission\b|what this role|about you and the role)/],
  ['responsibilities', /^(key |main |essential |core |your |primary |principal )?(responsibilit|duties|accountabilit)|^(what|here'?s what) you('| wi)?ll (do|be doing|work on|own|achieve)|^what you will (do|be doing)|^what you('d| would) do|^(day[- ]to[- ]day|a day in the life|in this role|the work|your (impact|day|work|role|mission|first (year|90 days|six months))|you will\b|what the (job|role) involves|how you('ll| will) (make an impact|spend your time)|main duties|what you('ll| will) be responsible)/],
  ['preferred', /^(nice[- ]to[- ]haves?|preferred|desirable|bonus( points)?|plus(es)?\b|good to have|extra credit|it would be (great|nice)|even better|ideally|what would make you stand out|you might also have|additional (skills|qualifications))/],
  ['requirements', /^(requirements|minimum requirements|basic qualifications|qualifications|(key |essential |required )?(skills|experience|competencies|criteria)|what (we'?re|we are) looking for|who (we'?re|we are) looking for|the person we are looking for|we'?re looking for|what you('ll)? (bring|need|have)|what we (need|expect|require|want)|about you|who you are|you (are|have|bring|might be)|essential\b|the candidate|person spec|must[- ]haves?|you'?ll (be great|thrive|love it|succeed)|ideal candidate|the ideal|is this you|what it takes|your (skills|experience|profile|background)|to be successful|skills (and|&) experience)/],
  ['benefits', /^(benefits|perks|what we offer|we offer|what'?s on offer|on offer|in return|compensation|salary|pay\b|rewards?\b|total rewards|package|what you('ll| will)? get|why (join|work|you'?ll love)|why us\b|why [\p{L}&.' -]{2,40}$|our offer|what'?s in it for you)/u],
  ['about', /^(about\b|who we are|our (company|story|values|mission|culture|organi[sz]ation|team)|the company|company\b|working (for|at|with) (us|our)|life at|culture\b|who (are )?we\b)/],
  ['process', /^(our (hiring |interview |recruitment )?process|(the )?(hiring|interview|recruitment|application) process|how (we|to) (hire|apply)|next steps|interviews?\b|apply\b|to apply)/],
];

/** Heading text as compared: lower case, no leading symbols or trailing colon. */
export function headingKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .replace(/[\s:.!?*_]+$/u, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The section a heading opens, or undefined when the heading names none of them. */
export function sectionOf(heading: string): SectionKind | undefined {
  const key = headingKey(heading);
  if (!key || key.split(' ').length > 10) return undefined;
  for (const [kind, pattern] of PATTERNS) if (pattern.test(key)) return kind;
  return undefined;
}

/** Boilerplate that is never an ask, wherever it stands. */
const LEGAL_TEXT = /equal (employment )?opportunit|do(es)? not discriminate|without regard to|reasonable (adjustments|accommodations?)|disability confident|veteran status|protected (characteristic|veteran)|sexual orientation|enhanced dbs|background check|we welcome applications from|right to work/i;

export function isLegalText(text: string): boolean {
  return LEGAL_TEXT.test(text);
}
