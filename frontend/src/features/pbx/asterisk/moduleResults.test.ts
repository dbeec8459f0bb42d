import { describe, expect, it } from 'vitest';
import { applySummary, moduleOk, moduleText } from './moduleResults';

describe('apply results in plain words', () => {
  it('treats a module Asterisk does not run as fine', () => {
    expect(moduleOk({ module: 'app_queue.so', status: 'notLoaded', attempts: 1 })).toBe(true);
    expect(moduleOk({ module: 'res_pjsip.so', status: 'busy', attempts: 5 })).toBe(false);
  });

  it('shows the failure message of a failed module', () => {
    expect(moduleText({ module: 'res_pjsip.so', status: 'failed', attempts: 1, message: 'Module reload error' })).toBe(
      'Failed: Module reload error',
    );
    expect(moduleText({ module: 'res_pjsip.so', status: 'reloaded', attempts: 1, message: 'ignored' })).toBe(
      'Reloaded',
    );
  });

  it('summarises a failed apply with the failing modules and the rollback', () => {
    const summary = applySummary({
      success: false,
      changedFiles: ['pjsip.conf'],
      rolledBack: true,
      modules: [
        { module: 'res_pjsip.so', status: 'failed', attempts: 1 },
        { module: 'dialplan', status: 'reloaded', attempts: 1 },
      ],
    });
    expect(summary).toBe('Apply failed (res_pjsip.so). The previous configuration was put back.');
  });

  it('says when nothing needed reloading', () => {
    expect(applySummary({ success: true, changedFiles: [], modules: [], rolledBack: false })).toMatch(
      /Nothing had changed/,
    );
  });
});
