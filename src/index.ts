/**
 * storybank's public API: the same steps the CLI runs, as functions that
 * return values (and diagnostics) instead of printing.
 */
export { loadWorkspace } from './workspace/load.js';
export { build, renderProfile, selectProfiles, viewsFor, type BuildOptions } from './pipeline/build.js';
export { FORMATS, type Format } from './render/formats.js';
export { parseWorkspace, type Workspace } from './workspace/parse.js';
export type { WorkspaceFile } from './workspace/layout.js';
export { readWorkspaceFiles } from './workspace/files.js';
export { planProfile, type Plan, type Assignment, type Candidate } from './plan/assign.js';
export { lintWorkspace } from './plan/lint.js';
export { buildViewModel, type ViewModel } from './view/view-model.js';
export { renderCheatSheetHtml } from './render/html/cheatsheet.js';
export { BrowserSession } from './render/pdf/browser.js';
export { BUILTIN_QUESTIONS, COMPETENCIES, type Question } from './questions/bank.js';
export { UserError, EnvironmentError, formatDiagnostic, type Diagnostic } from './diagnostics.js';
export { readPracticeLog, openPracticeLog, type PracticeRep, type LoggedRep, type Rating } from './practice/log.js';
export { summarisePractice, type PracticeHistory } from './practice/history.js';
export { startDrill, step, readAnswer, type Drill, type DrillInput, type Screen } from './practice/engine.js';
