import { backupsDirFor } from '../../db/backup-files';
import { backupQueries } from '../../db/queries/backup/backups';
import type { backupContract } from '../../shared/contract/backup';
import { writeAudit } from '../core/audit';
import type { DomainHandlers } from '../core/handler-types';
import { requestInCall } from './requests';
import { backupSettings, checkedSettings, saveBackupSettings } from './settings';
import { backupById, backupStatus, backupView } from './views';

export const backupHandlers = {
  'backup.list': (db, ctx, input) => ({
    items: backupQueries(db).list(input.limit).map(backupView),
    settings: backupSettings(db),
    status: backupStatus(db, ctx.now),
    folder: backupsDirFor(db.name),
  }),
  'backup.status': (db, ctx) => backupStatus(db, ctx.now),
  'backup.create': (db, ctx) => {
    const { row, created } = requestInCall(ctx, 'manual');
    // A second click while the first request waits asks nothing new, and writes nothing.
    if (created) writeAudit(ctx, { action: 'backup.create', entity: 'backup', entityId: row.id });
    return backupById(db, row.id);
  },
  'backup.saveSettings': (db, ctx, input) => {
    const before = backupSettings(db);
    const settings = checkedSettings(input);
    saveBackupSettings(db, settings);
    writeAudit(ctx, { action: 'backup.saveSettings', entity: 'settings', entityId: 'backup', before, after: settings });
    return settings;
  },
} satisfies DomainHandlers<typeof backupContract>;
