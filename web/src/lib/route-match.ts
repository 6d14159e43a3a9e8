/** Path patterns such as `/jobs/:id`, matched segment by segment; `:name` captures one segment. */

/** The parameters a pattern captures, by name: `'/jobs/:id'` → `{ id: string }`. */
export type PathParams<Path extends string> = Path extends `${string}:${infer Name}/${infer Rest}`
  ? { [Key in Name | keyof PathParams<`/${Rest}`>]: string }
  : Path extends `${string}:${infer Name}`
    ? { [Key in Name]: string }
    : Record<never, string>;

export type RouteParams = Record<string, string>;

export interface Match<Route> {
  route: Route;
  params: RouteParams;
}

function segments(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/** A malformed escape (`%E0%A4`) is kept as typed rather than breaking the page. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The first route whose pattern fits `path` (a trailing slash is ignored), with what it captured. */
export function matchPath<Route extends { path: string }>(
  routes: readonly Route[],
  path: string,
): Match<Route> | null {
  const parts = segments(path);
  for (const route of routes) {
    const pattern = segments(route.path);
    if (pattern.length !== parts.length) continue;
    const params: RouteParams = {};
    const fits = pattern.every((part, index) => {
      const actual = parts[index] ?? '';
      if (!part.startsWith(':')) return part === actual;
      params[part.slice(1)] = decodeSegment(actual);
      return true;
    });
    if (fits) return { route, params };
  }
  return null;
}
