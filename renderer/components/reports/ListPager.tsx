import { Button, Stack } from '@mui/material';
import { useTranslation } from 'react-i18next';

/**
 * Previous / next / close for a paged list inside a report frame (a segment's members, the sales
 * behind a bar). `last` is the 1-based position of the page's last row. No close button for a
 * list that is a page of its own (HQ's merge log).
 */
export function ListPager({
  page,
  last,
  total,
  loading,
  onPage,
  onClose,
}: {
  page: number;
  last: number;
  total: number;
  loading: boolean;
  onPage: (page: number) => void;
  onClose?: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <Button size="small" disabled={page === 0 || loading} onClick={() => onPage(page - 1)}>
        {t('reportFrame.pager.previous')}
      </Button>
      <Button size="small" disabled={last >= total || loading} onClick={() => onPage(page + 1)}>
        {t('reportFrame.pager.next')}
      </Button>
      {onClose && (
        <Button size="small" color="inherit" onClick={onClose}>
          {t('reportFrame.pager.close')}
        </Button>
      )}
    </Stack>
  );
}
