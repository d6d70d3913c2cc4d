/**
 * How people phrase the bank's questions in their own notes: the data the
 * question matcher (match.ts) reads. Words are mapped before stemming, so
 * one entry covers every form ("flop" → "flopped", "flops").
 */

/** Words that say nothing about which question it is. */
export const STOPWORDS = new Set(
  (
    'a an the and or but if of to in on at for with from by as into onto than then so too very just also really quite ' +
    'is are was were be been being am do does did done doing have has had having will would shall should can could may might must ' +
    'i me my mine we us our ours they them their it its this that these those there he she his her him ' +
    'you your yours u ur ' +
    'what which who whom whose when where how whats hows ' +
    'tell describe give share talk walk example examples please ' +
    'about time times situation situations instance occasion moment ' +
    'handle handled handling deal dealt dealing approach approached manage managed outcome outcomes result results happened happen ' +
    'faced face facing some any each every all most more much many one number ever recent recently ' +
    'under over through out up down again once ok okay like kind sort get got go went ' +
    'something someone somebody anything anyone thing things made make making biggest greatest different had during while no not such'
  ).split(/\s+/),
);

/** Words meaning the same thing for matching, mapped to one word. */
export const SYNONYMS: Record<string, string> = {
  // Things that went badly.
  failed: 'fail', failure: 'fail', flop: 'fail', lost: 'fail', lose: 'fail', losing: 'fail', badly: 'fail', unsuccessful: 'fail',
  setback: 'fail', bombed: 'fail',
  mistakes: 'mistake', blunder: 'mistake',
  // People you work with, by any job title.
  colleague: 'teammate', coworker: 'teammate', 'co-worker': 'teammate', peer: 'teammate', collaborator: 'teammate', teammates: 'teammate',
  engineer: 'teammate', developer: 'teammate', designer: 'teammate', physician: 'teammate', doctor: 'teammate', nurse: 'teammate',
  scientist: 'teammate', analyst: 'teammate', coworkers: 'teammate',
  boss: 'manager', supervisor: 'manager',
  // People you serve or depend on.
  customer: 'stakeholder', client: 'stakeholder', contractor: 'stakeholder', vendor: 'stakeholder', supplier: 'stakeholder',
  family: 'stakeholder', parent: 'stakeholder', patient: 'stakeholder', user: 'stakeholder', partner: 'stakeholder',
  upset: 'difficult', angry: 'difficult', unhappy: 'difficult', irate: 'difficult', escalated: 'difficult', demanding: 'difficult',
  frustrated: 'difficult', hostile: 'difficult', rude: 'difficult',
  // Hard work.
  hardest: 'challenging', toughest: 'challenging', challenge: 'challenging', complex: 'challenging', tough: 'challenging',
  achievement: 'accomplishment', accomplished: 'accomplishment', proudest: 'proud',
  disagreement: 'conflict', disagree: 'conflict', disagreed: 'conflict', argument: 'conflict', clash: 'conflict',
  goals: 'goal', aspiration: 'goal', ambition: 'goal',
  organisation: 'company', organization: 'company', firm: 'company', employer: 'company',
  mentored: 'mentor', coach: 'mentor', coached: 'mentor', coaching: 'mentor', onboarded: 'mentor', precepted: 'mentor',
  unforeseen: 'unexpected', unplanned: 'unexpected', surprise: 'unexpected',
  issue: 'problem', obstacle: 'problem', bug: 'problem', wrong: 'problem',
  introduce: 'yourself', background: 'yourself',
  prioritise: 'prioritize', priorities: 'prioritize', prioritization: 'prioritize', prioritisation: 'prioritize',
  pro: 'good', con: 'bad', positive: 'good', negative: 'bad', constructive: 'bad',
  led: 'lead', leadership: 'lead',
  enjoyed: 'enjoy',
  product: 'project',
  several: 'multiple', many: 'multiple', juggled: 'juggle',
  audience: 'audience', people: 'audience', person: 'audience', public: 'audience',
  criticism: 'feedback', critique: 'feedback',
};

