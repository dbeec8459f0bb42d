import type { ReactNode } from 'react';
import type { Role } from '../api/types';
import { useCurrentUser } from '../auth/AuthProvider';
import { hasRole, roleLabels } from '../auth/roles';
import { EmptyState } from '../components/EmptyState';

/** Shows the page only to roles that may open it; a direct URL from anyone else gets a clear refusal. */
export function RoleGate({ minRole, children }: { minRole: Role; children: ReactNode }) {
  const user = useCurrentUser();
  if (hasRole(user.role, minRole)) return <>{children}</>;
  return <NoAccess />;
}

export function NoAccess() {
  const user = useCurrentUser();
  return (
    <EmptyState icon="lock" title="You don't have access to this page">
      You are signed in as {roleLabels[user.role].toLowerCase()}. Ask an administrator if you need this page.
    </EmptyState>
  );
}

export function NotFound() {
  return (
    <EmptyState icon="search" title="Page not found">
      There is no page at this address. Use the navigation on the left.
    </EmptyState>
  );
}
