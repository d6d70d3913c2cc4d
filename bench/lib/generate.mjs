// Synthetic workspaces for the benchmark: realistic STAR stories drawn from
// the built-in question bank, and profile variants of the sample profiles.
// Deterministic (seeded), so every run measures the same input.
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILTIN_QUESTIONS, COMPETENCIES } from '../../dist/questions/bank.js';

/** Small seeded PRNG (mulberry32): same workspace on every run. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (list) => list[Math.floor(next() * list.length)];
  const some = (list, lo, hi) => {
    const pool = [...list];
    const out = [];
    for (let n = int(lo, hi); n > 0 && pool.length; n--) out.push(pool.splice(Math.floor(next() * pool.length), 1)[0]);
    return out;
  };
  return { next, int, pick, some };
}

const SYSTEMS = ['order service', 'billing pipeline', 'search index', 'payments gateway', 'inventory sync', 'fitment API', 'notification service', 'reporting warehouse', 'auth service', 'pricing engine', 'catalog importer', 'mobile backend', 'feature-flag service', 'event bus', 'data lake ingestion', 'recommendation job'];
const TEAMS = ['platform', 'checkout', 'growth', 'data', 'infrastructure', 'catalog', 'supply chain', 'mobile', 'payments', 'search'];
const TECH = ['Kafka', 'Cassandra', 'PostgreSQL', 'Redis', 'Kubernetes', 'Spark', 'gRPC', 'Elasticsearch', 'S3', 'Airflow', 'Terraform', 'GraphQL'];
const VERBS = ['Rebuilding', 'Scaling', 'Stabilising', 'Migrating', 'Untangling', 'Shipping', 'Rescuing', 'Simplifying', 'Hardening', 'Speeding up'];
const TAGS = ['backend', 'data', 'frontend', 'infra', 'leadership', 'mentoring', 'incident', 'migration', 'performance', 'api', 'cloud', 'testing', 'security', 'product'];
const PRESSURES = ['a launch date that could not move', 'a traffic spike every Monday morning', 'two teams changing the same code', 'a customer escalation', 'an audit six weeks out', 'on-call pages every night', 'a vendor contract ending', 'a reorg halfway through'];
const ACTIONS = [
  'I mapped every caller of the {sys} and wrote down which ones could tolerate a delay.',
  'I proposed moving the slow path onto {tech}, wrote a one-page design and got sign-off in two days.',
  'I paired with the {team} team lead to split the work into three releases behind feature flags.',
  'I added a canary stage and dashboards so we could see errors before customers did.',
  'I wrote the migration script, ran it against a copy of production and fixed the four edge cases it found.',
  'I set up a daily fifteen-minute check-in with the stakeholders so surprises surfaced early.',
  'I reviewed the retry logic and made every write idempotent with a request key.',
  'I cut scope: the admin screens moved to the next quarter so the core flow shipped on time.',
  'I coached a junior engineer through the hardest module and reviewed each step with them.',
  'I load-tested the {sys} at three times peak and tuned the {tech} settings that fell over first.',
  'I documented the runbook and walked on-call through it before the switch-over.',
  'I negotiated with the {team} team to take over their part of the backlog for two sprints.',
];
const RESULTS = [
  'p99 latency dropped from {a} ms to {b} ms and stayed there through the holiday peak.',
  'We shipped {a} days early and support tickets for the {sys} fell by {b} percent.',
  'Nightly failures went from {a} a week to zero, and on-call pages fell by {b} percent.',
  'The migration moved {a} million rows with no downtime and no data loss.',
  'Cost went down by {b} percent, about ${a}k a year, with no change customers could see.',
  'Two other teams adopted the approach within {a} months.',
];
const LESSONS = [
  'Next time I would write the rollback plan before the rollout plan.',
  'I learned to share bad news early: the week I waited cost more than the bug did.',
  'Measuring first would have saved a week of guessing.',
  'Small, reversible steps beat one big switch-over.',
];

function fill(template, r, ctx) {
  return template
    .replaceAll('{sys}', ctx.sys)
    .replaceAll('{tech}', ctx.tech)
    .replaceAll('{team}', ctx.team)
    .replaceAll('{a}', String(r.int(2, 40)))
    .replaceAll('{b}', String(r.int(20, 90)));
}

const yamlList = (items) => `[${items.map((s) => JSON.stringify(s)).join(', ')}]`;

/** One story file's text. About 200–300 words, valid, mostly lint-clean. */
export function storyText(i, r) {
  const ctx = { sys: r.pick(SYSTEMS), tech: r.pick(TECH), team: r.pick(TEAMS) };
  const answer = r.next() < 0.06;
  const questions = r.some(BUILTIN_QUESTIONS, 1, 3);
  const competencies = [...new Set([...questions.flatMap((q) => q.competencies.slice(0, 2)), ...r.some(COMPETENCIES, 0, 2).map((c) => c.id)])];
  const tags = r.some(TAGS, 1, 4);
  if (r.next() < 0.03) tags.push('personal');
  const title = `${r.pick(VERBS)} the ${ctx.sys} for ${ctx.team} (#${i})`;
  const fm = [
    '---',
    `title: ${JSON.stringify(title)}`,
    `kind: ${answer ? 'answer' : 'star'}`,
    `questions: ${yamlList(questions.map((q) => q.id))}`,
    `competencies: ${yamlList(competencies)}`,
    `tags: ${yamlList(tags)}`,
    `year: ${r.int(2014, 2025)}`,
  ];
  if (r.next() < 0.6) fm.push(`metrics: ${yamlList([fill('{a}x fewer pages', r, ctx), fill('{b}% faster', r, ctx)].slice(0, r.int(1, 2)))}`);
  if (r.next() < 0.3) fm.push('cues:', ...[fill('Start with the {sys}', r, ctx), fill('{tech} was the bottleneck', r, ctx), 'Numbers before adjectives'].map((c) => `  - ${JSON.stringify(c)}`));
  if (r.next() < 0.2) fm.push('angles:', `  ${questions[0].id}: ${JSON.stringify(fill('Lead with the {team} impact.', r, ctx))}`);
  if (r.next() < 0.04) fm.push('private: true');
  if (r.next() < 0.03) fm.push('draft: true');
  fm.push('---');

  if (answer) {
    const body = [
      fill(`I work on the {sys} for the {team} team. I care about systems people can trust, and I like the part of the job where a hard problem turns into a simple design.`, r, ctx),
      '',
      '- ' + fill('I own the {sys} end to end', r, ctx),
      '- ' + fill('I have shipped {a} releases this year', r, ctx),
      '- I want more ownership of design across teams',
      '',
    ];
    return `${fm.join('\n')}\n${body.join('\n')}`;
  }
  const actions = r.some(ACTIONS, 3, 5).map((a) => `- ${fill(a, r, ctx)}`);
  const body = [
    '## Situation',
    '',
    fill(`The {sys} on the {team} team was struggling with ${r.pick(PRESSURES)}. It ran on {tech}, and every slow request meant a customer waiting and a support ticket later.`, r, ctx),
    '',
    '## Task',
    '',
    fill('I had to make the {sys} reliable again without stopping feature work, and show the {team} leads a plan they could trust within two weeks.', r, ctx),
    '',
    '## Action',
    '',
    ...actions,
    '',
    '## Result',
    '',
    fill(r.pick(RESULTS), r, ctx) + ' ' + fill(r.pick(RESULTS), r, ctx),
    '',
  ];
  if (r.next() < 0.5) body.push('## Lessons', '', r.pick(LESSONS), '');
  if (r.next() < 0.3) body.push('## Notes', '', fill('Have the {tech} numbers ready; they will ask.', r, ctx), '');
  return `${fm.join('\n')}\n${body.join('\n')}`;
}

