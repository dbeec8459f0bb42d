import { describe, expect, it } from 'vitest';
import { newCampaign, progressOf, type CampaignStats } from './api';

const stats = (contactStates: Record<string, number>): CampaignStats => ({
  total: 0,
  connected: 0,
  voicemail: 0,
  noAnswer: 0,
  busy: 0,
  failed: 0,
  abandoned: 0,
  inProgress: 0,
  conversions: 0,
  conversionRate: 0,
  abandonRate: 0,
  contacts: Object.values(contactStates).reduce((a, b) => a + b, 0),
  contactStates,
  timeline: [],
});

describe('campaign progress', () => {
  it('counts reached, machine, done and do-not-call contacts as finished', () => {
    expect(
      progressOf(stats({ pending: 2, 'answered-human': 1, machine: 1, done: 1, dnc: 1, 'no-answer': 2, dialing: 2 })),
    ).toBeCloseTo(0.4);
  });

  it('is zero for a campaign without contacts', () => {
    expect(progressOf(stats({}))).toBe(0);
  });
});

describe('a new campaign', () => {
  it("starts from seed 003's AMD settings", () => {
    const amd = newCampaign().amd;
    expect([
      amd.initialSilence,
      amd.greeting,
      amd.afterGreetingSilence,
      amd.totalAnalysisTime,
      amd.minWordLength,
      amd.betweenWordsSilence,
      amd.maximumWords,
      amd.silenceThreshold,
    ]).toEqual([2500, 1500, 800, 5000, 100, 50, 3, 256]);
  });
});
