import type { Page } from 'playwright-core';

export interface FillTiming {
  /** ms from the navigation's start to the frame where the rows hold data. */
  filled: number;
  /** What the page loaded, with when each began and ended (ms since the navigation's start). */
  steps: Array<{ name: string; start: number; end: number }>;
}

/** Opens `url` and waits for `rows` grid rows filled with data (not placeholders). */
export async function timeToFilledRows(page: Page, url: string, rows: number): Promise<FillTiming> {
  await page.goto(url, { waitUntil: 'commit' });
  const filled = (await (
    await page.waitForFunction(
      `(() => {
        let full = 0;
        for (const cell of document.querySelectorAll('[role=grid] [role=row] [data-column=label]')) if (cell.textContent) full++;
        return full >= ${rows} ? performance.now() : false;
      })()`,
      undefined,
      { polling: 'raf', timeout: 30_000 },
    )
  ).jsonValue()) as number;
  const steps = (await page.evaluate(`performance.getEntriesByType('resource').map((entry) => ({
    name: new URL(entry.name).pathname.replace(/^.*\\/(api|assets)\\//, '$1/'),
    start: entry.startTime,
    end: entry.responseEnd,
  }))`)) as FillTiming['steps'];
  return { filled, steps };
}

/** The page's API calls in order, e.g. `auth/refresh 54-85`: where the time before the rows goes. */
export function waterfall(steps: FillTiming['steps']): string {
  return steps
    .filter((step) => step.name.startsWith('api/'))
    .map(
      (step) =>
        `${step.name.replace(/^api\/(tenants\/[^/]+\/tables\/[^/]+\/)?/, '')} ${Math.round(step.start)}-${Math.round(step.end)}`,
    )
    .join(', ');
}

export interface ScrollThroughResult {
  maxDomRows: number;
  lastRowIndex: number;
  seconds: number;
}

/**
 * Scrolls the grid a whole screen per frame from top to bottom, through every row; at the end of
 * what is read it waits for the next page. Counts the rows in the DOM after every frame and on
 * every change (a MutationObserver).
 */
export async function scrollThrough(page: Page, timeoutMs: number): Promise<ScrollThroughResult> {
  return (await page.evaluate(`(async () => {
    const scroller = document.querySelector('.grid-scroll');
    const rows = () => scroller.querySelectorAll('[role=row]').length;
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    const ended = () => document.getElementById('grid-status').textContent.includes('End of the list reached');
    let maxDomRows = rows();
    const observer = new MutationObserver(() => { maxDomRows = Math.max(maxDomRows, rows()); });
    observer.observe(scroller, { childList: true, subtree: true });
    const started = performance.now();
    while (performance.now() - started < ${timeoutMs}) {
      scroller.scrollTop += scroller.clientHeight;
      await frame();
      maxDomRows = Math.max(maxDomRows, rows());
      const atBottom = scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2;
      if (atBottom && ended() && !scroller.querySelector('.placeholder')) break;
    }
    const seconds = (performance.now() - started) / 1000;
    // The grid renders the last scroll position a frame or two later.
    for (let i = 0; i < 10; i++) await frame();
    observer.disconnect();
    const indexes = [...scroller.querySelectorAll('[role=row][aria-rowindex]')].map((r) => Number(r.getAttribute('aria-rowindex')));
    return { maxDomRows: Math.max(maxDomRows, rows()), lastRowIndex: Math.max(...indexes), seconds };
  })()`)) as ScrollThroughResult;
}

export interface Smoothness {
  frames: number;
  p50: number;
  p95: number;
  longest: number;
  /** Frames that took more than 50 ms (a visible stutter). */
  slow: number;
  rowsTravelled: number;
}

/**
 * Scrolls `pixelsPerFrame` every frame for `frames` frames from the top, as a fast wheel or
 * trackpad fling would, and times every frame.
 */
export async function scrollSmoothness(page: Page, pixelsPerFrame: number, frames: number): Promise<Smoothness> {
  return (await page.evaluate(`(async () => {
    const scroller = document.querySelector('.grid-scroll');
    scroller.scrollTop = 0;
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const gaps = [];
    let last = performance.now();
    for (let i = 0; i < ${frames}; i++) {
      scroller.scrollTop += ${pixelsPerFrame};
      const now = await new Promise((resolve) => requestAnimationFrame(resolve));
      gaps.push(now - last);
      last = now;
    }
    gaps.sort((a, b) => a - b);
    const at = (q) => gaps[Math.min(gaps.length - 1, Math.floor(q * gaps.length))];
    return {
      frames: gaps.length, p50: at(0.5), p95: at(0.95), longest: gaps[gaps.length - 1],
      slow: gaps.filter((gap) => gap > 50).length,
      rowsTravelled: Math.round(scroller.scrollTop / 36),
    };
  })()`)) as Smoothness;
}
