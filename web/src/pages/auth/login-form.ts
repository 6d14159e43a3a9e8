/** The log-in form's state, its API body and what it refuses. */
import type { Problems } from '../../lib/forms/problems.ts';
import type { LoginInput } from '../../lib/types.ts';

export interface LoginFormState {
  email: string;
  password: string;
}

export type LoginField = 'email' | 'password';

export function loginForm(): LoginFormState {
  return { email: '', password: '' };
}

/** The body of `POST /api/auth/login`; a pasted address often carries a space. */
export function loginBody(form: LoginFormState): LoginInput {
  return { email: form.email.trim(), password: form.password };
}

/** Empty when the form may be sent. */
export function loginProblems(form: LoginFormState): Problems<LoginField> {
  const problems: Problems<LoginField> = {};
  if (!form.email.trim()) problems.email = 'Enter the email you signed up with.';
  if (!form.password) problems.password = 'Enter your password.';
  return problems;
}
