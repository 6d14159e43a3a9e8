import { matchPath } from '../../../web/src/lib/route-match.ts';

/**
 * Which pages of the web's route table a suite has not opened: a suite that must cover "every page"
 * records each address it opens, and a page added to web/src/routes.ts without a place in the suite
 * fails it. `routes` is the table (imported by the suite, which mocks the one page bundled into it).
 */
export function pagesCovered(routes: readonly { path: string }[]) {
  const opened: string[] = [];
  return {
    opened(address: string): void {
      opened.push(new URL(address, 'http://x').pathname);
    },
    missing(): string[] {
      const reached = new Set(opened.map((path) => matchPath(routes, path)?.route.path));
      return routes.map((route) => route.path).filter((path) => !reached.has(path));
    },
  };
}
