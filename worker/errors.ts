// One error type for the whole worker; app.onError turns it into the JSON envelope
// { "error": { "code", "message", "problems"? } }. Handlers throw, they do not format.
import type { Problem } from './factbox/schema';

export const ERRORS = {
  bad_slug: 400,
  bad_request: 400,
  invalid_json: 400,
  invalid_box: 400,
  invalid_report: 400,
  unauthorized: 401,
  writes_disabled: 403,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  gone: 410,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  precondition_required: 428,
  rate_limited: 429,
  unavailable_for_legal_reasons: 451,
  internal: 500,
  not_implemented: 501,
  unavailable: 503,
  writes_misconfigured: 503,
} as const;
export type ErrorCode = keyof typeof ERRORS;

export class ApiError extends Error {
  readonly status: (typeof ERRORS)[ErrorCode];
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: { problems?: Problem[]; headers?: Record<string, string>; details?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.status = ERRORS[code];
  }
}

/**
 * D1 failed or did not answer in time. Readers get the last good copy or 503; writers get 503
 * (a write is one statement, so a failed one has changed nothing). Never a stack trace.
 */
export class StorageError extends Error {}

/** The answer when storage is down and there is no copy to serve. */
export const unavailable = () =>
  new ApiError('unavailable', 'The fact box store is unavailable; try again shortly.', { headers: { 'retry-after': '5' } });

export function errorBody(code: ErrorCode, message: string, extra: ApiError['extra'] = {}) {
  return {
    error: { code, message, ...(extra.problems ? { problems: extra.problems } : {}), ...(extra.details ?? {}) },
  };
}

export function errorResponse(err: ApiError): Response {
  return new Response(JSON.stringify(errorBody(err.code, err.message, err.extra)), {
    status: err.status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...err.extra.headers },
  });
}
