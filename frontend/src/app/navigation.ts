// The single registry of the app's areas. The sidebar, the routes and the role guard are all derived from it:
// to add a page, add (or replace) one entry here — see docs/frontend.md ("How to add a page").
import { lazy, type ComponentType } from 'react';
import type { Role } from '../api/types';
import { hasRole } from '../auth/roles';
import type { IconName } from '../components/Icon';
import { plannedArea } from '../features/placeholder/PlannedArea';

export type NavSection = 'Overview' | 'Telephony' | 'Automation' | 'Activity' | 'Administration';

export interface NavEntry {
  /** Absolute path; an entry's page also owns everything below it (`/users/...`). */
  path: string;
  label: string;
  icon: IconName;
  /** The lowest role that may open the page; higher roles may too. */
  minRole: Role;
  section: NavSection;
  component: ComponentType;
}

export const sections: readonly NavSection[] = ['Overview', 'Telephony', 'Automation', 'Activity', 'Administration'];

export const navigation: readonly NavEntry[] = [
  {
    path: '/',
    label: 'Dashboard',
    icon: 'dashboard',
    minRole: 'agent',
    section: 'Overview',
    component: lazy(() => import('../features/dashboard/DashboardPage')),
  },
  {
    path: '/extensions',
    label: 'Extensions',
    icon: 'phone',
    minRole: 'admin',
    section: 'Telephony',
    component: lazy(() => import('../features/pbx/extensions/ExtensionsPage')),
  },
  {
    path: '/trunks',
    label: 'Trunks',
    icon: 'trunk',
    minRole: 'admin',
    section: 'Telephony',
    component: lazy(() => import('../features/pbx/trunks/TrunksPage')),
  },
  {
    path: '/routes/inbound',
    label: 'Inbound Routes',
    icon: 'inbound',
    minRole: 'admin',
    section: 'Telephony',
    component: lazy(() => import('../features/pbx/routes/InboundRoutesPage')),
  },
  {
    path: '/routes/outbound',
    label: 'Outbound Routes',
    icon: 'outbound',
    minRole: 'admin',
    section: 'Telephony',
    component: lazy(() => import('../features/pbx/routes/OutboundRoutesPage')),
  },
  {
    path: '/queues',
    label: 'Queues',
    icon: 'queue',
    minRole: 'supervisor',
    section: 'Telephony',
    component: lazy(() => import('../features/pbx/queues/QueuesPage')),
  },
  {
    path: '/ring-groups',
    label: 'Ring Groups',
    icon: 'ringGroup',
    minRole: 'admin',
    section: 'Telephony',
    component: lazy(() => import('../features/pbx/ringGroups/RingGroupsPage')),
  },
  {
    path: '/time-conditions',
    label: 'Time Conditions',
    icon: 'clock',
    minRole: 'admin',
    section: 'Telephony',
    component: lazy(() => import('../features/pbx/timeConditions/TimeConditionsPage')),
  },
  {
    path: '/conferences',
    label: 'Conferences',
    icon: 'users',
    minRole: 'admin',
    section: 'Telephony',
    component: lazy(() => import('../features/pbx/conferences/ConferencesPage')),
  },
  {
    path: '/music-on-hold',
    label: 'Music on Hold',
    icon: 'mic',
    minRole: 'admin',
    section: 'Telephony',
    component: lazy(() => import('../features/pbx/musicOnHold/MusicOnHoldPage')),
  },
  {
    path: '/feature-codes',
    label: 'Feature Codes',
    icon: 'key',
    minRole: 'admin',
    section: 'Telephony',
    component: lazy(() => import('../features/pbx/featureCodes/FeatureCodesPage')),
  },
  {
    path: '/asterisk',
    label: 'Asterisk',
    icon: 'activity',
    minRole: 'admin',
    section: 'Telephony',
    component: lazy(() => import('../features/pbx/asterisk/AsteriskPage')),
  },
  {
    path: '/ivrs',
    label: 'IVRs',
    icon: 'ivr',
    minRole: 'admin',
    section: 'Automation',
    component: lazy(() => import('../features/ivr/IvrArea')),
  },
  {
    path: '/ai-agents',
    label: 'AI Agents',
    icon: 'bot',
    minRole: 'admin',
    section: 'Automation',
    component: lazy(() => import('../features/agents/AgentsArea')),
  },
  {
    path: '/campaigns',
    label: 'Campaigns',
    icon: 'megaphone',
    minRole: 'supervisor',
    section: 'Automation',
    component: lazy(() => import('../features/campaigns/CampaignsArea')),
  },
  {
    path: '/live-calls',
    label: 'Live Calls',
    icon: 'activity',
    minRole: 'supervisor',
    section: 'Activity',
    component: lazy(() => import('../features/dashboard/live/LiveCallsPage')),
  },
  {
    path: '/monitor',
    label: 'Call Monitoring',
    icon: 'mic',
    minRole: 'supervisor',
    section: 'Activity',
    component: lazy(() => import('../features/phone/MonitorPage')),
  },
  {
    path: '/call-logs',
    label: 'Call Logs',
    icon: 'list',
    // Agents too: the API shows them the calls of their own extensions only.
    minRole: 'agent',
    section: 'Activity',
    component: lazy(() => import('../features/calls/CallLogsPage')),
  },
  {
    path: '/recordings',
    label: 'Recordings',
    icon: 'mic',
    minRole: 'supervisor',
    section: 'Activity',
    component: plannedArea('Recordings', ['Recorded calls and voicemails to play back, with their transcripts']),
  },
  {
    path: '/users',
    label: 'Users',
    icon: 'users',
    minRole: 'admin',
    section: 'Administration',
    component: lazy(() => import('../features/users/UsersPage')),
  },
  {
    path: '/security/sip',
    label: 'SIP Security',
    icon: 'shield',
    minRole: 'admin',
    section: 'Administration',
    component: lazy(() => import('../features/security/SipSecurityPage')),
  },
  {
    path: '/settings',
    label: 'Settings',
    icon: 'settings',
    minRole: 'agent',
    section: 'Administration',
    component: lazy(() => import('../features/settings/SettingsPage')),
  },
];

/** The entries a role may see, in registry order. */
export function navigationFor(role: Role | undefined | null, entries: readonly NavEntry[] = navigation): NavEntry[] {
  return entries.filter((entry) => hasRole(role, entry.minRole));
}

/** Entries grouped by section for the sidebar, leaving out empty sections. */
export function groupBySection(entries: readonly NavEntry[]): { section: NavSection; entries: NavEntry[] }[] {
  return sections
    .map((section) => ({ section, entries: entries.filter((entry) => entry.section === section) }))
    .filter((group) => group.entries.length > 0);
}

/** The registry entry that owns a location (longest matching path prefix), for titles and guards. */
export function entryForPath(pathname: string, entries: readonly NavEntry[] = navigation): NavEntry | undefined {
  let best: NavEntry | undefined;
  for (const entry of entries) {
    const owns =
      entry.path === '/' ? pathname === '/' : pathname === entry.path || pathname.startsWith(`${entry.path}/`);
    if (owns && (!best || entry.path.length > best.path.length)) best = entry;
  }
  return best;
}
