/**
 * The script and styles the preview adds to a page, and only to the
 * preview: the PDF is printed with JavaScript off.
 *
 * The functions here run in the user's browser. They are written in
 * TypeScript so the compiler checks them, and shipped with
 * Function.prototype.toString, so they must not use anything from outside
 * their own body (no imports, no module-level helpers).
 */

import { fitSheet, type FitConfig, type FitResult } from '../render/pdf/fit.js';

export interface ClientConfig {
  /** Reload channel for this page (Server-Sent Events), carrying the page's content hash. */
  events: string;
  fit?: FitConfig;
}

/** Everything the preview page does: live reload, the switcher, and (on the cheat sheet) fit + page marker. */
function previewClient(cfg: ClientConfig, fit: typeof fitSheet): void {
  const root = document.documentElement;
  const scrollKey = `storybank-scroll:${location.pathname}${location.search}`;

  const live = document.getElementById('sb-live');
  const showLive = (state: 'live' | 'offline', title: string) => {
    live?.setAttribute('data-state', state);
    live?.setAttribute('title', title);
  };
  const source = new EventSource(cfg.events);
  source.addEventListener('open', () => showLive('live', 'Live: reloads when you save a story, profile or template'));
  source.addEventListener('error', () => showLive('offline', 'Not connected: is `storybank preview` still running?'));
  source.addEventListener('reload', () => {
    try {
      sessionStorage.setItem(scrollKey, String(window.scrollY));
    } catch {
      // Storage may be off; reloading at the top is fine.
    }
    source.close();
    location.reload();
  });

  // The bar can wrap on narrow windows; keep the page clear of it, and keep the
  // marker on the sheet when the page moves. Only offsets change, never the sheet's size.
  const bar = document.getElementById('sb-bar');
  let placeMarker: () => void = () => undefined;
  const place = () => {
    if (bar) root.style.paddingTop = `${bar.offsetHeight + 6}px`;
    placeMarker();
  };
  place();
  window.addEventListener('resize', place);
  if (bar && typeof ResizeObserver === 'function') new ResizeObserver(place).observe(bar);

  // Switching profile keeps the paper only if it was chosen in the URL; otherwise the new profile's own paper applies.
  const form = document.getElementById('sb-switch');
  if (form instanceof HTMLFormElement) {
    form.addEventListener('change', (event) => {
      const profile = form.elements.namedItem('profile');
      const paper = form.elements.namedItem('paper');
      const params = new URLSearchParams();
      if (profile instanceof HTMLSelectElement) params.set('profile', profile.value);
      if (paper instanceof HTMLSelectElement && (event.target === paper || new URLSearchParams(location.search).has('paper'))) {
        params.set('paper', paper.value);
      }
      location.assign(`${form.action}?${params.toString()}`);
    });
  }

  const restoreScroll = () => {
    try {
      const y = Number(sessionStorage.getItem(scrollKey));
      sessionStorage.removeItem(scrollKey);
      if (y > 0) window.scrollTo(0, y);
    } catch {
      // See above.
    }
  };

  const opts = cfg.fit;
  if (!opts) {
    restoreScroll();
    return;
  }
  // Hidden until fitted, so the unfitted layout never flashes.
  root.classList.add('sb-fitting');
  const fitKey = `storybank-fit:${location.pathname}${location.search}`;
  const loaded = new Promise<void>((resolve) => (document.readyState === 'complete' ? resolve() : window.addEventListener('load', () => resolve(), { once: true })));
  const entry = (id: string) => document.querySelector<HTMLElement>(`[data-question="${CSS.escape(id)}"]`);
  // Fonts come from data: URLs but still load asynchronously; measuring before they arrive gives the wrong fit.
  void Promise.all([loaded, document.fonts.ready]).then(async () => {
    const status = document.getElementById('sb-status');
    // After a reload, show the sheet at once with the last fit of this page, then
    // fit it properly in the next task (the full fit lays the sheet out ~20 times).
    let previous: { scale: number; columns: number; dropped: string[] } | undefined;
    try {
      previous = JSON.parse(sessionStorage.getItem(fitKey) ?? 'null') ?? undefined;
    } catch {
      previous = undefined;
    }
    if (previous) {
      root.style.setProperty('--scale', String(previous.scale));
      root.style.setProperty('--columns', String(previous.columns));
      document.querySelector('.sheet')?.setAttribute('data-columns', String(previous.columns));
      for (const id of previous.dropped) entry(id)?.style.setProperty('display', 'none');
      root.classList.remove('sb-fitting');
      performance.mark('storybank-shown');
      restoreScroll();
      // Let the browser paint this before the full fit blocks the page.
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      for (const id of previous.dropped) entry(id)?.style.removeProperty('display');
    }
    let result: FitResult | undefined;
    try {
      result = fit(opts);
    } catch (err) {
      if (status) status.textContent = `Could not fit the sheet: ${(err as Error).message}`;
    }
    root.classList.remove('sb-fitting');
    if (!previous) performance.mark('storybank-shown');
    performance.mark('storybank-fitted');
    if (result) {
      const fitted = result;
      try {
        sessionStorage.setItem(fitKey, JSON.stringify({ scale: fitted.scale, columns: fitted.columns, dropped: fitted.dropped }));
      } catch {
        // Without storage the next reload just fits from scratch.
      }
      root.setAttribute('data-sb-scale', String(fitted.scale));
      root.setAttribute('data-sb-columns', String(fitted.columns));
      describe(fitted, opts, status);
      placeMarker = () => drawMarker(fitted, opts);
      place();
    }
    if (!previous) restoreScroll();
  });

  function drawMarker(result: FitResult, o: FitConfig): void {
    const marker = document.getElementById('sb-marker');
    const sheet = document.querySelector('.sheet') ?? document.body;
    if (!marker) return;
    const page = document.body.getBoundingClientRect();
    const top = sheet.getBoundingClientRect().top + window.scrollY + o.pageHeight;
    marker.style.top = `${Math.round(top)}px`;
    marker.style.left = `${Math.round(page.left + window.scrollX)}px`;
    marker.style.width = `${Math.round(page.width)}px`;
    const over = result.height - o.pageHeight;
    marker.setAttribute('data-state', over > 0.5 ? 'over' : 'ok');
    const label = marker.querySelector('span');
    if (label) {
      label.textContent =
        over > 0.5
          ? `Page 1 ends here (${o.paperLabel}): the ${Math.ceil(over)} px below would print on page 2`
          : `Page 1 ends here (${o.paperLabel}) · ${Math.round(o.pageHeight - result.height)} px to spare`;
    }
    marker.hidden = false;
  }

  function describe(result: FitResult, o: FitConfig, status: HTMLElement | null): void {
    if (!status) return;
    const parts = [`${Math.round(result.scale * 100)}%`, `${result.columns} columns`, `smallest text ${result.smallestPt.toFixed(1)} pt`];
    let text = result.fits ? `Fits one ${o.paperLabel} page · ${parts.join(' · ')}` : `Does not fit one ${o.paperLabel} page even at the 7 pt floor · ${parts.join(' · ')}`;
    let title = '';
    if (result.dropped.length > 0) {
      const n = result.dropped.length;
      text += ` · ${n} question${n === 1 ? '' : 's'} left out to fit (still in the answer bank)`;
      // The full list goes in the tooltip, so the bar stays one line.
      title = `Left out to fit one page:\n${result.dropped
        .map((id) => `• ${document.querySelector(`[data-question="${CSS.escape(id)}"] .qt`)?.textContent?.trim() ?? id}`)
        .join('\n')}`;
    }
    status.textContent = text;
    if (title) status.title = title;
    status.setAttribute('data-state', !result.fits ? 'error' : result.dropped.length > 0 ? 'warning' : 'ok');
  }
}

