import type { Story } from './story.js';

export interface StoryFilter {
  tag?: string;
  competency?: string;
}

/** The stories with the tag and the competency asked for (either may be left out). */
export function filterStories(stories: readonly Story[], filter: StoryFilter): Story[] {
  return stories.filter(
    (s) =>
      (!filter.tag || s.tags.includes(filter.tag.toLowerCase())) &&
      (!filter.competency || s.competencies.includes(filter.competency.toLowerCase())),
  );
}
