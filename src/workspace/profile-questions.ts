import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { Catalog } from '../questions/catalog.js';
import { indexCatalog, matchQuestion, questionHint, questionIdFor, type QuestionIndex } from '../questions/match.js';
import type { Profile } from './profile.js';

/**
 * A profile's `questions:` take ids (`tight-deadline`) or the question as
 * text ("Tell me about a time you failed"), matched to an id the way
 * `import` matches the questions of notes. A text that matches nothing
 * becomes a question of the workspace, with a warning naming the id it got.
 * An unknown id is an error, with the id it most likely meant.
 */

const ID = /^[a-z0-9][a-z0-9-]*$/i;

export function resolveProfileQuestions(profiles: readonly Profile[], catalog: Catalog): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  let index: QuestionIndex | undefined;
  for (const profile of profiles) {
    const resolved: string[] = [];
    profile.questions.forEach((entry, i) => {
      const at = profile.at.node(['questions', i]);
      let id: string;
      if (ID.test(entry)) {
        id = entry.toLowerCase();
        if (!catalog.questions.has(id)) {
          index ??= indexCatalog(catalog);
          diagnostics.push(
            diagnostic(profile.file, at, 'error', 'unknown-question', `unknown question id "${id}"${questionHint(id, index)} (define it in stories/questions.yml, or write the question as text)`),
          );
        }
      } else {
        index ??= indexCatalog(catalog);
        const match = matchQuestion(entry, index);
        if (match) {
          id = match.id;
        } else {
          id = questionIdFor(entry, new Set(catalog.questions.keys()));
          catalog.questions.set(id, { id, text: entry, competencies: [] });
          index = undefined;
          diagnostics.push(
            diagnostic(profile.file, at, 'warning', 'question-from-text', `"${entry}" matches no question of the bank, so it is asked as the new question "${id}"; add it to stories/questions.yml to give it competencies, and list "${id}" in the stories that answer it`),
          );
        }
      }
      if (resolved.includes(id)) {
        diagnostics.push(diagnostic(profile.file, at, 'warning', 'question-repeated', `question "${id}" is listed twice; it is used once`));
        return;
      }
      resolved.push(id);
    });
    profile.questions = resolved;
  }
  return diagnostics;
}