/** The inline script: the two functions above, called with this page's settings. */
export function clientScript(cfg: ClientConfig): string {
  return `(${previewClient.toString()})(${scriptJson(cfg)}, ${fitSheet.toString()});`;
}

/** JSON that is safe inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * Styles for the toolbar and the marker. Pixel units, so the sheet's
 * `--scale` never reaches them; fixed position, so they take no room in
 * the sheet's layout; hidden in print.
 */
export const PREVIEW_CSS = `
html{padding-top:44px}
html.sb-fitting .sheet{visibility:hidden}
#sb-bar{position:fixed;z-index:1000;top:0;left:0;right:0;min-height:38px;display:flex;flex-wrap:wrap;align-items:center;gap:6px 16px;
  padding:6px 14px;background:#1f2328;color:#f0f0f0;font:13px/1.3 system-ui,-apple-system,'Segoe UI',sans-serif;box-shadow:0 1px 4px rgba(0,0,0,.35)}
#sb-bar *{box-sizing:border-box}
#sb-bar a{color:#cfe3ff;text-decoration:none}
#sb-bar a:hover{text-decoration:underline}
#sb-bar a[aria-current=page]{color:#fff;font-weight:600;border-bottom:2px solid #7fb3ff}
#sb-bar .sb-brand{font-weight:700;letter-spacing:.02em}
#sb-bar form{display:flex;gap:10px;margin:0;align-items:center}
#sb-bar label{display:flex;gap:5px;align-items:center;color:#c8c8c8}
#sb-bar select{font:inherit;color:#111;background:#fff;border:1px solid #888;border-radius:4px;padding:1px 4px;max-width:300px}
#sb-bar nav{display:flex;gap:12px}
#sb-status{flex:1 1 260px;min-width:0;color:#c8c8c8;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
#sb-status[title]{cursor:help}
#sb-status:empty{display:none}
#sb-live{margin-left:auto}
#sb-status[data-state=warning]{color:#ffd479}
#sb-status[data-state=error]{color:#ff9a9a}
#sb-bar details{position:relative}
#sb-bar summary{cursor:pointer;color:#ffd479}
#sb-bar details ol{position:absolute;right:0;top:24px;width:min(680px,90vw);max-height:60vh;overflow:auto;margin:0;padding:10px 10px 10px 30px;
  background:#fff;color:#111;border:1px solid #999;border-radius:4px;box-shadow:0 4px 14px rgba(0,0,0,.3);font:12px/1.4 ui-monospace,Menlo,Consolas,monospace}
#sb-bar details li{margin:0 0 4px}
#sb-live{font-size:15px;color:#888}
#sb-live[data-state=live]{color:#4cc26b}
#sb-live[data-state=offline]{color:#e0605e}
#sb-marker{position:absolute;z-index:999;height:0;border-top:2px dashed #d33;pointer-events:none}
#sb-marker[data-state=ok]{border-top-color:#2a7de1}
#sb-marker span{position:absolute;right:0;top:2px;padding:1px 6px;background:#d33;color:#fff;font:11px/1.4 system-ui,sans-serif;border-radius:0 0 3px 3px;white-space:nowrap}
#sb-marker[data-state=ok] span{background:#2a7de1}
@media print{#sb-preview{display:none!important}html{padding-top:0}}
`;
