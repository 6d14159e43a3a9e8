import type { StartUpSummary } from '../compose.ts';

export interface AccountsBoxInput {
  /** Where the board answers, as a person would type it. */
  url: string;
  summary: StartUpSummary;
  /** The configured admin account's email, when ADMIN_EMAIL is set. */
  adminEmail: string | undefined;
}

/** The lines the end of start-up shows a person: where to go and whom to log in as. */
export function accountsLines({ url, summary, adminEmail }: AccountsBoxInput): string[] {
  const lines = [`Backboard is running at ${url}`, ''];
  if (summary.demo) {
    lines.push(
      `Demo candidate   ${summary.demo.candidate}`,
      `Demo recruiter   ${summary.demo.recruiter}`,
      `Password (both)  ${summary.demo.password}`,
    );
  } else {
    lines.push('No demo board (SEED_DEMO=false or the store already has other data).');
  }
  lines.push(
    adminEmail
      ? `Admin            ${adminEmail} (password: ADMIN_PASSWORD)`
      : 'Admin            none yet: set ADMIN_EMAIL and ADMIN_PASSWORD in .env, then restart',
  );
  if (summary.demo) {
    lines.push('', 'Search and match scores fill in over the next minutes as the workers catch up.');
  }
  return lines;
}

/** The same lines framed in a box, for a terminal. */
export function accountsBox(input: AccountsBoxInput): string {
  const lines = accountsLines(input);
  const width = Math.max(...lines.map((line) => line.length));
  const rule = '─'.repeat(width + 2);
  return [`┌${rule}┐`, ...lines.map((line) => `│ ${line.padEnd(width)} │`), `└${rule}┘`, ''].join('\n');
}

/** A listening address as a person would open it: the wildcard hosts become localhost. */
export function browsableUrl(address: string): string {
  return address.replace(/^(https?:\/\/)(0\.0\.0\.0|\[::\])(?=[:/]|$)/, '$1localhost');
}
