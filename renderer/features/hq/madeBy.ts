import type { TFunction } from 'i18next';

// Who made an export or a merge. The command line (`npm run hq`, scripts/hq.ts) works as no staff
// member: the services answer null for it, and the page says 命令行导出 / 命令行合并.

export function exportedBy(t: TFunction, name: string | null): string {
  return name ?? t('hq.export.byCommandLine');
}

export function mergedBy(t: TFunction, name: string | null): string {
  return name ?? t('hq.merge.byCommandLine');
}
