/**
 * A void's points entries now cancel its sale's own in the report summaries (docs/reports.md):
 * summaries kept before counted them as issued and reversed. Nothing in the schema changes; the
 * summaries are marked stale, as a member merge marks them (invalidateSummary), so the next
 * catch-up rebuilds them from the rows. A store without summaries yet has nothing to mark.
 */
export const sql = /* sql */ `
UPDATE report_state SET last_id = NULL WHERE source = 'timezone';
`;
