// Maps the API's RFC 7807 problem details onto one typed error, so every page handles failures the same way:
// `code` is the stable machine-readable reason, `fieldErrors` feeds the form fields, `message` is for people.

export type FieldErrors = Record<string, string[]>;

export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  errors?: Record<string, unknown>;
  traceId?: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fieldErrors: FieldErrors;
  readonly traceId?: string;
  /** Seconds from the `Retry-After` header of a 429 answer. */
  readonly retryAfterSeconds?: number;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    fieldErrors?: FieldErrors;
    traceId?: string;
    retryAfterSeconds?: number;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.fieldErrors = init.fieldErrors ?? {};
    this.traceId = init.traceId;
    this.retryAfterSeconds = init.retryAfterSeconds;
  }

  hasFieldErrors(): boolean {
    return Object.keys(this.fieldErrors).length > 0;
  }
}

const codeByStatus: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  422: 'validation_failed',
  429: 'rate_limited',
  500: 'internal_error',
  502: 'bad_gateway',
  503: 'service_unavailable',
  504: 'gateway_timeout',
};

const messageByCode: Record<string, string> = {
  bad_request: 'The request was not understood.',
  unauthorized: 'Your session has ended. Please sign in again.',
  invalid_credentials: 'The email or password is incorrect.',
  forbidden: "You don't have permission to do that.",
  not_found: 'It no longer exists — it may have been deleted.',
  conflict: 'That conflicts with existing data.',
  validation_failed: 'Some fields need attention.',
  rate_limited: 'Too many attempts. Please wait and try again.',
  internal_error: 'Something went wrong on the server.',
  database_unavailable: 'The database is not reachable right now.',
  bad_gateway: 'The BotPBX server is not reachable.',
  service_unavailable: 'The BotPBX server is not available right now.',
  gateway_timeout: 'The BotPBX server did not answer in time.',
  network_error: 'Cannot reach the BotPBX server. Check your connection.',
};

/** Keeps only string messages from a problem's `errors` map (keys stay as sent: camelCase, `members[0].penalty`). */
export function normalizeFieldErrors(errors: unknown): FieldErrors {
  if (errors === null || typeof errors !== 'object' || Array.isArray(errors)) return {};
  const result: FieldErrors = {};
  for (const [field, value] of Object.entries(errors as Record<string, unknown>)) {
    const messages = (Array.isArray(value) ? value : [value]).filter(
      (m): m is string => typeof m === 'string' && m.length > 0,
    );
    if (messages.length > 0) result[field] = messages;
  }
  return result;
}

/** `Retry-After` is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

export function fallbackMessage(code: string): string {
  return messageByCode[code] ?? 'Something went wrong.';
}

/** Builds an ApiError from a status, an optional parsed body and the Retry-After header. */
export function toApiError(status: number, body: unknown, retryAfter: string | null): ApiError {
  const problem: ProblemDetails = body !== null && typeof body === 'object' ? (body as ProblemDetails) : {};
  const code =
    typeof problem.code === 'string' && problem.code !== '' ? problem.code : (codeByStatus[status] ?? 'http_error');
  const retryAfterSeconds = parseRetryAfter(retryAfter);
  let message = problem.detail || problem.title || fallbackMessage(code);
  if (code === 'rate_limited' && retryAfterSeconds !== undefined) {
    message = `Too many attempts. Try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}.`;
  }
  if (code === 'invalid_credentials') message = fallbackMessage(code);
  return new ApiError({
    status,
    code,
    message,
    fieldErrors: normalizeFieldErrors(problem.errors),
    traceId: problem.traceId,
    retryAfterSeconds,
  });
}

export function networkError(cause: unknown): ApiError {
  const error = new ApiError({ status: 0, code: 'network_error', message: fallbackMessage('network_error') });
  (error as { cause?: unknown }).cause = cause;
  return error;
}

/** A message suitable for a toast or banner, whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong.';
}
