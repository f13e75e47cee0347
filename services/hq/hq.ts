import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hqContract } from '../../shared/contract/hq';
import { AppError } from '../../shared/errors';
import { branchQueries } from '../../db/queries/core/branch';
import { exportQueries } from '../../db/queries/hq/export';
import { exportPassphraseQueries } from '../../db/queries/hq/export-passphrase';
import { callerOf } from '../core/context';
import type { DomainHandlers } from '../core/handler-types';
import { writeAudit } from '../core/audit';
import { requireSelfBranch } from '../core/branch';
import { removeUpload, uploadPath } from '../core/uploads';
import { chainCodeOf, requireKind } from './chain';
import { exportHistory, pendingChanges, writeBranchExport } from './export';
import { mergeExportFile } from './merge';
import { backupBeforeBatch } from '../backup/run';
import { branchStatus, compare, conflicts, mergeLog, multiBranch, resolveConflict } from './reports';
import { findPeople, person } from './people';

const scratch = (suffix: string) => join(tmpdir(), `branchdesk-${randomUUID()}${suffix}`);

export const hqHandlers = {
  'hq.status': (db) => {
    const self = requireSelfBranch(db);
    const branch = self.kind === 'branch';
    return {
      kind: self.kind,
      chainCode: chainCodeOf(db),
      exports: branch ? exportHistory(db) : [],
      pending: branch ? pendingChanges(db) : {},
      exportPassphraseSet: exportPassphraseQueries(db).get() !== null,
    };
  },

  'hq.exportPassphrase': (db, ctx, input) => {
    const q = exportPassphraseQueries(db);
    const before = q.get() !== null;
    if (input.passphrase === null) q.remove();
    else q.set(input.passphrase);
    // Whether one is set, never what it is: the audit log is read by every admin, and kept in backups.
    writeAudit(ctx, {
      action: 'hq.exportPassphrase',
      entity: 'branch',
      entityId: requireSelfBranch(db).id,
      before: { exportPassphraseSet: before },
      after: { exportPassphraseSet: input.passphrase !== null },
    });
    return { exportPassphraseSet: input.passphrase !== null };
  },

  'hq.joinChain': (db, ctx, input) => {
    requireKind(db, 'branch');
    const before = chainCodeOf(db);
    // Files already sent carry the old code: a branch changes chain only before its first export.
    const exported = exportQueries(db).exportedFileCount();
    if (before && before !== input.chainCode && exported > 0) {
      throw new AppError('CONFLICT', 'This branch has already exported under another chain code', {
        reason: 'chain_code_used',
        chainCode: before,
      });
    }
    branchQueries(db).setSetting('chain_code', input.chainCode);
    writeAudit(ctx, {
      action: 'hq.joinChain',
      entity: 'branch',
      entityId: requireSelfBranch(db).id,
      before: { chainCode: before },
      after: { chainCode: input.chainCode },
    });
    return { chainCode: input.chainCode };
  },

  'hq.exportBranch': (db, ctx, input) => {
    const caller = callerOf(ctx);
    const path = scratch('.bdx');
    try {
      const { manifest, fileName } = writeBranchExport(db, {
        mode: input.mode,
        outPath: path,
        staffId: caller.id,
        staffName: caller.name,
        now: ctx.now,
        newId: ctx.newId,
      });
      db.transaction(() =>
        writeAudit(ctx, {
          action: 'hq.exportBranch',
          entity: 'export',
          entityId: manifest.exportId,
          after: { seq: manifest.seq, mode: manifest.mode, rows: manifest.rows, sha256: manifest.sha256 },
        }),
      )();
      return { fileName, dataBase64: readFileSync(path).toString('base64'), manifest };
    } finally {
      rmSync(path, { force: true });
    }
  },

  'hq.merge': (db, ctx, input) => {
    const caller = callerOf(ctx);
    requireKind(db, 'hq');
    try {
      // Checked first: a token with no file is the caller's to choose again, not a file HQ refused.
      const path = uploadPath(db, input.upload);
      // HQ as it was before the batch: taken on the side host's thread the merge runs on, once the
      // file has passed its checks (a refused file, the batch's first or not, changes nothing).
      const batch = input.batch;
      const beforeWrite = batch === undefined ? undefined : () => backupBeforeBatch(ctx, batch);
      try {
        const result = mergeExportFile(db, { path, fileName: input.fileName, staffId: caller.id, now: ctx.now, beforeWrite });
        // The same file again changes nothing, not even the audit trail.
        if (!result.alreadyMerged)
          db.transaction(() =>
            writeAudit(ctx, {
              action: 'hq.merge',
              entity: 'export',
              entityId: result.exportId,
              after: { fileName: input.fileName, branch: result.branch.code, seq: result.seq, alreadyMerged: result.alreadyMerged },
            }),
          )();
        return result;
      } catch (err) {
        if (err instanceof AppError && err.code === 'BAD_FILE') {
          db.transaction(() =>
            writeAudit(ctx, {
              action: 'hq.mergeRefused',
              entity: 'export',
              after: { fileName: input.fileName, reason: err.details?.reason },
            }),
          )();
        }
        throw err;
      }
    } finally {
      // Merged or refused, the upload has served: another try is another upload.
      removeUpload(db, input.upload);
    }
  },

  'hq.branches': (db, ctx) => (requireKind(db, 'hq'), branchStatus(db, ctx)),
  'hq.mergeLog': (db, _ctx, input) => (requireKind(db, 'hq'), mergeLog(db, input)),
  'hq.compare': (db, ctx, input) => (requireKind(db, 'hq'), compare(db, ctx, input.period)),
  'hq.multiBranch': (db, ctx, input) => (requireKind(db, 'hq'), multiBranch(db, ctx, input)),
  'hq.person': (db, _ctx, input) => (requireKind(db, 'hq'), { person: person(db, input) }),
  'hq.findPeople': (db, _ctx, input) => (requireKind(db, 'hq'), findPeople(db, input.q, input.limit)),
  'hq.conflicts': (db, _ctx, input) => (requireKind(db, 'hq'), conflicts(db, input)),
  'hq.resolveConflict': (db, ctx, input) => {
    requireKind(db, 'hq');
    const result = resolveConflict(db, ctx, callerOf(ctx).id, input);
    writeAudit(ctx, {
      action: 'hq.resolveConflict',
      entity: 'conflict',
      entityId: input.id,
      after: { value: input.value, resolved: result.resolved },
    });
    return result;
  },
} satisfies DomainHandlers<typeof hqContract>;
