/**
 * A minimal History API router: the current address as reactive state. Which page an address shows is
 * the route table's business (routes.ts).
 */

class Router {
  path = $state(window.location.pathname);
  search = $state(window.location.search);
  query = $derived(new URLSearchParams(this.search));
  /** Bumped on every navigation that changes the page, so the layout can move focus. */
  visit = $state(0);

  /** Asked before the page changes; a message means leaving loses something, and the user is asked. */
  #leaveGuards = new Set<() => string | null>();

  constructor() {
    window.addEventListener('popstate', () => {
      if (window.location.pathname !== this.path && !this.#mayLeave()) {
        // Back or forward was pressed: put the address back where the user chose to stay.
        window.history.pushState(null, '', this.path + this.search);
        return;
      }
      this.#sync(true);
    });
  }

  /** Registers a guard for as long as a page is shown; the returned function removes it. */
  guardLeaving(guard: () => string | null): () => void {
    this.#leaveGuards.add(guard);
    return () => this.#leaveGuards.delete(guard);
  }

  #mayLeave(): boolean {
    for (const guard of this.#leaveGuards) {
      const message = guard();
      if (message && !window.confirm(message)) return false;
    }
    return true;
  }

  #sync(newVisit: boolean): void {
    const pathChanged = this.path !== window.location.pathname;
    this.path = window.location.pathname;
    this.search = window.location.search;
    if (newVisit && pathChanged) this.visit++;
  }

  /** Goes to `href`; `replace` rewrites the current entry (used while typing a search). */
  navigate(href: string, options: { replace?: boolean } = {}): void {
    const url = new URL(href, window.location.href);
    const target = url.pathname + url.search + url.hash;
    if (target === window.location.pathname + window.location.search + window.location.hash) return;
    const pathChanged = url.pathname !== window.location.pathname;
    if (pathChanged && !this.#mayLeave()) return;
    if (options.replace) window.history.replaceState(null, '', target);
    else window.history.pushState(null, '', target);
    this.#sync(false);
    if (pathChanged) {
      this.visit++;
      window.scrollTo(0, 0);
    }
  }

  /** Replaces some query parameters of the current page, keeping the rest. */
  setQuery(changes: Record<string, string | null>, options: { replace?: boolean } = {}): void {
    const kept = [...new URLSearchParams(window.location.search)].filter(([key]) => !(key in changes));
    const added = Object.entries(changes).filter((entry): entry is [string, string] => Boolean(entry[1]));
    const text = new URLSearchParams([...kept, ...added]).toString();
    this.navigate(window.location.pathname + (text ? `?${text}` : ''), options);
  }
}

export const router = new Router();

/** Clicks on same-origin links become History API navigations, unless the browser should handle them. */
export function interceptLinkClicks(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const anchor = (event.target as Element | null)?.closest?.('a');
  if (!anchor || !anchor.href || anchor.target || anchor.hasAttribute('download')) return;
  if (anchor.origin !== window.location.origin) return;
  if (/^\/(api|docs|health)(\/|$)/.test(anchor.pathname)) return;
  // A link within this page (the skip link) is the browser's or its own handler's to follow.
  const samePage = anchor.pathname === window.location.pathname && anchor.search === window.location.search;
  if (samePage && anchor.hash) return;
  event.preventDefault();
  router.navigate(anchor.pathname + anchor.search + anchor.hash);
}
