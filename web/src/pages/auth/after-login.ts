import type { Role } from '../../lib/types.ts';

/** Where to land after logging in: the page that asked for it, else the role's home. */
export function landingFor(role: Role, next: string | null): string {
  if (next && next.startsWith('/') && !next.startsWith('//')) return next;
  if (role === 'recruiter') return '/recruiter';
  if (role === 'admin') return '/admin';
  return '/profile';
}
