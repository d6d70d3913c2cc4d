/**
 * The one-page fit, shared by the PDF (run through DevTools in a page whose
 * own scripts are off) and the preview (run in the user's browser). It is
 * shipped with Function.prototype.toString, so it must not use anything
 * from outside its own body.
 */

export interface FitConfig {
  /** Height the sheet must fit in, with the same safety margin as the PDF fitter. */
  maxHeight: number;
  /** Printable height of the page: where the marker goes. */
  pageHeight: number;
  minFontPx: number;
  /** The smallest text grows to this on a short sheet, and no further: big enough to read at arm's length. */
  maxFontPx: number;
  columnChoices: number[];
  /** Question ids, first to leave out first. */
  dropOrder: string[];
  paperLabel: string;
}

export interface FitResult {
  scale: number;
  columns: number;
  dropped: string[];
  smallestPt: number;
  fits: boolean;
  /** Sheet height in CSS px after fitting. */
  height: number;
}

/**
 * Layout first (columns), then scale: up, on a short sheet, until the page
 * is full or the text reaches its ceiling; down, on a long one, to the 7 pt
 * floor; then leave out the lowest-ranked entries. The floor comes from the smallest text actually
 * on the page, so custom templates are held to it too. The preview's own
 * elements (`[data-sb-preview]`) are never measured. Left-out entries are
 * hidden rather than removed, so the preview can say which ones they were
 * (hidden entries do not print).
 */
