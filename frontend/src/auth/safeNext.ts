/**
 * Where to go after signing in. Only same-app paths are accepted, so a crafted link such as
 * `/login?next=https://evil.example` or `//evil.example` cannot send the user to another site.
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next.startsWith('/login')) return '/';
  return next;
}
