import { Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { ListPager } from '../../components/reports/ListPager';

/** "第 21–40 条，共 57 条" with previous and next, for HQ's paged lists; nothing when one page holds all. */
export function Pager({
  page,
  pageSize,
  total,
  loading,
  onPage,
}: {
  page: number;
  pageSize: number;
  total: number;
  loading: boolean;
  onPage: (page: number) => void;
}) {
  const { t } = useTranslation();
  if (total <= pageSize && page === 0) return null;
  const from = total === 0 ? 0 : page * pageSize + 1;
  const last = Math.min(total, (page + 1) * pageSize);
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <Typography variant="body2" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
        {t('hq.range', { from, to: last, total })}
      </Typography>
      <ListPager page={page} last={last} total={total} loading={loading} onPage={onPage} />
    </Stack>
  );
}
