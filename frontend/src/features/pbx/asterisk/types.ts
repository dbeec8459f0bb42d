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
  startedAt: string | null;
  lastReloadAt: string | null;
  modulesLoaded: number | null;
  endpointsTotal: number;
  endpointsRegistered: number;
  currentCalls: number;
}

export interface AsteriskStatus {
  /** Whether BotPBX is connected to Asterisk's manager interface right now. */
  connected: boolean;
  /** Live facts; absent when Asterisk is not connected. */
  info?: AsteriskInfo | null;
  /** Saved changes that Asterisk is not running yet. */
  pendingChanges: boolean;
  changedAt?: string | null;
  appliedAt?: string | null;
  lastApply?: ApplyReport | null;
  /** Why Asterisk is not reachable, when known. */
  error?: string | null;
}
