import { describe, expect, it } from 'vitest';
import i18next, { type TFunction } from 'i18next';
import { zhCN } from '../../renderer/i18n/zh-CN';
import { en } from '../../renderer/i18n/en';
import { ApiError } from '../../renderer/api/apiError';
import { errorMessage, fieldErrors } from '../../renderer/api/errors';
import { BACKUP_ERRORS, BACKUP_KINDS, BACKUP_STATES, KEEP_SLOTS, OFFSITE_ERRORS } from '../../shared/contract/backup';

// Every word the backups can show (renderer/features/backup/messages.ts), in both languages, and
// BACKUP_FAILED's sentence said with its reason and what did not happen.

async function translator(lng: 'zh-CN' | 'en'): Promise<TFunction> {
  const i18n = i18next.createInstance();
  await i18n.init({ resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } }, lng, interpolation: { escapeValue: false } });
  return i18n.t;
}

describe('the backups’ words', () => {
  it('name every kind, state and slot, and say every reason a backup or its second copy failed', () => {
    for (const messages of [zhCN.backup, en.backup]) {
      expect(Object.keys(messages.kinds).sort()).toEqual([...BACKUP_KINDS].sort());
      expect(Object.keys(messages.states).sort()).toEqual([...BACKUP_STATES].sort());
      expect(Object.keys(messages.keep).sort()).toEqual([...KEEP_SLOTS].sort());
      expect(Object.keys(messages.errors).sort()).toEqual([...BACKUP_ERRORS].sort());
      expect(Object.keys(messages.offsite).sort()).toEqual([...OFFSITE_ERRORS].sort());
    }
  });

  it('say why a merge or an upgrade did not happen, with the backup’s reason', async () => {
    const [zh, english] = [await translator('zh-CN'), await translator('en')];
    expect(errorMessage(zh, new ApiError('BACKUP_FAILED', '', { reason: 'disk_full', when: 'merge' }))).toBe(
      '合并前的备份没有成功：磁盘空间不足，备份没有写完。文件没有合并，总部数据没有改动。',
    );
    expect(errorMessage(english, new ApiError('BACKUP_FAILED', '', { reason: 'copy_failed', when: 'migration' }))).toBe(
      'The backup before the upgrade failed: The backup could not be written into the backups folder. The database was not upgraded; fix this and open the app again.',
    );
    expect(errorMessage(zh, new ApiError('BACKUP_FAILED', '', { reason: 'corrupt' }))).toBe(
      '备份没有成功：备份文件校验没有通过（文件已损坏），已删除。',
    );
  });

  it('say what is wrong with a second destination', async () => {
    const zh = await translator('zh-CN');
    const refused = new ApiError('VALIDATION', '', { issues: [{ field: 'destination', rule: 'folder_missing' }] });
    expect(fieldErrors(zh, refused)).toEqual({ destination: '找不到这个文件夹' });
  });
});
