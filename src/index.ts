/**
 * storybank's public API: the same steps the CLI runs, as functions that
 * return values (and diagnostics) instead of printing.
 */
export { build, loadWorkspace, renderProfile, selectProfiles, viewsFor, FORMATS, type BuildOptions, type Format } from './build.js';
export { parseWorkspace, type Workspace, type WorkspaceFile } from './stories/workspace.js';
export { readWorkspaceFiles } from './stories/fs.js';
export { planProfile, type Plan, type Assignment, type Candidate } from './select/assign.js';
export { lintWorkspace } from './lint/lint.js';
export { buildViewModel, type ViewModel } from './render/view-model.js';
export { renderCheatSheetHtml } from './render/html.js';
export { BrowserSession } from './render/browser.js';
export { BUILTIN_QUESTIONS, COMPETENCIES, type Question } from './questions/bank.js';
export { UserError, EnvironmentError, formatDiagnostic, type Diagnostic } from './errors.js';
