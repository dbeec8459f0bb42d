import type { SystemStatus } from '../../../api/types';

// Shapes of GET /api/system/asterisk and POST /api/system/asterisk/reload (docs/pbx/api.md).

export type ModuleReloadStatus = 'reloaded' | 'notLoaded' | 'notSupported' | 'busy' | 'failed';

export interface ModuleReloadResult {
  module: string;
  status: ModuleReloadStatus;
  attempts: number;
  message?: string | null;
  ok?: boolean;
}

/** What an apply did: the files that changed and each module's reload. */
export interface ApplyReport {
  success: boolean;
  changedFiles: string[];
  modules: ModuleReloadResult[];
  /** A reload failed and the previous files were put back. */
  rolledBack: boolean;
  error?: string | null;
}

export interface AsteriskInfo {
  version: string;
  /** Seconds since Asterisk started (its own clock; `startedAt` is in Asterisk's local time, without a zone). */
  uptimeSeconds: number | null;
  startedAt: string | null;
  lastReloadAt: string | null;
  modulesLoaded: number | null;
  endpointsTotal: number;
  endpointsRegistered: number;
  currentCalls: number;
}

/** GET /api/system/asterisk: the manager connection, live facts, and whether saved changes wait for an apply. */
export interface AsteriskStatus {
  ami: SystemStatus['asterisk']['ami'];
  /** Saved changes that Asterisk is not running yet. */
  pendingChanges: boolean;
  changedAt: string;
  appliedAt: string | null;
  lastApply: ApplyReport | null;
  /** Live facts; null when Asterisk is not connected. */
  live: AsteriskInfo | null;
  /** Why the live facts could not be read, when connected. */
  liveError: string | null;
}
