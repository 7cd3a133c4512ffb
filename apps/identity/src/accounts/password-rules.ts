import { DomainError } from '@ws/kernel';
import { identityError } from '../identity.errors';

export const PASSWORD_MIN_LENGTH = 10;
const CLASSES = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/];
/** Passwords guessed first (and their shapes with the year); any containing one is refused. */
const COMMON = ['password', 'passw0rd', '12345678', 'qwertyui', 'admin123', 'abc12345', 'iloveyou', 'woaini', 'zhonghua', 'gonghui'];

/**
 * 等保 2.0 (GB/T 22239) asks for complex passwords: at least 10 characters of three kinds
 * (lower case, upper case, digits, symbols), not the user name, not a common password.
 */
export function checkPassword(password: string, userName: string): DomainError | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) return identityError('password_too_short', `密码至少 ${PASSWORD_MIN_LENGTH} 位`, 'password');
  if (password.length > 128) return identityError('password_too_long', '密码最多 128 位', 'password');
  if (CLASSES.filter((pattern) => pattern.test(password)).length < 3) {
    return identityError('password_too_simple', '密码须包含大写字母、小写字母、数字、符号中的至少三种', 'password');
  }
  const lower = password.toLowerCase();
  if (userName.length >= 3 && lower.includes(userName.toLowerCase())) return identityError('password_contains_user_name', '密码不能包含用户名', 'password');
  if (COMMON.some((word) => lower.includes(word))) return identityError('password_too_common', '密码过于常见，请换一个', 'password');
  return undefined;
}
