/**
 * The backups' words (docs/backup.md): each kind, state and rotation slot, why a backup or its
 * second copy failed (shared/contract/backup.ts), for the settings page and the dashboard's
 * warning; BACKUP_FAILED's sentences, spread into `errors`; the destination's field rules, spread
 * into `rules`. en mirrors zhCN.
 */
export const backupZh = {
  kinds: {
    startup: '启动备份',
    daily: '每日备份',
    migration: '升级前备份',
    import: '导入前备份',
    merge: '合并前备份',
    manual: '手动备份',
    restore: '恢复前备份',
  },
  states: { requested: '等待备份', copying: '正在复制', verifying: '正在校验', ok: '完好', failed: '失败' },
  keep: { daily: '按日保留', weekly: '按周保留', monthly: '按月保留' },
  errors: {
    disk_full: '磁盘空间不足，备份没有写完。',
    copy_failed: '备份文件写不进备份文件夹。',
    corrupt: '备份文件校验没有通过（文件已损坏），已删除。',
    balances: '备份中有会员的积分余额与积分明细对不上，这份备份不可用。',
    missing: '备份文件不见了，无法校验。',
  },
  offsite: {
    destination_missing: '找不到第二备份位置：U 盘没有插上，或网络文件夹连不上。',
    destination_not_folder: '第二备份位置不是文件夹。',
    destination_not_writable: '第二备份位置不能写入（只读或没有权限）。',
    destination_full: '第二备份位置的空间满了。',
    destination_failed: '复制到第二备份位置时出错。',
  },
  /** An import whose backup failed (its `error` is `backup_failed`). */
  importBlocked: '备份失败，导入未开始。请在备份设置中查看原因，处理后重新导入。',
};

export const backupEn: typeof backupZh = {
  kinds: {
    startup: 'Start-up backup',
    daily: 'Daily backup',
    migration: 'Backup before an upgrade',
    import: 'Backup before an import',
    merge: 'Backup before a merge',
    manual: 'Manual backup',
    restore: 'Backup before a restore',
  },
  states: { requested: 'Waiting', copying: 'Copying', verifying: 'Checking', ok: 'Good', failed: 'Failed' },
  keep: { daily: 'Kept for the day', weekly: 'Kept for the week', monthly: 'Kept for the month' },
  errors: {
    disk_full: 'The disk is full: the backup could not be written whole.',
    copy_failed: 'The backup could not be written into the backups folder.',
    corrupt: 'The backup failed its check (the file is damaged) and was removed.',
    balances: 'In the backup a member’s points balance disagrees with their points history: this backup cannot be used.',
    missing: 'The backup file is gone and could not be checked.',
  },
  offsite: {
    destination_missing:
      'The second backup place cannot be found: the USB stick is not plugged in, or the network folder cannot be reached.',
    destination_not_folder: 'The second backup place is not a folder.',
    destination_not_writable: 'The second backup place cannot be written to (read-only, or no permission).',
    destination_full: 'The second backup place is full.',
    destination_failed: 'Copying to the second backup place failed.',
  },
  importBlocked: 'The backup failed, so the import did not start. See why in the backup settings, then start the import again.',
};

/** BACKUP_FAILED: `reason` is the sentence of backup.errors.<reason>; a variant per what did not happen. */
export const backupErrorsZh = {
  BACKUP_FAILED: '备份没有成功：{{reason}}',
  BACKUP_FAILED_merge: '合并前的备份没有成功：{{reason}}文件没有合并，总部数据没有改动。',
  BACKUP_FAILED_migration: '升级前的备份没有成功：{{reason}}数据库没有升级，请处理后重新打开软件。',
  BACKUP_FAILED_encryption: '加密前的备份没有成功：{{reason}}数据库没有改动。',
};

export const backupErrorsEn: typeof backupErrorsZh = {
  BACKUP_FAILED: 'The backup failed: {{reason}}',
  BACKUP_FAILED_merge: 'The backup before the merge failed: {{reason}} No file was merged; HQ’s data is unchanged.',
  BACKUP_FAILED_migration:
    'The backup before the upgrade failed: {{reason}} The database was not upgraded; fix this and open the app again.',
  BACKUP_FAILED_encryption: 'The backup before rewriting the store failed: {{reason}} The database is unchanged.',
};

/** The second destination's field (backup.saveSettings). */
export const backupRulesZh = {
  folder_not_absolute: '请填写完整的文件夹路径，例如 E:\\备份',
  folder_missing: '找不到这个文件夹',
  not_a_folder: '这不是文件夹',
  folder_not_writable: '这个文件夹不能写入',
};

export const backupRulesEn: typeof backupRulesZh = {
  folder_not_absolute: 'Give the whole folder path, e.g. E:\\Backups',
  folder_missing: 'This folder cannot be found',
  not_a_folder: 'This is not a folder',
  folder_not_writable: 'This folder cannot be written to',
};