/**
 * A workspace of `count` generated stories (in yearly sub-folders, as people
 * file them) plus the sample workspace's profiles and storybank.yml.
 */
export function generateStoryWorkspace(dir, count, sampleRoot, seed = 42) {
  const r = rng(seed + count);
  mkdirSync(join(dir, 'stories', 'profiles'), { recursive: true });
  cpSync(join(sampleRoot, 'stories', 'profiles'), join(dir, 'stories', 'profiles'), { recursive: true });
  cpSync(join(sampleRoot, 'storybank.yml'), join(dir, 'storybank.yml'));
  const made = new Set();
  for (let i = 1; i <= count; i++) {
    const folder = join(dir, 'stories', String(2014 + (i % 12)));
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    writeFileSync(join(folder, `story-${String(i).padStart(5, '0')}.md`), storyText(i, r));
  }
  return dir;
}

/** A snapshot of the sample workspace (stories/, profiles, storybank.yml), so edits to the repo during a run do not change the input. */
export function copySampleWorkspace(dir, sampleRoot) {
  mkdirSync(dir, { recursive: true });
  cpSync(join(sampleRoot, 'stories'), join(dir, 'stories'), { recursive: true });
  cpSync(join(sampleRoot, 'storybank.yml'), join(dir, 'storybank.yml'));
  return dir;
}

