import { useEffect, useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  List,
  ListItemButton,
  ListItemText,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Member, MemberMergePreview, MemberMergeResult, MemberMergeSide } from '../../../shared/contract/members';
import { formatYuan } from '../../../shared/money';
import { displayPhone } from '../../../shared/phone';
import { api, ApiError } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { useMemberSearch } from '../counter/useMemberSearch';

/** A member as the dialog names them. */
type Named = Pick<Member, 'id' | 'name' | 'cardNo'>;

interface Props {
  /** the member who stays: the page the manager is on */
  member: Named;
  /** the duplicate, when already known (a pair on the possible duplicates page): no search, its preview at once */
  duplicate?: Named;
  open: boolean;
  onClose: () => void;
  onMerged: (result: MemberMergeResult) => void;
}

const ROWS = ['cardNo', 'phone', 'points', 'sales', 'netFen', 'tier', 'openFollowups', 'feedback'] as const;

/**
 * 合并会员: find the duplicate with the counter's search, see both side by side and what the
 * member will have afterwards, then confirm in a second dialog that says what moves and that it
 * cannot be undone. The preview is asked of the service, which refuses what the merge would.
 */
export function MergeMemberDialog({ member, duplicate, open, onClose, onMerged }: Props) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const { result } = useMemberSearch(q);
  const [preview, setPreview] = useState<MemberMergePreview | null>(null);
  const [picked, setPicked] = useState<Pick<Named, 'id' | 'name'> | null>(null);
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  function close() {
    setQ('');
    setPreview(null);
    setPicked(null);
    setReason('');
    setConfirming(false);
    setError(null);
    onClose();
  }

  async function pick(hit: Pick<Named, 'id' | 'name'>) {
    setPicked(hit);
    setPreview(null);
    setError(null);
    try {
      setPreview(await api.call('members.mergePreview', { keepId: member.id, mergeId: hit.id }));
    } catch (err) {
      setError(err);
    }
  }

  // A known pair is previewed as the dialog opens, as a search hit is when picked.
  useEffect(() => {
    if (open && duplicate) void pick(duplicate);
  }, [open, duplicate?.id]);

  async function merge() {
    if (!preview) return;
    setBusy(true);
    try {
      const done = await api.call('members.merge', { keepId: member.id, mergeId: preview.merge.id, reason: reason.trim() || undefined });
      close();
      onMerged(done);
    } catch (err) {
      setConfirming(false);
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  // A deactivated member reads better named than as the counter's "no earning or spending".
  const message = (err: unknown) =>
    err instanceof ApiError && err.code === 'MEMBER_INACTIVE'
      ? t('memberMerge.inactive', { name: err.details.id === member.id ? member.name : (picked?.name ?? '') })
      : errorMessage(t, err);

  const cell = (s: MemberMergeSide, row: (typeof ROWS)[number]) => {
    switch (row) {
      case 'phone':
        return displayPhone(s.phone);
      case 'netFen':
        return formatYuan(s.netFen);
      case 'tier':
        return s.tierName;
      default:
        return String(s[row]);
    }
  };
  const afterCell = (p: MemberMergePreview, row: (typeof ROWS)[number]) => {
    switch (row) {
      case 'cardNo':
      case 'phone':
        return cell(p.keep, row);
      case 'points':
        return String(p.after.points);
      case 'sales':
        return String(p.after.sales);
      case 'netFen':
        return formatYuan(p.after.netFen);
      case 'tier':
        return p.after.tierName + (p.after.upgraded ? t('memberMerge.upgraded') : '');
      default:
        return String(p.after[row]);
    }
  };

  return (
    <>
      <Dialog open={open && !confirming} onClose={close} maxWidth="md" fullWidth data-testid="merge-dialog">
        <DialogTitle>{t('memberMerge.title', { name: member.name })}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <Typography color="text.secondary">
              {duplicate
                ? t('memberMerge.introPair', {
                    name: member.name,
                    cardNo: member.cardNo,
                    dupName: duplicate.name,
                    dupCardNo: duplicate.cardNo,
                  })
                : t('memberMerge.intro', { name: member.name, cardNo: member.cardNo })}
            </Typography>
            {!duplicate && (
              <TextField
                autoFocus
                label={t('memberMerge.search')}
                placeholder={t('memberMerge.searchPlaceholder')}
                value={q}
                onChange={(e) => setQ(e.target.value)}
                slotProps={{ htmlInput: { 'data-testid': 'merge-search', autoComplete: 'off' } }}
              />
            )}
            {!duplicate && q.trim() !== '' && (
              <List
                dense
                data-testid="merge-hits"
                sx={{ maxHeight: 220, overflow: 'auto', border: 1, borderColor: 'divider', borderRadius: 1 }}
              >
                {result.items.map((hit) => {
                  const self = hit.id === member.id;
                  return (
                    <ListItemButton
                      key={hit.id}
                      selected={picked?.id === hit.id}
                      disabled={self || hit.mergedInto !== null || hit.status !== 'active'}
                      onClick={() => void pick(hit)}
                      data-testid="merge-hit"
                    >
                      <ListItemText
                        primary={`${hit.name}  ${hit.phone.startsWith('+') ? displayPhone(hit.phone) : hit.phone}  ${hit.cardNo}`}
                      />
                      {self && <Chip size="small" label={t('memberMerge.self')} />}
                      {hit.mergedInto && <Chip size="small" label={t('memberMerge.merged')} />}
                      {!hit.mergedInto && hit.status !== 'active' && <Chip size="small" label={t('common.inactive')} />}
                    </ListItemButton>
                  );
                })}
                {result.items.length === 0 && (
                  <Typography sx={{ px: 2, py: 1 }} color="text.secondary">
                    {t('memberMerge.noHits')}
                  </Typography>
                )}
              </List>
            )}
            {preview && (
              <Box data-testid="merge-preview">
                <Typography variant="subtitle1">{t('memberMerge.preview')}</Typography>
                <Table size="small">
                  <TableHead>
                    <TableRow>
                      <TableCell />
                      <TableCell>{t('memberMerge.keep', { name: preview.keep.name })}</TableCell>
                      <TableCell>{t('memberMerge.merge', { name: preview.merge.name })}</TableCell>
                      <TableCell sx={{ fontWeight: 600 }}>{t('memberMerge.after')}</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {ROWS.map((row) => (
                      <TableRow key={row} data-testid={`merge-row-${row}`}>
                        <TableCell>{t(`memberMerge.rows.${row}`)}</TableCell>
                        <TableCell>{cell(preview.keep, row)}</TableCell>
                        <TableCell>{cell(preview.merge, row)}</TableCell>
                        <TableCell sx={{ fontWeight: 600 }}>{afterCell(preview, row)}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </Box>
            )}
            {preview && (
              <TextField
                label={t('memberMerge.reason')}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                slotProps={{ htmlInput: { maxLength: 200, 'data-testid': 'merge-reason' } }}
              />
            )}
            {error !== null && (
              <Alert severity="error" role="alert" data-testid="error-alert">
                {message(error)}
              </Alert>
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button variant="contained" color="warning" disabled={!preview} onClick={() => setConfirming(true)} data-testid="merge-next">
            {t('memberMerge.next')}
          </Button>
        </DialogActions>
      </Dialog>
      {preview && (
        <Dialog open={open && confirming} onClose={() => setConfirming(false)} maxWidth="sm" data-testid="merge-confirm">
          <DialogTitle>{t('memberMerge.confirmTitle')}</DialogTitle>
          <DialogContent>
            {[
              t('memberMerge.confirmMoves', {
                from: preview.merge.name,
                fromCard: preview.merge.cardNo,
                sales: preview.merge.sales,
                points: preview.merge.points,
                to: preview.keep.name,
                toCard: preview.keep.cardNo,
              }),
              t('memberMerge.confirmTier', { to: preview.keep.name, tier: preview.after.tierName }),
              t('memberMerge.confirmTombstone', { from: preview.merge.name, to: preview.keep.name }),
            ].map((text) => (
              <DialogContentText key={text} sx={{ mb: 1 }}>
                {text}
              </DialogContentText>
            ))}
            <DialogContentText sx={{ fontWeight: 600, color: 'error.main' }}>{t('memberMerge.confirmUndo')}</DialogContentText>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setConfirming(false)}>{t('common.cancel')}</Button>
            <Button variant="contained" color="error" disabled={busy} onClick={() => void merge()} data-testid="merge-confirm-button">
              {t('memberMerge.confirm')}
            </Button>
          </DialogActions>
        </Dialog>
      )}
    </>
  );
}
