/**
 * Why a file is refused as a backup (BAD_FILE with `details.backup`: shared/contract/restore.ts),
 * spread into `errors` (renderer/i18n): one sentence per reason, and per kind of foreign file,
 * each saying the store is as it was. en mirrors zhCN.
 */
export const restoreErrorsZh = {
  BAD_BACKUP: '这个文件不能用来恢复，数据没有改动。',
  BAD_BACKUP_not_sqlite: '这不是数据库文件，不是门店会员管家的备份；数据没有改动。',
  BAD_BACKUP_truncated: '备份文件不完整（{{actualBytes}} / {{expectedBytes}} 字节），可能没有复制完：请重新复制一份；数据没有改动。',
  BAD_BACKUP_corrupt: '备份文件已损坏，没有通过数据库的完整性检查：请换一个备份；数据没有改动。',
  BAD_BACKUP_foreign_not_branchdesk: '这个数据库不是门店会员管家的门店数据；数据没有改动。',
  BAD_BACKUP_foreign_hq: '这是总部的数据库（{{code}}），不能恢复到门店；数据没有改动。',
  BAD_BACKUP_foreign_branch: '这是门店 {{code}} {{name}} 的数据库，不能恢复到总部；数据没有改动。',
  BAD_BACKUP_foreign_other: '这是另一家门店（{{code}} {{name}}）的备份，不是本店（{{currentCode}} {{currentName}}）的；数据没有改动。',
  BAD_BACKUP_newer:
    '这个备份来自更新版本的门店会员管家（数据版本 {{schemaVersion}}，本软件最高支持 {{appVersion}}）：请先升级软件；数据没有改动。',
  BAD_BACKUP_other_passphrase: '这个备份是用另一个密码加密的（例如改密码之前的备份）：请输入这个备份的密码；数据没有改动。',
  BAD_BACKUP_encrypted_backup: '这个备份是加密的，而本店的数据没有加密：请先在 设置 → 数据加密 中开启加密，再恢复；数据没有改动。',
};

export const restoreErrorsEn: typeof restoreErrorsZh = {
  BAD_BACKUP: 'This file cannot be restored; nothing changed.',
  BAD_BACKUP_not_sqlite: 'This is not a database file, so not a BranchDesk backup; nothing changed.',
  BAD_BACKUP_truncated:
    'The backup is incomplete ({{actualBytes}} of {{expectedBytes}} bytes): it may not have been copied whole. Copy it again; nothing changed.',
  BAD_BACKUP_corrupt: "The backup is damaged: it failed the database's integrity check. Choose another backup; nothing changed.",
  BAD_BACKUP_foreign_not_branchdesk: "This database does not hold a BranchDesk store's data; nothing changed.",
  BAD_BACKUP_foreign_hq: 'This is an HQ database ({{code}}) and cannot be restored at a branch; nothing changed.',
  BAD_BACKUP_foreign_branch: 'This is the database of branch {{code}} {{name}} and cannot be restored at HQ; nothing changed.',
  BAD_BACKUP_foreign_other:
    'This is a backup of another branch ({{code}} {{name}}), not of this one ({{currentCode}} {{currentName}}); nothing changed.',
  BAD_BACKUP_newer:
    'This backup comes from a newer BranchDesk (data version {{schemaVersion}}; this app knows up to {{appVersion}}): update the app first; nothing changed.',
  BAD_BACKUP_other_passphrase:
    'This backup is encrypted with another passphrase (a backup from before the passphrase was changed, say): enter that backup’s passphrase; nothing changed.',
  BAD_BACKUP_encrypted_backup:
    'This backup is encrypted and this store’s data is not: turn encryption on first (Settings → Data encryption), then restore; nothing changed.',
};
