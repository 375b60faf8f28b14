import type { Page } from 'playwright-core';

/** Rows filled with data in the grid (not placeholders) at least `rows`: answers ms since navigation start. */
export async function timeToFilledRows(
  page: Page,
  url: string,
  rows: number,
): Promise<{ filled: number; firstPage: number }> {
  await page.goto(url, { waitUntil: 'commit' });
  const filled = (await (
    await page.waitForFunction(
      `(() => {
        const cells = document.querySelectorAll('[role=grid] [role=row] [data-column=label]');
        let full = 0;
        for (const cell of cells) if (cell.textContent) full++;
        return full >= ${rows} ? performance.now() : false;
      })()`,
      undefined,
      { polling: 'raf', timeout: 30_000 },
    )
  ).jsonValue()) as number;
  const firstPage = (await page.evaluate(`Math.max(...performance.getEntriesByType('resource')
    .filter((entry) => entry.name.includes('/records?') && entry.name.includes('cursor=&'))
    .map((entry) => entry.responseEnd))`)) as number;
  return { filled, firstPage };
}

export interface ScrollResult {
  maxDomRows: number;
  lastRowIndex: number;
  seconds: number;
  frames: number;
  slowFrames: number;
  longestFrame: number;
  heapMb: number | null;
}

/**
 * Scrolls the grid a screen per frame from top to bottom, waiting at the end of what is read
 * until the next page arrives, through the whole table. Counts the rows in the DOM after every
 * frame and on every change (a MutationObserver), and the frames slower than 50 ms.
 */
export async function scrollThrough(page: Page, timeoutMs: number): Promise<ScrollResult> {
  return (await page.evaluate(`(async () => {
    const scroller = document.querySelector('.grid-scroll');
    const rows = () => scroller.querySelectorAll('[role=row]').length;
    const ended = () => document.getElementById('grid-status').textContent.includes('End of the list reached');
    let maxDomRows = rows();
    const observer = new MutationObserver(() => { maxDomRows = Math.max(maxDomRows, rows()); });
    observer.observe(scroller, { childList: true, subtree: true });
    const started = performance.now();
    let last = started, frames = 0, slowFrames = 0, longestFrame = 0;
    const frame = () => new Promise((resolve) => requestAnimationFrame((now) => {
      const gap = now - last; last = now; frames++;
      if (gap > 50) slowFrames++;
      longestFrame = Math.max(longestFrame, gap);
      resolve();
    }));
    while (performance.now() - started < ${timeoutMs}) {
      scroller.scrollTop += scroller.clientHeight;
      await frame();
      maxDomRows = Math.max(maxDomRows, rows());
      const atBottom = scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2;
      if (atBottom && ended() && !scroller.querySelector('.placeholder')) break;
    }
    observer.disconnect();
    const indexes = [...scroller.querySelectorAll('[role=row][aria-rowindex]')].map((r) => Number(r.getAttribute('aria-rowindex')));
    return {
      maxDomRows,
      lastRowIndex: Math.max(...indexes),
      seconds: (performance.now() - started) / 1000,
      frames, slowFrames, longestFrame,
      heapMb: performance.memory ? performance.memory.usedJSHeapSize / 1048576 : null,
    };
  })()`)) as ScrollResult;
}
