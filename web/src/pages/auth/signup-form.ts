/** The sign-up form's state, its API body, what it refuses, and the welcome that follows. */
import type { Problems } from '../../lib/forms/problems.ts';
import type { SignupInput } from '../../lib/types.ts';

export type SignupRole = SignupInput['role'];

export interface SignupFormState {
  role: SignupRole;
  name: string;
  email: string;
  password: string;
  /** Asked of recruiters only. */
  company: string;
}

export type SignupField = 'name' | 'company' | 'password';

/** The server's bounds (server/schemas/auth.ts). */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_NAME_LENGTH = 100;
export const MAX_COMPANY_LENGTH = 120;

/** An empty form; `?role=recruiter` in the address (the "post a job" links) picks hiring. */
export function signupForm(roleInAddress: string | null): SignupFormState {
  return {
    role: roleInAddress === 'recruiter' ? 'recruiter' : 'candidate',
    name: '',
    email: '',
    password: '',
    company: '',
  };
}

/** The body of `POST /api/auth/signup`; a candidate sends no company. */
export function signupBody(form: SignupFormState): SignupInput {
  return {
    role: form.role,
    name: form.name.trim(),
    email: form.email.trim(),
    password: form.password,
    ...(form.role === 'recruiter' ? { company: form.company.trim() } : {}),
  };
}

/** What the browser's own checks let through (a name of spaces, say); empty when it may be sent. */
export function signupProblems(form: SignupFormState): Problems<SignupField> {
  const problems: Problems<SignupField> = {};
  if (!form.name.trim()) problems.name = 'Enter your name.';
  if (form.role === 'recruiter' && !form.company.trim()) problems.company = 'Enter the company you hire for.';
  if (form.password.length < MIN_PASSWORD_LENGTH) {
    problems.password = `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  }
  return problems;
}

/** A new candidate is pointed at the one thing that makes the board useful to them. */
export function welcomeFor(role: SignupRole): string {
  return role === 'candidate' ? 'Account created. Add your skills to see how you match.' : 'Account created.';
}

/** The path of a confirmation link (shown on the page when there is no mail server). */
export function confirmPath(confirmUrl: string): string {
  const url = new URL(confirmUrl, 'http://backboard.invalid');
  return `${url.pathname}${url.search}`;
}
