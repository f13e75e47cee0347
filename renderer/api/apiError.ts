import type { ErrorCode, FieldIssue } from '../../shared/errors';

// Apart from the client, which picks a transport when imported: error wording is tested under
// Node, where there is no window to pick one from.

/** A service's refusal as the renderer holds it: the stable code and its details, never parsed from the message. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
  get issues(): FieldIssue[] {
    return Array.isArray(this.details.issues) ? (this.details.issues as FieldIssue[]) : [];
  }
}
