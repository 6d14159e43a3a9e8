import { describe, expect, it } from 'vitest';
import { loginBody, loginForm, loginProblems } from '../../web/src/pages/auth/login-form.ts';
import { signupBody, signupForm, signupProblems, welcomeFor } from '../../web/src/pages/auth/signup-form.ts';

describe('the sign-up form model', () => {
  const filled = (role: 'candidate' | 'recruiter') => ({
    ...signupForm(role),
    name: ' Rita Recruiter ',
    email: ' rita@example.com ',
    password: ' a long password ',
    company: ' Acme Payments ',
  });

  it('picks hiring only when the address asks for it', () => {
    expect(signupForm('recruiter').role).toBe('recruiter');
    expect(signupForm(null).role).toBe('candidate');
    expect(signupForm('admin').role).toBe('candidate');
  });

  it('trims what was typed but the password, and sends a company for recruiters only', () => {
    expect(signupBody(filled('recruiter'))).toEqual({
      role: 'recruiter',
      name: 'Rita Recruiter',
      email: 'rita@example.com',
      password: ' a long password ',
      company: 'Acme Payments',
    });
    expect(signupBody(filled('candidate'))).not.toHaveProperty('company');
  });

  it('refuses a blank name, a recruiter without a company and a short password', () => {
    expect(signupProblems(filled('recruiter'))).toEqual({});
    const form = { ...filled('recruiter'), name: '   ', company: ' ', password: 'short' };
    expect(signupProblems(form)).toEqual({
      name: 'Enter your name.',
      company: 'Enter the company you hire for.',
      password: 'Use at least 10 characters.',
    });
    expect(signupProblems({ ...form, role: 'candidate' })).not.toHaveProperty('company');
  });

  it('points a new candidate at their skills', () => {
    expect(welcomeFor('candidate')).toBe('Account created. Add your skills to see how you match.');
    expect(welcomeFor('recruiter')).toBe('Account created.');
  });
});

describe('the log-in form model', () => {
  it('trims the email but not the password', () => {
    expect(loginBody({ email: ' ada@example.com ', password: ' secret ' })).toEqual({
      email: 'ada@example.com',
      password: ' secret ',
    });
  });

  it('asks for both fields', () => {
    expect(loginProblems(loginForm())).toEqual({
      email: 'Enter the email you signed up with.',
      password: 'Enter your password.',
    });
    expect(loginProblems({ email: 'ada@example.com', password: 'x' })).toEqual({});
  });
});
