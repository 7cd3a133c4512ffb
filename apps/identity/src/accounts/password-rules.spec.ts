import { checkPassword } from './password-rules';

describe('password rules', () => {
  it.each([
    ['Ab1!', 'password_too_short'],
    ['abcdefghijk1', 'password_too_simple'],
    ['Kc-district-2026', 'password_contains_user_name'],
    ['MyPassword2026!', 'password_too_common'],
  ])('refuses %s (%s) at the password field', (password, code) => {
    const error = checkPassword(password, 'district');
    expect(error?.code).toBe(code);
    expect(error?.field).toBe('password');
  });

  it('accepts three kinds of characters, ten or more', () => {
    expect(checkPassword('Yizhan-2026', 'kc_district')).toBeUndefined();
    expect(checkPassword('yizhan#2026', 'kc_district')).toBeUndefined();
  });
});
