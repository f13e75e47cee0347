import { useCallback, useEffect, useRef, useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Chip,
  LinearProgress,
  Link,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import type { DuplicatePair, DuplicateSide } from '../../../shared/contract/member-duplicates';
import { displayPhone } from '../../../shared/phone';
import { api } from '../../api/client';
import { useConfirm } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate } from '../../components/format';
import { MergeMemberDialog } from './MergeMemberDialog';

const PAGE_SIZE = 20;
const ROWS = ['name', 'phone', 'cardNo', 'birthday', 'createdAt', 'lastSaleAt', 'points', 'tier'] as const;

const pairId = (p: DuplicatePair) => `${p.first.id}|${p.second.id}`;

/** The member who stays and the one merged in: the earlier registration stays unless swapped. */
function sidesOf(pair: DuplicatePair, swapped: boolean): [DuplicateSide, DuplicateSide] {
  return swapped ? [pair.second, pair.first] : [pair.first, pair.second];
}

/**
 * 可能重复的会员 (docs/members.md "Possible duplicates"): every pair of active members who may be
 * one person, side by side; 合并… opens the member merge with the pair chosen, 不是同一人 puts the
 * pair away. The address holds the page, so Back from a member comes back to it.
 */
export function DuplicatesPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [answer, setAnswer] = useState<{ items: DuplicatePair[]; total: number } | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [swapped, setSwapped] = useState<Set<string>>(new Set());
  const [merging, setMerging] = useState<[DuplicateSide, DuplicateSide] | null>(null);
  const { confirm, dialog } = useConfirm();
  const latest = useRef(0);

  const load = useCallback(() => {
    // A merge or a dismissal reloads while a page may still be coming: only the latest is shown.
    const ticket = ++latest.current;
    setLoading(true);
    api.call('members.possibleDuplicates', { offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }).then(
      (r) => {
        if (ticket !== latest.current) return;
        setLoading(false);
        setError(null);
        // The last pair of the last page gone: show the page before.
        if (r.items.length === 0 && page > 1) setParams({ page: String(Math.max(1, Math.ceil(r.total / PAGE_SIZE))) });
        else setAnswer(r);
      },
      (err) => {
        if (ticket !== latest.current) return;
        setLoading(false);
        setError(err);
      },
    );
  }, [page, setParams]);

  useEffect(load, [load]);

  const toggleSwap = (pair: DuplicatePair) =>
    setSwapped((s) => {
      const next = new Set(s);
      if (!next.delete(pairId(pair))) next.add(pairId(pair));
      return next;
    });

  async function dismiss(pair: DuplicatePair) {
    const names = { first: pair.first.name, second: pair.second.name };
    const yes = await confirm({
      title: t('memberDuplicates.dismissTitle', names),
      message: t('memberDuplicates.dismissMessage'),
      confirmLabel: t('memberDuplicates.dismissConfirm'),
    });
    if (!yes) return;
    try {
      await api.call('members.dismissDuplicate', { memberId: pair.first.id, otherId: pair.second.id });
      setNotice(t('memberDuplicates.dismissed', names));
      load();
    } catch (err) {
      setError(err);
    }
  }

  const cell = (s: DuplicateSide, row: (typeof ROWS)[number]) => {
    switch (row) {
      case 'name':
        return (
          <Link component="button" onClick={() => navigate(`/members/${s.id}`)} data-testid="duplicate-open">
            {s.name}
          </Link>
        );
      case 'phone':
        return s.phone.startsWith('+') ? displayPhone(s.phone) : s.phone;
      case 'cardNo':
        return <Box sx={{ fontFamily: 'monospace' }}>{s.cardNo}</Box>;
      case 'birthday':
        return formatDate(s.birthday, i18n.language);
      case 'createdAt':
        return formatDate(s.createdAt, i18n.language);
      case 'lastSaleAt':
        return formatDate(s.lastSaleAt, i18n.language) || '—';
      case 'points':
        return s.points.toLocaleString('en-US');
      case 'tier':
        return s.tierName;
    }
  };

  const total = answer?.total ?? 0;
  const shown = answer?.items ?? [];
  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="h5" component="h1">
          {t('memberDuplicates.title')}
        </Typography>
        <Box sx={{ flex: 1 }} />
        <Button variant="outlined" onClick={() => navigate('/members')}>
          {t('memberDuplicates.back')}
        </Button>
      </Stack>
      <Typography color="text.secondary">{t('memberDuplicates.intro')}</Typography>
      {notice && (
        <Alert severity="success" onClose={() => setNotice(null)} data-testid="duplicates-notice">
          {notice}
        </Alert>
      )}
      <ErrorAlert error={error} />
      {loading && <LinearProgress />}
      {answer && shown.length === 0 && (
        <Paper variant="outlined" sx={{ p: 2 }}>
          <Typography color="text.secondary" data-testid="duplicates-empty">
            {t('memberDuplicates.empty')}
          </Typography>
        </Paper>
      )}
      {shown.map((pair) => {
        const [keep, mergeIn] = sidesOf(pair, swapped.has(pairId(pair)));
        return (
          <Paper key={pairId(pair)} variant="outlined" sx={{ p: 2 }} data-testid="duplicates-pair">
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
              <Chip size="small" color="warning" label={t(`memberDuplicates.bases.${pair.basis}`)} data-testid="duplicate-basis" />
              <Box sx={{ flex: 1 }} />
              <Button size="small" onClick={() => toggleSwap(pair)} data-testid="duplicate-swap">
                {t('memberDuplicates.swap')}
              </Button>
              <Button size="small" onClick={() => void dismiss(pair)} data-testid="duplicate-dismiss">
                {t('memberDuplicates.dismiss')}
              </Button>
              <Button
                size="small"
                variant="contained"
                color="warning"
                onClick={() => setMerging([keep, mergeIn])}
                data-testid="duplicate-merge"
              >
                {t('memberDuplicates.merge')}
              </Button>
            </Stack>
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell sx={{ width: 120 }} />
                  <TableCell sx={{ width: '40%' }}>{t('memberDuplicates.keep')}</TableCell>
                  <TableCell>{t('memberDuplicates.mergeIn')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {ROWS.map((row) => (
                  <TableRow key={row} data-testid={`duplicate-row-${row}`}>
                    <TableCell sx={{ color: 'text.secondary' }}>{t(`memberDuplicates.rows.${row}`)}</TableCell>
                    <TableCell>{cell(keep, row)}</TableCell>
                    <TableCell>{cell(mergeIn, row)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Paper>
        );
      })}
      {total > 0 && (
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <Typography variant="body2" color="text.secondary" data-testid="duplicates-count">
            {t('memberDuplicates.count', { total: total.toLocaleString('en-US') })}
            {total > PAGE_SIZE &&
              ` · ${t('memberDuplicates.range', { from: (page - 1) * PAGE_SIZE + 1, to: Math.min(page * PAGE_SIZE, total) })}`}
          </Typography>
          <Box sx={{ flex: 1 }} />
          <Button size="small" disabled={page <= 1} onClick={() => setParams({ page: String(page - 1) })} data-testid="duplicates-prev">
            {t('reportFrame.pager.previous')}
          </Button>
          <Button
            size="small"
            disabled={page * PAGE_SIZE >= total}
            onClick={() => setParams({ page: String(page + 1) })}
            data-testid="duplicates-next"
          >
            {t('reportFrame.pager.next')}
          </Button>
        </Stack>
      )}
      {merging && (
        <MergeMemberDialog
          member={merging[0]}
          duplicate={merging[1]}
          open
          onClose={() => setMerging(null)}
          onMerged={(done) => {
            setNotice(
              t('memberDuplicates.merged', {
                from: done.merged.name,
                fromCard: done.merged.cardNo,
                to: done.kept.name,
                toCard: done.kept.cardNo,
              }),
            );
            load();
          }}
        />
      )}
      {dialog}
    </Stack>
  );
}
