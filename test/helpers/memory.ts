import type { WorkspaceFile } from '../../src/workspace/layout.js';
import { parseWorkspace } from '../../src/workspace/parse.js';

/** An in-memory workspace: `{ 'stories/a.md': '...' }` → files for parseWorkspace. */
export function memoryFiles(files: Record<string, string | Uint8Array>): WorkspaceFile[] {
  return Object.entries(files).map(([path, content]) => ({
    path,
    bytes: typeof content === 'string' ? new TextEncoder().encode(content) : content,
  }));
}

export function memoryWorkspace(files: Record<string, string | Uint8Array>) {
  return parseWorkspace(memoryFiles(files));
}

export function star(front: string, sections: Partial<Record<'Situation' | 'Task' | 'Action' | 'Result', string>> = {}): string {
  const body = {
    Situation: 'The team had a problem.',
    Task: 'I had to fix it.',
    Action: 'I fixed it carefully and I told people.',
    Result: 'It took 3 days and saved 40 hours a month.',
    ...sections,
  };
  return `---\n${front.trim()}\n---\n${Object.entries(body)
    .map(([k, v]) => `## ${k}\n${v}\n`)
    .join('\n')}`;
}

export const PROFILE = `---
role: Backend Engineer
questions: [failure, tight-deadline, conflict-teammate]
---
`;
