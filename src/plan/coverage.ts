import type { Story } from '../workspace/story.js';
import type { Plan } from './assign.js';

export interface CoverageLine {
  competency: string;
  weight: number;
  /** Ids of the eligible stories that show it. */
  stories: string[];
}

/** Each emphasised competency with every eligible story that shows it, heaviest first. */
export function coverage(plan: Plan, stories: readonly Story[]): CoverageLine[] {
  const excluded = new Set(plan.excluded.map((e) => e.story.id));
  return Object.entries(plan.profile.emphasis)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([competency, weight]) => ({
      competency,
      weight,
      stories: stories.filter((s) => !excluded.has(s.id) && s.competencies.includes(competency.toLowerCase())).map((s) => s.id),
    }));
}
