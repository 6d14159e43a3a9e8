/** The token an emailed link carries (`?token=…`), or null when the link has lost it. */
export function tokenInLink(query: URLSearchParams): string | null {
  const token = query.get('token')?.trim();
  return token ? token : null;
}
