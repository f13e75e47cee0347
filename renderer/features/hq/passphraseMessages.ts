/** The chain's export passphrase card (ExportPassphraseCard) and HQ's refusals of an encrypted file; en mirrors zh. */
export const passphraseZh = {
  title: '导出文件加密',
  isSet_branch: '已设置连锁的导出密码：上报总部的文件会用它加密。',
  notSet_branch: '没有设置导出密码：上报总部的文件不加密。',
  isSet_hq: '已设置连锁的导出密码：总部用它打开分店加密的文件。',
  notSet_hq: '没有设置导出密码：总部打不开分店加密的文件。',
  help: '导出密码由总部决定，各分店和总部填写同一个。它不是本店数据库的加密密码，只用来保护传给总部的文件。设置后不会再显示。',
  label: '导出密码',
  newLabel: '新的导出密码',
  minLength: '至少 {{min}} 个字符',
  set: '设置密码',
  change: '更换密码',
  remove: '取消导出密码',
  removeTitle: '取消导出密码？',
  removeMessage_branch: '取消后，上报总部的文件不再加密，任何拿到文件的人都能读到会员资料。',
  removeMessage_hq: '取消后，总部打不开分店加密的文件，直到重新设置导出密码。',
  adminOnly: '只有管理员可以设置或取消导出密码。',
  saved_set: '导出密码已保存。',
  saved_removed: '导出密码已取消。',
};

export const passphraseEn: typeof passphraseZh = {
  title: 'Encrypted export files',
  isSet_branch: 'The chain’s export passphrase is set: files sent to HQ are encrypted with it.',
  notSet_branch: 'No export passphrase is set: files sent to HQ are not encrypted.',
  isSet_hq: 'The chain’s export passphrase is set: HQ opens the branches’ encrypted files with it.',
  notSet_hq: 'No export passphrase is set: HQ cannot open the branches’ encrypted files.',
  help: 'HQ chooses the export passphrase and every branch and HQ enter the same one. It is not this store’s database passphrase: it only protects the files sent to HQ. Once saved it is never shown again.',
  label: 'Export passphrase',
  newLabel: 'New export passphrase',
  minLength: 'At least {{min}} characters',
  set: 'Set passphrase',
  change: 'Change passphrase',
  remove: 'Remove export passphrase',
  removeTitle: 'Remove the export passphrase?',
  removeMessage_branch: 'Files sent to HQ will no longer be encrypted: anyone who gets a file can read the members in it.',
  removeMessage_hq: 'HQ will not open the branches’ encrypted files until the export passphrase is set again.',
  adminOnly: 'Only an admin can set or remove the export passphrase.',
  saved_set: 'Export passphrase saved.',
  saved_removed: 'Export passphrase removed.',
};

/** HQ's refusals of an encrypted export file (BAD_FILE details.reason), for the errors table. */
export const encryptedFileErrorsZh = {
  BAD_FILE_encrypted: '这个文件是加密的：请先在总部的「合并文件」页面设置连锁的导出密码。总部数据没有改动。',
  BAD_FILE_wrong_passphrase: '总部的导出密码打不开这个文件（分店用的是另一个导出密码），总部数据没有改动。请核对两边的导出密码。',
};

export const encryptedFileErrorsEn: typeof encryptedFileErrorsZh = {
  BAD_FILE_encrypted: 'This file is encrypted: set the chain’s export passphrase on HQ’s Merge page first. Nothing changed at HQ.',
  BAD_FILE_wrong_passphrase:
    'HQ’s export passphrase does not open this file (the branch used another one); nothing changed at HQ. Check the passphrase on both sides.',
};
