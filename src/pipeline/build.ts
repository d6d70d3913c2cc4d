import { join, resolve } from 'node:path';
import { diagnostic, hasErrors, sortDiagnostics, UserError, type Diagnostic } from '../diagnostics.js';
import { commitStaged, discardStaged, stageFiles, writeFilesAtomic, type StagedFile } from '../output/atomic.js';
import { mark } from '../support/trace.js';
import { checkOutputFolders } from '../output/out-folder.js';
import { BrowserSession } from '../render/pdf/browser.js';
import { loadTemplates, type TemplateSet } from '../render/templates.js';
import { buildTime, buildViewModel, type ViewModel } from '../view/view-model.js';
import { planProfile, type Plan } from '../plan/assign.js';
import { loadWorkspace } from '../workspace/load.js';
import type { PracticeHistory } from '../practice/history.js';
import { loadPracticeHistory } from '../practice/log.js';
import type { Profile } from '../workspace/profile.js';
import type { Paper } from '../workspace/schema.js';
import type { Workspace } from '../workspace/parse.js';
import { didYouMean } from '../support/suggest.js';
import { DEFAULT_FORMATS, FORMATS, OUTPUT_NAMES, type Format } from '../render/formats.js';


export interface BuildOptions {
  /** Profile names; empty or undefined means all. */
  profiles?: string[];
  formats?: readonly Format[];
  paper?: Paper;
  includePrivate?: boolean;
  now?: Date;
  /** Reuse stories parsed by earlier runs, kept in the user's cache folder (default: no). */
  cache?: boolean;
  /** What was practised (`build` reads the workspace's log): the cheat sheet marks questions never practised. */
  practice?: PracticeHistory;
}

export interface BuiltFile {
  format: Format;
  name: string;
  bytes: Uint8Array;
}

export interface ProfileBuild {
  profile: string;
  files: BuiltFile[];
  diagnostics: Diagnostic[];
  milliseconds: number;
}

export function assertValid(workspace: Workspace): void {
  if (hasErrors(workspace.diagnostics)) {
    const count = workspace.diagnostics.filter((d) => d.severity === 'error').length;
    throw new UserError(`${count} error${count === 1 ? '' : 's'} in the workspace; nothing was built`, workspace.diagnostics);
  }
}

export function selectProfiles(workspace: Workspace, names: readonly string[] | undefined): Profile[] {
  if (workspace.profiles.length === 0) {
    throw new UserError('no profiles found; add one as stories/profiles/<name>.md (see README)', [
      diagnostic('stories/profiles', undefined, 'error', 'no-profiles', 'no profile files here; a profile names the role and its questions'),
    ]);
  }
  if (!names || names.length === 0) return workspace.profiles;
  const known = workspace.profiles.map((p) => p.name);
  const missing = names.filter((n) => !known.includes(n));
  if (missing.length > 0) {
    // One line, whatever was typed: the CLI prints messages quoted, newlines included.
    const named = missing.length === 1 ? `unknown profile "${missing[0]}"${didYouMean(missing[0]!, known)}` : `unknown profiles ${missing.map((n) => `"${n}"`).join(', ')}`;
    throw new UserError(`${named}; profiles: ${known.join(', ')}`);
  }
  return names.map((n) => workspace.profiles.find((p) => p.name === n)!);
}

function paperFor(profile: Profile, workspace: Workspace, override?: Paper): Paper {
  return override ?? profile.paper ?? workspace.config.paper ?? 'letter';
}

export interface ProfileViews {
  /** The cheat sheet may show private stories (with --include-private). */
  cheatSheet: { plan: Plan; model: ViewModel };
  /** The answer bank may be sent to someone: always planned without private stories. */
  answerBank: { plan: Plan; model: ViewModel };
}