const VARIANTS = [
  { name: 'backend-a4', role: 'Backend Engineer', paper: 'a4', emphasis: { reliability: 3, delivery: 2 } },
  { name: 'platform-sre', role: 'Site Reliability Engineer', paper: 'letter', emphasis: { reliability: 3, 'problem-solving': 2 } },
  { name: 'eng-manager', role: 'Engineering Manager', paper: 'letter', emphasis: { leadership: 3, mentoring: 3, communication: 2 } },
  { name: 'data-engineer', role: 'Data Engineer', paper: 'a4', emphasis: { 'data-quality': 3, scalability: 2 } },
  { name: 'tech-lead', role: 'Tech Lead', paper: 'letter', emphasis: { 'technical-judgment': 3, leadership: 2 } },
  { name: 'principal', role: 'Principal Engineer', paper: 'a4', emphasis: { 'system-design': 3, influence: 3 } },
  { name: 'fullstack', role: 'Full-stack Engineer', paper: 'letter', emphasis: { delivery: 2, 'customer-focus': 2 } },
];

/**
 * The sample workspace with its three profiles plus seven variants (other
 * roles, papers, emphasis, question lists rotated from the sample ones):
 * ten profiles in all, names returned in build order.
 */
export function generateProfilesWorkspace(dir, sampleRoot) {
  copySampleWorkspace(dir, sampleRoot);
  const profilesDir = join(dir, 'stories', 'profiles');
  const samples = readdirSync(profilesDir).filter((f) => f.endsWith('.md')).sort();
  const questionLists = samples.map((f) => {
    const m = /^questions:\s*\[(.*)\]\s*$/m.exec(readFileSync(join(profilesDir, f), 'utf8'));
    return m ? m[1].split(',').map((s) => s.trim()) : ['about-me', 'hardest-project', 'failure'];
  });
  const all = [...new Set(questionLists.flat())];
  VARIANTS.forEach((v, i) => {
    const start = (i * 3) % all.length;
    const questions = [...all.slice(start), ...all.slice(0, start)].slice(0, 10);
    if (!questions.includes('about-me')) questions[0] = 'about-me';
    const emphasis = Object.entries(v.emphasis).map(([k, w]) => `${k}: ${w}`).join(', ');
    writeFileSync(
      join(profilesDir, `${v.name}.md`),
      [
        '---',
        `role: ${v.role}`,
        `questions: [${[...new Set(questions)].join(', ')}]`,
        `emphasis: { ${emphasis} }`,
        'exclude_tags: []',
        `paper: ${v.paper}`,
        'answer_words: 350',
        'ask:',
        `  - "What does a great first year look like for a ${v.role}?"`,
        '  - "What is the hardest technical problem the team has right now?"',
        '---',
        `I build backend systems that stay correct under load, and I want to do that as a ${v.role}.`,
        '',
      ].join('\n'),
    );
  });
  return [...samples.map((f) => f.replace(/\.md$/, '')), ...VARIANTS.map((v) => v.name)];
}