export function fitSheet(opts: FitConfig): FitResult {
  const root = document.documentElement;
  const sheet = document.querySelector('.sheet') ?? document.body;
  const set = (scale: number, columns: number) => {
    root.style.setProperty('--scale', String(scale));
    root.style.setProperty('--columns', String(columns));
    sheet.setAttribute('data-columns', String(columns));
  };
  const height = () => Math.max(sheet.getBoundingClientRect().height, sheet.scrollHeight);
  const fits = () => height() <= opts.maxHeight;

  set(1, opts.columnChoices[0] ?? 2);
  let smallest = Infinity;
  // No filter callback: with the page's scripts off (the PDF), a callback cannot run.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.textContent || !n.textContent.trim() || !n.parentElement) continue;
    if (n.parentElement.closest('[data-sb-preview]')) continue;
    const px = parseFloat(getComputedStyle(n.parentElement).fontSize);
    if (px > 0 && px < smallest) smallest = px;
  }
  if (!Number.isFinite(smallest)) smallest = opts.minFontPx;
  const floor = Math.min(1, opts.minFontPx / smallest);

  const top = Math.max(1, Math.floor((opts.maxFontPx / smallest) * 1000) / 1000);

  // Each probe is a full layout of the sheet; keep them few. `atLeast`
  // skips a search that could not beat the layout already found. Scale 1
  // is probed before the ceiling: most sheets are full at or below it.
  const bestScale = (columns: number, atLeast = floor): number | undefined => {
    // With a layout already found (atLeast above the floor), the one probe
    // that can rule this one out comes first; else the one that can end the search.
    let hLo = Infinity;
    if (atLeast > floor) {
      set(atLeast, columns);
      hLo = height();
      if (hLo > opts.maxHeight) return undefined;
    }
    const start = Math.max(1, atLeast);
    if (start > atLeast || hLo === Infinity) {
      set(start, columns);
      const h = height();
      if (h > opts.maxHeight) {
        if (hLo <= opts.maxHeight) return search(columns, atLeast, hLo, start, h);
        return aimBelow(columns, atLeast, start, h);
      }
      hLo = h;
    }
    if (start >= top) return start;
    set(top, columns);
    const hTop = height();
    if (hTop <= opts.maxHeight) return top;
    return search(columns, start, hLo, top, hTop);
  };

  // `hi` is too tall and nothing below it is measured yet. Height grows
  // about with the square of the scale, so aim just below where that says
  // the page is full; a guess still too tall tells how fast this sheet
  // really grows (the exponent through the two measured points), and the
  // next aim uses that. Usually a guess fits and one step more does not:
  // the answer took two to four layouts. Else the search takes over.
  function aimBelow(columns: number, atLeast: number, hi: number, hHi: number): number | undefined {
    const step = 0.005;
    const settled = (scale: number) => Math.floor(scale * 1000) / 1000;
    let exponent = 2;
    for (let aim = 0; aim < 3; aim++) {
      const guess = Math.max(atLeast, Math.min(hi - step, hi * Math.pow(opts.maxHeight / hHi, 1 / exponent) - step / 2));
      set(guess, columns);
      const hGuess = height();
      if (hGuess <= opts.maxHeight) {
        if (guess + step >= hi) return settled(guess);
        set(guess + step, columns);
        const hAbove = height();
        if (hAbove > opts.maxHeight) return settled(guess);
        return search(columns, guess + step, hAbove, hi, hHi);
      }
      if (guess <= atLeast) return undefined;
      if (hHi > hGuess) exponent = Math.min(3, Math.max(1, Math.log(hHi / hGuess) / Math.log(hi / guess)));
      hi = guess;
      hHi = hGuess;
    }
    set(atLeast, columns);
    const hLo = height();
    if (hLo > opts.maxHeight) return undefined;
    return search(columns, atLeast, hLo, hi, hHi);
  }

  // lo fits, hi does not. Find the boundary to within 0.5 % (no reader can
  // see less). Text height grows about with the square of the scale
  // (larger lines, more of them), so aim where the square root of the
  // height says the boundary is, then probe one step past the guess to
  // close the bracket from the other side: usually two or three rounds,
  // against seven for plain halving. Line breaks make height jump, so
  // every guess is checked and kept inside the bracket.
  function search(columns: number, lo: number, hLo: number, hi: number, hHi: number): number {
    const step = 0.005;
    for (let round = 0; round < 8 && hi - lo > step; round++) {
      const target = Math.sqrt(opts.maxHeight);
      const guess =
        round < 4 && hHi > hLo
          ? lo + ((hi - lo) * (target - Math.sqrt(hLo))) / (Math.sqrt(hHi) - Math.sqrt(hLo))
          : (lo + hi) / 2;
      const mid = Math.min(hi - step / 2, Math.max(lo + step / 2, guess));
      set(mid, columns);
      const h = height();
      if (h <= opts.maxHeight) {
        lo = mid;
        hLo = h;
        if (mid + step >= hi) break;
        set(mid + step, columns);
        const above = height();
        if (above > opts.maxHeight) {
          hi = mid + step;
          hHi = above;
        } else {
          lo = mid + step;
          hLo = above;
        }
      } else {
        hi = mid;
        hHi = h;
        if (mid - step <= lo) break;
        set(mid - step, columns);
        const below = height();
        if (below <= opts.maxHeight) {
          lo = mid - step;
          hLo = below;
        } else {
          hi = mid - step;
          hHi = below;
        }
      }
    }
    return Math.floor(lo * 1000) / 1000;
  }
  const bestLayout = (): { scale: number; columns: number } | undefined => {
    let best: { scale: number; columns: number } | undefined;
    for (const columns of opts.columnChoices) {
      // Fewer columns win unless more columns give clearly larger text.
      if (best && best.scale + 0.02 >= top) break;
      const scale = bestScale(columns, best ? best.scale + 0.02 : floor);
      if (scale !== undefined && (!best || scale > best.scale + 0.02)) best = { scale, columns };
      if (scale !== undefined && scale >= top) break;
    }
    return best;
  };

  const dropped: string[] = [];
  const most = opts.columnChoices[opts.columnChoices.length - 1] ?? 3;
  let layout = bestLayout();
  for (const id of opts.dropOrder) {
    if (layout) break;
    const entry = document.querySelector<HTMLElement>(`[data-question="${CSS.escape(id)}"]`);
    if (!entry) continue;
    entry.hidden = true;
    entry.style.display = 'none';
    dropped.push(id);
    set(floor, most);
    if (fits()) layout = bestLayout();
  }
  const final = layout ?? { scale: floor, columns: most };
  set(final.scale, final.columns);
  const finalHeight = height();
  return { ...final, dropped, smallestPt: (smallest * final.scale * 72) / 96, fits: finalHeight <= opts.maxHeight, height: finalHeight };
}