export function viewsFor(workspace: Workspace, profile: Profile, options: BuildOptions): ProfileViews {
  const paper = paperFor(profile, workspace, options.paper);
  const now = options.now ?? buildTime();
  const cheatPlan = planProfile(profile, workspace.stories, workspace.catalog, { includePrivate: options.includePrivate });
  const bankPlan = options.includePrivate ? planProfile(profile, workspace.stories, workspace.catalog, {}) : cheatPlan;
  return {
    cheatSheet: { plan: cheatPlan, model: buildViewModel(cheatPlan, workspace.stories, workspace.config, { paper, now, shared: false, practice: options.practice }) },
    answerBank: { plan: bankPlan, model: buildViewModel(bankPlan, workspace.stories, workspace.config, { paper, now, shared: true }) },
  };
}

/**
 * Renders one profile to bytes, in memory. The browser session is shared
 * across profiles by the caller.
 */
export async function renderProfile(
  workspace: Workspace,
  profile: Profile,
  options: BuildOptions,
  deps: {
    session: () => BrowserSession;
    templates: () => Promise<TemplateSet>;
    /** Each file as soon as it is made (build stages it while the rest renders). */
    onFile?: (file: BuiltFile) => void;
  },
): Promise<ProfileBuild> {
  const started = performance.now();
  const formats = new Set(options.formats ?? DEFAULT_FORMATS);
  const views = viewsFor(workspace, profile, options);
  mark(`${profile.name}: planned`);
  const files: BuiltFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const add = (format: Format, bytes: Uint8Array) => {
    const file = { format, name: OUTPUT_NAMES[format], bytes };
    files.push(file);
    deps.onFile?.(file);
  };

  // The DOCX is built, and staged, while the browser lays out and prints
  // the sheet: started once the sheet has gone to the browser, so that it
  // never delays the PDF, which waits on the browser's start.
  let contentSent: () => void = () => undefined;
  const sent = formats.has('pdf') ? new Promise<void>((resolve) => (contentSent = resolve)) : Promise.resolve();
  const docx = formats.has('docx')
    ? sent
        // Beside a PDF, on a second thread; alone, a thread would only add its start.
        .then(async () =>
          formats.has('pdf')
            ? (await import('../render/docx/on-thread.js')).renderAnswerBankDocxOnThread(views.answerBank.model)
            : (await import('../render/docx/document.js')).renderAnswerBankDocx(views.answerBank.model),
        )
        .then((bytes) => {
          mark(`${profile.name}: DOCX built`);
          add('docx', bytes);
        })
    : undefined;
  if (formats.has('pdf')) {
    const { renderCheatSheetPdf } = await import('../render/pdf/print.js');
    const sheet = await renderCheatSheetPdf(deps.session(), views.cheatSheet.model, await deps.templates(), profile.file, contentSent);
    diagnostics.push(...sheet.diagnostics);
    add('pdf', sheet.pdf);
    if (formats.has('html')) add('html', Buffer.from(sheet.fittedHtml()));
  } else if (formats.has('html')) {
    const { renderCheatSheetHtml } = await import('../render/html/cheatsheet.js');
    add('html', Buffer.from(renderCheatSheetHtml(views.cheatSheet.model, await deps.templates())));
  }
  await docx;
  if (formats.has('md')) {
    const { renderAnswerBankMarkdown } = await import('../render/markdown/answer-bank.js');
    add('md', Buffer.from(renderAnswerBankMarkdown(views.answerBank.model)));
  }
  if (formats.has('txt')) {
    const { renderAnswerBankText } = await import('../render/text/answer-bank.js');
    add('txt', Buffer.from(renderAnswerBankText(views.answerBank.model)));
  }
  files.sort((a, b) => FORMATS.indexOf(a.format) - FORMATS.indexOf(b.format));
  return { profile: profile.name, files, diagnostics, milliseconds: performance.now() - started };
}

function outputPath(root: string, outDir: string, profile: string, name: string): string {
  return join(resolve(root, outDir), profile, name);
}

