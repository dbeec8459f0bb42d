import { describe, expect, it } from 'vitest';
import { entryForPath, groupBySection, navigation, navigationFor } from './navigation';

const labels = (role: Parameters<typeof navigationFor>[0]) => navigationFor(role).map((entry) => entry.label);

describe('navigation registry', () => {
  it('lists every area of the product once', () => {
    expect(navigation.map((entry) => entry.label)).toEqual([
      'Dashboard',
      'Extensions',
      'Trunks',
      'Inbound Routes',
      'Outbound Routes',
      'Queues',
      'Ring Groups',
      'Time Conditions',
      'Conferences',
      'Music on Hold',
      'Feature Codes',
      'Asterisk',
      'IVRs',
      'AI Agents',
      'Campaigns',
      'Live Calls',
      'Call Monitoring',
      'Call Logs',
      'Recordings',
      'Users',
      'SIP Security',
      'Settings',
    ]);
    expect(new Set(navigation.map((entry) => entry.path)).size).toBe(navigation.length);
  });

  it('shows an admin everything', () => {
    expect(labels('admin')).toHaveLength(navigation.length);
  });

  it('shows a supervisor the operations areas but not users or configuration', () => {
    const seen = labels('supervisor');
    expect(seen).toEqual([
      'Dashboard',
      'Queues',
      'Campaigns',
      'Live Calls',
      'Call Monitoring',
      'Call Logs',
      'Recordings',
      'Settings',
    ]);
    expect(seen).not.toContain('Users');
  });

  it('shows an agent the dashboard, their own calls and their own settings', () => {
    expect(labels('agent')).toEqual(['Dashboard', 'Call Logs', 'Settings']);
  });

  it('shows nothing when nobody is signed in or the role is unknown', () => {
    expect(labels(null)).toEqual([]);
    expect(labels('owner' as never)).toEqual([]);
  });

  it('groups entries by section in a fixed order and drops empty sections', () => {
    const groups = groupBySection(navigationFor('agent'));
    expect(groups.map((group) => group.section)).toEqual(['Overview', 'Activity', 'Administration']);
  });
});

describe('entryForPath', () => {
  it('finds the entry owning a nested path', () => {
    expect(entryForPath('/users/42')?.label).toBe('Users');
    expect(entryForPath('/routes/outbound')?.label).toBe('Outbound Routes');
  });

  it('matches the dashboard only at the root', () => {
    expect(entryForPath('/')?.label).toBe('Dashboard');
    expect(entryForPath('/nowhere')).toBeUndefined();
    expect(entryForPath('/usersx')).toBeUndefined();
  });
});
