import { errorStatus, type ApiError, type ErrorCode } from '../contract/errors.ts';

/**
 * A failure the customer may be told about. Anything thrown that is not an ApiFailure leaves
 * the server as `internal`, with its details kept out of the answer.
 */
export class ApiFailure extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  /** Seconds, for `rate_limited` and `code_resend_too_soon`. */
  readonly retryAfter: number | undefined;

  constructor(code: ErrorCode, message: string, options: { field?: string; retryAfter?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'ApiFailure';
    this.code = code;
    this.field = options.field;
    this.retryAfter = options.retryAfter;
  }

  get status(): number {
    return errorStatus[this.code];
  }

  toBody(): ApiError {
    return { error: { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}) } };
  }
}

/** The time was booked by someone else meanwhile (or its last places are held by attempts still running). */
export const slotTaken = () => new ApiFailure('slot_taken', 'This time is no longer available. Please choose another one.');
