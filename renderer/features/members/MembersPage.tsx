import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Box,
  Button,
  Chip,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TableSortLabel,
  Tooltip,
  Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import type { MemberListItem, MemberListPage, MemberListSort } from '../../../shared/contract/member-list';
import type { Tier } from '../../../shared/contract/tiers';
import { displayPhone } from '../../../shared/phone';
import { roleAtLeast } from '../../../shared/roles';
import { api } from '../../api/client';
import { useSession } from '../../app/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate } from '../../components/format';
import { defaultOrder, firstPage, hasFilters, listInput, paramsFromView, viewFromParams, type ListView } from './listParams';
import { MemberExport } from './MemberExport';
import { MemberFilters } from './MemberFilters';

type Column = 'cardNo' | 'name' | 'phone' | 'tier' | 'points' | 'tags' | 'lastSaleAt' | 'createdAt' | 'status';
const COLUMNS: Column[] = ['cardNo', 'name', 'phone', 'tier', 'points', 'tags', 'lastSaleAt', 'createdAt', 'status'];
const SORTABLE: Partial<Record<Column, MemberListSort>> = {
  cardNo: 'cardNo',
  name: 'name',
  lastSaleAt: 'lastSaleAt',
  createdAt: 'createdAt',
};

function StatusChip({ member }: { member: MemberListItem }) {
  const { t } = useTranslation();
  if (member.mergedInto) return <Chip size="small" color="warning" label={t('memberMerge.merged')} />;
  return member.status === 'inactive' ? <Chip size="small" label={t('common.inactive')} /> : null;
}

/**
 * 会员: every member of the store, filtered and sorted, a page at a time; a row opens the member.
 * The address holds the filters, sort and page, so Back from a member comes back to this list.
 */
export function MembersPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { staff } = useSession();
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => viewFromParams(params), [params]);
  const [page, setPage] = useState<MemberListPage | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tiers, setTiers] = useState<Tier[]>([]);
  const latest = useRef(0);

  useEffect(() => {
    api.call('tiers.list', {}).then((c) => setTiers(c.tiers), setError);
  }, []);

  // Filters change faster than a million members answer: only the latest answer is shown.
  useEffect(() => {
    const ticket = ++latest.current;
    api.call('members.list', listInput(view)).then(
      (r) => {
        if (ticket !== latest.current) return;
        setPage(r);
        setError(null);
      },
      (err) => ticket === latest.current && setError(err),
    );
  }, [view]);

  const show = (next: ListView) => setParams(paramsFromView(next));
  const sortBy = (sort: MemberListSort) =>
    show(firstPage(view, { sort, order: sort === view.sort ? (view.order === 'asc' ? 'desc' : 'asc') : defaultOrder(sort) }));
  const cell = (m: MemberListItem, c: Column) => {
    switch (c) {
      case 'cardNo':
        return <Box sx={{ fontFamily: 'monospace' }}>{m.cardNo}</Box>;
      case 'name':
        return m.name;
      case 'phone':
        return (
          <Box sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{m.phone.startsWith('+') ? displayPhone(m.phone) : m.phone}</Box>
        );
      case 'tier':
        return m.tierName;
      case 'points':
        return m.points.toLocaleString('en-US');
      case 'tags':
        return m.tags.map((tag) => <Chip key={tag} size="small" variant="outlined" label={tag} sx={{ mr: 0.5 }} />);
      case 'lastSaleAt':
        return formatDate(m.lastSaleAt, i18n.language);
      case 'createdAt':
        return formatDate(m.createdAt, i18n.language);
      case 'status':
        return <StatusChip member={m} />;
    }
  };

  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="h5" component="h1">
          {t('membersList.title')}
        </Typography>
        <Box sx={{ flex: 1 }} />
        {roleAtLeast(staff.role, 'manager') && (
          <>
            <Button variant="outlined" onClick={() => navigate('/members/duplicates')} data-testid="open-duplicates">
              {t('memberDuplicates.open')}
            </Button>
            <MemberExport filters={view.filters} />
          </>
        )}
      </Stack>
      <MemberFilters filters={view.filters} tiers={tiers} onChange={(filters) => show(firstPage(view, { filters }))} />
      <ErrorAlert error={error} />
      <Paper variant="outlined">
        <Table size="small" data-testid="members-table">
          <TableHead>
            <TableRow>
              {COLUMNS.map((c) => {
                const sort = SORTABLE[c];
                const label = t(`membersList.columns.${c}`);
                return (
                  <TableCell
                    key={c}
                    align={c === 'points' ? 'right' : 'left'}
                    sx={{ whiteSpace: 'nowrap' }}
                    sortDirection={sort === view.sort ? view.order : false}
                  >
                    {sort ? (
                      <Tooltip title={c === 'name' ? t('membersList.nameSortHelp') : ''}>
                        <TableSortLabel
                          active={sort === view.sort}
                          direction={sort === view.sort ? view.order : defaultOrder(sort)}
                          onClick={() => sortBy(sort)}
                          data-testid={`members-sort-${c}`}
                        >
                          {label}
                        </TableSortLabel>
                      </Tooltip>
                    ) : (
                      label
                    )}
                  </TableCell>
                );
              })}
            </TableRow>
          </TableHead>
          <TableBody>
            {page?.items.map((m) => (
              <TableRow key={m.id} hover sx={{ cursor: 'pointer' }} onClick={() => navigate(`/members/${m.id}`)} data-testid="members-row">
                {COLUMNS.map((c) => (
                  <TableCell key={c} align={c === 'points' ? 'right' : 'left'} data-testid={`members-cell-${c}`}>
                    {cell(m, c)}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
        {page && page.items.length === 0 && (
          <Typography color="text.secondary" sx={{ p: 2 }} data-testid="members-empty">
            {hasFilters(view.filters) ? t('membersList.empty') : t('membersList.emptyAll')}
          </Typography>
        )}
      </Paper>
      {page && page.items.length > 0 && (
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <Typography variant="body2" color="text.secondary" data-testid="members-count">
            {t(page.totalCapped ? 'membersList.countCapped' : 'membersList.count', { total: page.total.toLocaleString('en-US') })} ·{' '}
            {t('membersList.page', { page: view.page })}
          </Typography>
          <Box sx={{ flex: 1 }} />
          <Button
            size="small"
            disabled={!page.prev}
            onClick={() =>
              show(view.page <= 2 ? firstPage(view, {}) : { ...view, after: undefined, before: page.prev!, page: view.page - 1 })
            }
            data-testid="members-prev"
          >
            {t('reportFrame.pager.previous')}
          </Button>
          <Button
            size="small"
            disabled={!page.next}
            onClick={() => show({ ...view, before: undefined, after: page.next!, page: view.page + 1 })}
            data-testid="members-next"
          >
            {t('reportFrame.pager.next')}
          </Button>
        </Stack>
      )}
    </Stack>
  );
}