/** Phrases rewritten before words are read: a phrase means more than its words. */
export const PHRASES: readonly [RegExp, string][] = [
  [/\bdeal[ -]?breakers?\b/g, ' dealbreaker '],
  [/\bat (?:the same time|once)\b|\bsimultaneously\b|\bin parallel\b/g, ' juggle '],
  [/\bnon[- ]?(?:technical|tech|finance|financial|experts?|specialists?|engineers?|engineering)\b|\blay(?:man|men|person|people)\b/g, ' nonexpert '],
  [/\b(?:went|go|goes|going) (?:badly|south|sideways)\b|\bdid(?:n['’]t| not) (?:go (?:well|as planned)|work out)\b/g, ' fail '],
  [/\b(?:went|go|goes|going) wrong\b/g, ' problem '],
  [/\bpush(?:ed|ing)? back\b/g, ' pushback '],
  [/\bgo(?:ne)? above and beyond\b/g, ' initiative '],
];

/** Extra phrasings of built-in questions that people often write instead of the bank's text. */
export const PHRASINGS: Record<string, string[]> = {
  'about-me': ['introduce yourself', 'walk me through your background', 'your pitch'],
  'why-company': ['why this company', 'why do you want to join us', 'why us'],
  'career-goals': ['career goals', 'where do you see yourself in five years', 'where do you want to be in a few years', 'long term goals'],
  dealbreakers: ['dealbreakers'],
  'manager-feedback': ['manager feedback', 'recent feedback from your manager'],
  'hardest-project': ['hardest project', 'most challenging project', 'most difficult project', 'biggest challenge'],
  proudest: ['proudest accomplishment', 'achievement you are proud of', 'greatest achievement', 'biggest accomplishment'],
  'tight-deadline': ['tight deadline', 'short deadline', 'deadlines', 'time pressure'],
  'unexpected-issues': ['unexpected issues deadline', 'unexpected problems', 'something went wrong'],
  'conflict-teammate': ['conflict with a teammate', 'conflict with a colleague', 'disagreed with a colleague'],
  'disagree-manager': ['disagreement with your manager'],
  'difficult-stakeholder': ['difficult customer', 'difficult client', 'upset customer'],
  failure: ['failure', 'a time you failed'],
  mistake: ['mistakes'],
  'do-differently': ['what would you do differently'],
  'enjoyed-most': ['what did you enjoy', 'what you enjoyed'],
  weaknesses: ['weakness'],
  strengths: ['strengths'],
  leadership: ['leadership'],
  mentoring: ['mentoring', 'mentored someone', 'helped someone grow', 'trained a new'],
  'technical-decision': ['technical decisions', 'design decision', 'architecture decision', 'trade-off'],
  'multiple-projects': ['juggle', 'multiple projects'],
  'data-quality': ['problem in the data', 'bad data', 'data accuracy', 'wrong data'],
  'data-driven': ['used data', 'decision with data', 'data driven'],
  'explain-technical': ['explain to a nonexpert', 'explain something complex simply'],
  'feedback-received': ['handle feedback', 'take feedback', 'respond to feedback'],
  prioritization: ['competing priorities', 'competing demands', 'too much on your plate'],
  'learn-quickly': ['learn something new fast', 'learn a new tool quickly', 'pick up a new skill', 'learn new software'],
  change: ['priorities changed', 'change in priorities', 'shifting priorities', 'sudden change'],
  'process-improvement': ['improved a process', 'improved a workflow', 'improved productivity', 'improved efficiency', 'made things more efficient'],
  'customer-impact': ['improved customer service', 'customer experience'],
  'production-incident': ['outage', 'incident'],
};

/** Bank questions whose id is too general a word to match on its own ("change"). */
export const NO_ID_VARIANT = new Set(['change', 'teamwork', 'initiative']);

/** Questions recognised by their shape rather than their words. */
export const RULES: readonly { id: string; test: (text: string) => boolean }[] = [
  { id: 'why-leaving', test: (t) => /^why\b.*\b(?:leav(?:e|es|ing)|quit(?:ting)?|mov(?:e|ing) on|chang(?:e|ing) jobs?)\b/i.test(t) },
  {
    id: 'why-role',
    test: (t) => /^why\b.*\b(?:this|the) (?:role|position|job)\b/i.test(t) || /^why (?:do you want to|would you like to|are you interested in|do you want) (?:be(?:come)?|work(?:ing)? as) (?:an?|the)\b/i.test(t),
  },
  // "Why Northwind?", "Why do you want to teach at Lincoln?": why, and a name.
  { id: 'why-company', test: (t) => /^why\b/i.test(t) && (/\s(?!I\b)\p{Lu}/u.test(t) || /\b(?:us|here|this company|the company|our company|join)\b/i.test(t)) },
];
