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
    component: plannedArea('Extensions', [
      'The internal numbers of your phones, softphones and browser phones',
      'SIP credentials, caller ID, voicemail and call recording per extension',
      'Which phones are registered right now',
    ]),
  },
  {
    path: '/trunks',
    label: 'Trunks',
    icon: 'trunk',
    minRole: 'admin',
    section: 'Telephony',
    component: plannedArea('Trunks', [
      'Connections to your SIP providers (Twilio, Telnyx, VoIP.ms and others)',
      'Registration status and codecs of each provider',
    ]),
  },
  {
    path: '/routes/inbound',
    label: 'Inbound Routes',
    icon: 'inbound',
    minRole: 'admin',
    section: 'Telephony',
    component: plannedArea('Inbound Routes', [
      'Where calls to each of your phone numbers go: an extension, a queue, a ring group, an IVR or an AI agent',
    ]),
  },
  {
    path: '/routes/outbound',
    label: 'Outbound Routes',
    icon: 'outbound',
    minRole: 'admin',
    section: 'Telephony',
    component: plannedArea('Outbound Routes', [
      'Which trunk carries a dialled number, by dial pattern, with prefixes and failover',
    ]),
  },
  {
    path: '/queues',
    label: 'Queues',
    icon: 'queue',
    minRole: 'supervisor',
    section: 'Telephony',
    component: plannedArea('Queues', [
      'Call queues with their agents, ring strategy, hold music and announcements',
      'Waiting callers and agent status in real time',
    ]),
  },
  {
    path: '/ring-groups',
    label: 'Ring Groups',
    icon: 'ringGroup',
    minRole: 'admin',
    section: 'Telephony',
    component: plannedArea('Ring Groups', ['Groups of extensions that ring together or one after another']),
  },
  {
    path: '/time-conditions',
    label: 'Time Conditions',
    icon: 'clock',
    minRole: 'admin',
    section: 'Telephony',
    component: plannedArea('Time Conditions', [
      'Business hours and holidays that send calls one way when open and another when closed',
    ]),
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
    component: plannedArea('AI Agents', [
      'Voice assistants that answer calls: their instructions, voice, language model and tools',
      'Transcripts of the conversations they had',
    ]),
  },
  {
    path: '/campaigns',
    label: 'Campaigns',
    icon: 'megaphone',
    minRole: 'supervisor',
    section: 'Automation',
    component: plannedArea('Campaigns', [
      'Outbound calling lists with pacing, answering-machine detection and results per contact',
    ]),
  },
  {
    path: '/live-calls',
    label: 'Live Calls',
    icon: 'activity',
    minRole: 'supervisor',
    section: 'Activity',
    component: plannedArea('Live Calls', ['Every call in progress, with listen, whisper and barge for supervisors']),
  },
  {
    path: '/call-logs',
    label: 'Call Logs',
    icon: 'list',
    minRole: 'supervisor',
    section: 'Activity',
    component: plannedArea('Call Logs', [
      'The history of every call: who called whom, when, how long and how it ended',
    ]),
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
