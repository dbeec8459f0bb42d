import type { Role } from '../api/types';

// Roles are strictly ordered: an admin can do everything a supervisor can, a supervisor everything an agent can.
const rank: Record<Role, number> = { agent: 1, supervisor: 2, admin: 3 };

export function hasRole(role: Role | undefined | null, minimum: Role): boolean {
  if (!role || !(role in rank)) return false;
  return rank[role] >= rank[minimum];
}

export const roleLabels: Record<Role, string> = {
  admin: 'Administrator',
  supervisor: 'Supervisor',
  agent: 'Agent',
};

export const roleDescriptions: Record<Role, string> = {
  admin: 'Everything, including users and company settings',
  supervisor: 'Operations: live calls, queues, call logs, campaigns',
  agent: 'Their own phone, voicemail and password',
};
