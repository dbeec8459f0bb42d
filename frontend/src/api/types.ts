// Shapes of the BotPBX REST API (see docs/frontend.md and the API contract). JSON is camelCase.

export type Role = 'admin' | 'supervisor' | 'agent';

export const ROLES: readonly Role[] = ['admin', 'supervisor', 'agent'];

/** Database ids are 64-bit integers; they are far below 2^53, so a JSON number is exact. */
export type Id = number;

export interface CurrentUser {
  id: Id;
  email: string;
  name: string;
  role: Role;
}

export interface LoginResponse {
  token: string;
  expiresAt: string;
  user: CurrentUser;
}

/** Every list endpoint answers `{ items, total }` and takes `search`, `limit`, `offset`. */
export interface Page<T> {
  items: T[];
  total: number;
}

export interface ListQuery {
  search?: string;
  limit: number;
  offset: number;
}

export interface User {
  id: Id;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface CreatedUser extends User {
  /** Present only when the server generated the password; it is shown once and never again. */
  initialPassword?: string;
}

export type AmiState = 'not_configured' | 'connecting' | 'connected' | 'disconnected';

/** A server Asterisk connects to: FastAGI (IVRs) or AudioSocket (AI agent audio). */
export interface ListenerStatus {
  enabled: boolean;
  listening?: string;
  activeSessions: number;
}

export interface SystemStatus {
  version: string;
  startedAt: string;
  uptimeSeconds: number;
  database: { state: 'up' | 'down'; error?: string };
  asterisk: {
    ami: { state: AmiState; host?: string; port?: number; since?: string; lastError?: string };
    /** Optional so a newer UI still renders against an API that predates these fields. */
    ari?: { state: AmiState; url?: string; since?: string; lastError?: string };
    agi?: ListenerStatus;
    audioSocket?: ListenerStatus;
  };
}

export interface CompanySettings {
  companyName: string;
  timeZone: string;
  language: string;
}
