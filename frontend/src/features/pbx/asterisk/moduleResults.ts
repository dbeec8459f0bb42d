// Plain-language reading of an apply report, one line per Asterisk module.
import type { ApplyReport, ModuleReloadResult, ModuleReloadStatus } from './types';

/** A module counts as fine when it reloaded, or when Asterisk does not run it (nothing to reload). */
export function moduleOk(result: ModuleReloadResult): boolean {
  return result.status === 'reloaded' || result.status === 'notLoaded' || result.status === 'notSupported';
}

const statusText: Record<ModuleReloadStatus, string> = {
  reloaded: 'Reloaded',
  notLoaded: 'Not loaded in Asterisk (skipped)',
  notSupported: 'Nothing to reload',
  busy: 'Asterisk was busy with another reload',
  failed: 'Failed',
};

/** "Failed: <message>" or the status in words. */
export function moduleText(result: ModuleReloadResult): string {
  const base = statusText[result.status] ?? result.status;
  return result.message && !moduleOk(result) ? `${base}: ${result.message}` : base;
}

/** The one-line summary shown in the toast after Apply. */
export function applySummary(report: ApplyReport): string {
  if (report.success) {
    if (report.modules.length === 0) return 'Nothing had changed; Asterisk already runs the saved configuration.';
    return `Applied: ${report.modules.length} module${report.modules.length === 1 ? '' : 's'} reloaded.`;
  }
  const failed = report.modules.filter((m) => !moduleOk(m)).map((m) => m.module);
  const what = failed.length > 0 ? ` (${failed.join(', ')})` : '';
  const back = report.rolledBack ? ' The previous configuration was put back.' : '';
  return `Apply failed${what}.${report.error ? ` ${report.error}` : ''}${back}`;
}
