import { passwordProblem } from '../../src/modules/tenancy/password-policy';

describe('passwordProblem', () => {
  it('accepts 12 characters or more that are not a common password', () => {
    expect(passwordProblem('shortstop-demo')).toBeNull(); // the demo data's password
    expect(passwordProblem('correct horse battery')).toBeNull(); // the tests' password
    expect(passwordProblem('abcdefghijk!')).toBeNull();
    expect(passwordProblem('ünïcödé pässwörd')).toBeNull();
  });

  it('counts characters, not UTF-16 units', () => {
    expect(passwordProblem('🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒')).toMatch(/at least 12/); // 11 characters, 22 units
    expect(passwordProblem('🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒')).toBeNull();
  });

  it('refuses short, overlong, blank and common passwords, each with its reason', () => {
    expect(passwordProblem('')).toMatch(/at least 12 characters/);
    expect(passwordProblem('elevenchars')).toMatch(/at least 12 characters/);
    expect(passwordProblem('x'.repeat(201))).toMatch(/at most 200 characters/);
    expect(passwordProblem(' '.repeat(12))).toMatch(/not be only spaces/);
    expect(passwordProblem('\t\n \u00a0'.repeat(4))).toMatch(/not be only spaces/);
    for (const common of ['password1234', 'Password1234', 'PASSWORD 1234', 'qwerty123456', '1qaz2wsx3edc', 'correct horse battery staple']) {
      expect({ common, problem: passwordProblem(common) }).toEqual({ common, problem: expect.stringMatching(/most common/) });
    }
  });
});
