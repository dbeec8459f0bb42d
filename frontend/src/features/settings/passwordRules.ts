// Checks the browser can make before asking the server; the server applies the same rules and has the last word.
export const MIN_PASSWORD_LENGTH = 12;

export function validateNewPassword(newPassword: string, confirmation: string): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  if (newPassword.length < MIN_PASSWORD_LENGTH) {
    errors.newPassword = [`Use at least ${MIN_PASSWORD_LENGTH} characters.`];
  }
  if (confirmation !== newPassword) {
    errors.confirmPassword = ['The two passwords do not match.'];
  }
  return errors;
}
