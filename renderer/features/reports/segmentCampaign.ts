import type { TFunction } from 'i18next';
import type { CampaignMember, SegmentCampaign, SegmentFollowupsResult } from '../../../shared/contract/segment-actions';
import type { ReportColumn } from '../../components/reports/columns';
import { fileStem, type ReportTableData } from '../../components/reports/exportFile';

/**
 * The number an SMS or WeChat tool takes: a mainland number as its 11 digits (no +86, no spaces,
 * and nothing a spreadsheet reads as a formula), any other in E.164.
 */
export function campaignPhone(e164: string): string {
  return e164.startsWith('+86') ? e164.slice(3) : e164;
}

/** The campaign file's columns: the segment list's headers, the segment's name, no CLV or consent (all have it). */
export function campaignColumns(t: TFunction): ReportColumn<CampaignMember>[] {
  const c = (key: string) => t(`reports.rfm.list.columns.${key}`);
  return [
    { key: 'name', header: c('name') },
    { key: 'cardNo', header: c('cardNo') },
    { key: 'phone', header: c('phone'), value: (m) => campaignPhone(m.phone) },
    { key: 'tier', header: c('tier'), value: (m) => m.tierName },
    { key: 'segment', header: t('reports.rfm.columns.segment'), value: (m) => t(`reports.rfm.segments.${m.segment}`) },
    { key: 'recencyDays', header: c('recencyDays'), kind: 'number' },
    { key: 'frequency', header: c('frequency'), kind: 'number' },
    { key: 'monetaryFen', header: c('monetaryFen'), kind: 'money' },
    { key: 'r', header: c('r'), kind: 'number' },
    { key: 'f', header: c('f'), kind: 'number' },
    { key: 'm', header: c('m'), kind: 'number' },
  ];
}

export function campaignTable(t: TFunction, campaign: SegmentCampaign): ReportTableData<CampaignMember> {
  return { columns: campaignColumns(t), rows: campaign.items };
}

/** What the manager is told before the download: how many are in the file, and who was left out. */
export function campaignNotice(t: TFunction, campaign: SegmentCampaign): string[] {
  const lines = [
    t('reports.rfm.actions.campaignCount', {
      count: campaign.items.length,
      members: campaign.members,
      excluded: campaign.excludedNoConsent,
    }),
  ];
  if (campaign.excludedInactive > 0) lines.push(t('reports.rfm.actions.campaignInactive', { count: campaign.excludedInactive }));
  return lines;
}

/** The file name without extension: the segment and the date its members were scored on. */
export function campaignFileName(t: TFunction, campaign: SegmentCampaign): string {
  return fileStem(t('reports.rfm.files.campaign', { segment: t(`reports.rfm.segments.${campaign.segment}`) }), campaign.asOf);
}

/** "已创建 N 条", then why each skipped member was skipped: no marketing consent, a task already planned, deactivated. */
export function followupsResultText(t: TFunction, r: SegmentFollowupsResult): string {
  const a = (key: string, count: number) => t(`reports.rfm.actions.${key}`, { count });
  const reasons = [
    r.skippedBy.noConsent > 0 && a('skippedNoConsent', r.skippedBy.noConsent),
    r.skippedBy.planned > 0 && a('skippedPlanned', r.skippedBy.planned),
    r.skippedBy.inactive > 0 && a('skippedInactive', r.skippedBy.inactive),
  ].filter((x): x is string => !!x);
  const created = a('created', r.created);
  return reasons.length === 0
    ? created
    : t('reports.rfm.actions.createdSkipped', {
        created,
        skipped: r.skipped,
        reasons: reasons.join(t('reports.rfm.actions.reasonSeparator')),
      });
}
