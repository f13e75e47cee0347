import type { EncryptionStatus } from '../../../shared/contract/encryption';

/** What a rewrite started from this window is doing, read from one `encryption.status`. */
export type RewriteView =
  | { phase: 'running'; step: 'backup' | 'rewrite'; percent: number | null }
  | { phase: 'done' }
  | { phase: 'failed'; reason: NonNullable<EncryptionStatus['lastFailure']>['reason'] }
  /** opened again locked (no key kept): the unlock screen asks the new passphrase */
  | { phase: 'locked' };

export interface RewriteStart {
  kind: 'enable' | 'change';
  /** the failure the status already named before this rewrite began: an older one is not this one's */
  knownFailureAt: string | null;
}

/**
 * The services' host answers `encryption.status` throughout a rewrite (every other call waits):
 * `rewriting` with its step and bytes, then, once it has opened the file again, `encrypted` (every
 * session ended) or, when it failed, the state before it with a new `lastFailure`.
 */
export function rewriteView(status: EncryptionStatus, start: RewriteStart): RewriteView {
  if (status.state === 'rewriting') {
    const r = status.rewrite;
    const percent = r && r.step === 'rewrite' && r.total > 0 ? Math.min(100, Math.floor((r.done * 100) / r.total)) : null;
    return { phase: 'running', step: r?.step ?? 'backup', percent };
  }
  if (status.lastFailure && status.lastFailure.at !== start.knownFailureAt) return { phase: 'failed', reason: status.lastFailure.reason };
  if (status.state === 'locked') return { phase: 'locked' };
  // A plain store after turning encryption on, with no failure named: it did not happen.
  if (start.kind === 'enable' && status.state === 'plain') return { phase: 'failed', reason: 'failed' };
  return { phase: 'done' };
}