function outputFiles(root: string, outDir: string, result: ProfileBuild) {
  return result.files.map((file) => ({ profile: result.profile, path: outputPath(root, outDir, result.profile, file.name), bytes: file.bytes }));
}

/** Writes one profile's files under <outDir>/<profile>/, all or none. */
export async function writeProfile(root: string, outDir: string, result: ProfileBuild): Promise<BuildRun['written']> {
  await checkOutputFolders(root, outDir, [result.profile]);
  const files = outputFiles(root, outDir, result);
  await writeFilesAtomic(files.map((f) => ({ path: f.path, data: f.bytes })));
  return files.map((f) => ({ profile: f.profile, path: f.path, bytes: f.bytes.length }));
}

export interface BuildRun {
  workspace: Workspace;
  builds: ProfileBuild[];
  /** Absolute paths written, per profile. */
  written: { profile: string; path: string; bytes: number }[];
  diagnostics: Diagnostic[];
}

/**
 * The whole `build`: validate everything first (write nothing on errors),
 * render each profile with one shared browser, write atomically.
 */
export async function build(
  root: string,
  outDir: string,
  options: BuildOptions & {
    browserPath?: string;
    session?: BrowserSession;
    onProfileStart?: (name: string, index: number, total: number) => void;
    onProfileDone?: (build: ProfileBuild, index: number, total: number) => void;
  } = {},
): Promise<BuildRun> {
  const workspace = await loadWorkspace(root, { cache: options.cache });
  mark(`workspace read and checked (${workspace.stories.length} stories)`);
  assertValid(workspace);
  const profiles = selectProfiles(workspace, options.profiles);
  await checkOutputFolders(root, outDir, profiles.map((p) => p.name));
  const log = loadPracticeHistory(root);
  options = { ...options, practice: options.practice ?? log.history };
  const ownSession = !options.session;
  let session = options.session;
  let templates: Promise<TemplateSet> | undefined;
  const deps = {
    session: () => (session ??= new BrowserSession(options.browserPath)),
    templates: () => (templates ??= loadTemplates(root)),
  };
  const builds: ProfileBuild[] = [];
  const written: BuildRun['written'] = [];
  // Each file is staged (written and synced beside its place) as soon as it
  // is made, and renamed into place only when every profile has rendered: a
  // failure leaves every previous file as it was.
  const staging: Promise<StagedFile[]>[] = [];
  const stageAll = () => Promise.allSettled(staging).then((r) => r.flatMap((s) => (s.status === 'fulfilled' ? s.value : [])));
  const render = async (profile: Profile) => {
    const onFile = (file: BuiltFile) => {
      const staged = stageFiles([{ path: outputPath(root, outDir, profile.name, file.name), data: file.bytes }]);
      staged.catch(() => undefined);
      staging.push(staged);
    };
    return renderProfile(workspace, profile, options, { ...deps, onFile });
  };
  try {
    try {
      for (const [i, profile] of profiles.entries()) {
        options.onProfileStart?.(profile.name, i, profiles.length);
        const result = await render(profile);
        builds.push(result);
        options.onProfileDone?.(result, i, profiles.length);
      }
    } finally {
      if (ownSession) await session?.close();
    }
    // A staging failure (disk full) is the build's failure.
    await Promise.all(staging);
    // Again: rendering takes seconds, and a link may have appeared meanwhile.
    await checkOutputFolders(root, outDir, profiles.map((p) => p.name));
    await commitStaged(await stageAll());
    mark('files in place');
  } catch (err) {
    await discardStaged(await stageAll());
    throw err;
  }
  const files = builds.flatMap((b) => outputFiles(root, outDir, b));
  written.push(...files.map((f) => ({ profile: f.profile, path: f.path, bytes: f.bytes.length })));
  const diagnostics = sortDiagnostics([...workspace.diagnostics, ...log.diagnostics, ...builds.flatMap((b) => b.diagnostics)]);
  return { workspace, builds, written, diagnostics };
}
