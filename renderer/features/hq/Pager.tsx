import { Button, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';

/** "第 21–40 条，共 57 条" with previous and next, for HQ's paged lists; nothing when one page holds all. */
export function Pager({ page, pageSize, total, loading, onPage }: { page: number; pageSize: number; total: number; loading: boolean; onPage: (page: number) => void }) {
  const { t } = useTranslation();
  if (total <= pageSize && page === 0) return null;
  const from = total === 0 ? 0 : page * pageSize + 1;
  const to = Math.min(total, (page + 1) * pageSize);
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <Typography variant="body2" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
        {t('hq.range', { from, to, total })}
      </Typography>
      <Button size="small" disabled={page === 0 || loading} onClick={() => onPage(page - 1)}>
        {t('reportFrame.pager.previous')}
      </Button>
      <Button size="small" disabled={to >= total || loading} onClick={() => onPage(page + 1)}>
        {t('reportFrame.pager.next')}
      </Button>
    </Stack>
  );
}
