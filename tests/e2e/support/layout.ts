/// <reference lib="dom" />
// Functions passed to page.evaluate run in the browser, so this file sees DOM types.
import type { Locator, Page } from 'playwright-core';

/** Whether a click at the middle of the element reaches it: nothing, such as a message, lies over it. */
export async function uncovered(page: Page, target: Locator): Promise<boolean> {
  const box = await target.boundingBox();
  const handle = await target.elementHandle();
  if (!box || !handle) return false;
  return page.evaluate(
    ({ x, y, element }) => {
      const hit = document.elementFromPoint(x, y);
      return hit !== null && element.contains(hit);
    },
    { x: box.x + box.width / 2, y: box.y + box.height / 2, element: handle },
  );
}

/** Whether the element has focus. */
export async function isFocused(target: Locator): Promise<boolean> {
  return target.evaluate((element) => element === document.activeElement);
}

/** The links, buttons and fields that lie (partly) under the element, by their text: what it blocks. */
export async function controlsUnder(page: Page, cover: Locator): Promise<string[]> {
  const handle = await cover.elementHandle();
  if (!handle) return [];
  return page.evaluate((element) => {
    const over = element.getBoundingClientRect();
    const selector = 'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';
    return Array.from(document.querySelectorAll<HTMLElement>(selector))
      .filter((control) => !element.contains(control))
      .filter((control) => {
        const box = control.getBoundingClientRect();
        return (
          box.width > 0 &&
          box.height > 0 &&
          box.left < over.right &&
          over.left < box.right &&
          box.top < over.bottom &&
          over.top < box.bottom
        );
      })
      .map((control) => control.textContent?.replace(/\s+/g, ' ').trim() || control.tagName);
  }, handle);
}
