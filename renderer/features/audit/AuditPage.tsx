import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Box,
  Button,
  Card,
  CardContent,
  MenuItem,
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
import type { AuditFilters, AuditItem, AuditRefs, OutputOf } from '../../../shared/contract/index';
import { api } from '../../api/client';
import { useSession } from '../../app/session';
import { DateField } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AuditDetail } from './AuditDetail';
import { AuditExport } from './AuditExport';
import { actionText, auditTable, groupText, mergeRefs } from './auditText';
import { NO_REFS } from './auditValues';
import { MemberPicker, type PickedMember } from './MemberPicker';

interface Picks {
  staffId: string;
  member: PickedMember | null;
  action: string;
  from: string;
  to: string;
  branchId: string;
}

const NO_PICKS: Picks = { staffId: '', member: null, action: '', from: '', to: '', branchId: '' };

/** The filters as the services take them: what is blank is left out. */
function filtersOf(p: Picks): AuditFilters {
  const f: AuditFilters = {};
  if (p.staffId) f.staffId = p.staffId;
  if (p.member) f.memberId = p.member.id;
  if (p.action) f.action = p.action;
  if (p.from) f.from = p.from;
  if (p.to) f.to = p.to;
  if (p.branchId) f.branchId = p.branchId;
  return f;
}

/** 审计日志 (admins): the trail newest first, filtered; a row opens its before/after; 导出 CSV. At HQ, a branch's rows by branch. */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  const { branch } = useSession();
  const hq = branch.kind === 'hq';
  const [picks, setPicks] = useState<Picks>(NO_PICKS);
  const [choices, setChoices] = useState<OutputOf<'audit.choices'> | null>(null);
  const [page, setPage] = useState<{ items: AuditItem[]; next: string | null; refs: AuditRefs } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState<AuditItem | null>(null);
  const latest = useRef(0);
  const filters = useMemo(() => filtersOf(picks), [picks]);
  const set = (patch: Partial<Picks>) => setPicks((p) => ({ ...p, ...patch }));

  useEffect(() => {
    api
      .call('audit.choices', picks.branchId ? { branchId: picks.branchId } : {})
      .then(setChoices)
      .catch(setError);
  }, [picks.branchId]);

  // Only the answer to the latest filters is shown, as in every search box.
  async function load(after: string | null) {
    const ticket = ++latest.current;
    try {
      const r = await api.call('audit.list', { ...filters, ...(after ? { after } : {}) });
      if (ticket !== latest.current) return;
      setPage((p) => (after && p ? { items: [...p.items, ...r.items], next: r.next, refs: mergeRefs(p.refs, r.refs) } : r));
      setError(null);
    } catch (err) {
      if (ticket === latest.current) setError(err);
    }
  }
  // load reads the filters it is run for: a new set of filters starts from the first page.
  useEffect(() => {
    void load(null);
  }, [filters]);

  const groups = useMemo(() => [...new Set((choices?.actions ?? []).map((a) => a.split('.')[0]))], [choices]);
  const refs = page?.refs ?? NO_REFS;
  // At HQ, its own rows (no branch picked) name its roles in HQ's words.
  const hqOwn = hq && !picks.branchId;
  const table = auditTable(t, i18n.language, page?.items ?? [], refs, hqOwn);

  return (
    <Stack spacing={2} data-testid="audit-page">
      <Typography variant="h5">{t('audit.title')}</Typography>
      <Typography color="text.secondary">{t('audit.intro')}</Typography>
      <Card>
        <CardContent>
          <Stack direction="row" spacing={1.5} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
            {hq && (
              <TextField
                select
                size="small"
                label={t('audit.filters.branch')}
                value={picks.branchId}
                onChange={(e) => set({ branchId: e.target.value, staffId: '', action: '' })}
                sx={{ minWidth: 180 }}
                data-testid="audit-branch"
              >
                <MenuItem value="">{t('audit.filters.ownTrail')}</MenuItem>
                {(choices?.branches ?? []).map((b) => (
                  <MenuItem key={b.id} value={b.id}>
                    {b.name} ({b.code})
                  </MenuItem>
                ))}
              </TextField>
            )}
            <TextField
              select
              size="small"
              label={t('audit.filters.staff')}
              value={picks.staffId}
              onChange={(e) => set({ staffId: e.target.value })}
              sx={{ minWidth: 140 }}
              data-testid="audit-staff"
            >
              <MenuItem value="">{t('audit.filters.anyStaff')}</MenuItem>
              {(choices?.staff ?? []).map((s) => (
                <MenuItem key={s.id} value={s.id}>
                  {s.name}
                </MenuItem>
              ))}
            </TextField>
            {!hq && <MemberPicker value={picks.member} onChange={(member) => set({ member })} />}
            <TextField
              select
              size="small"
              label={t('audit.filters.action')}
              value={picks.action}
              onChange={(e) => set({ action: e.target.value })}
              sx={{ minWidth: 200 }}
              data-testid="audit-action"
            >
              <MenuItem value="">{t('audit.filters.anyAction')}</MenuItem>
              {groups.flatMap((g) => [
                <MenuItem key={g} value={g} sx={{ fontWeight: 600 }}>
                  {t('audit.filters.allOfGroup', { group: groupText(t, g) })}
                </MenuItem>,
                ...(choices?.actions ?? [])
                  .filter((a) => a.startsWith(`${g}.`))
                  .map((a) => (
                    <MenuItem key={a} value={a} sx={{ pl: 4 }}>
                      {actionText(t, a)}
                    </MenuItem>
                  )),
              ])}
            </TextField>
            <DateField
              size="small"
              name="from"
              label={t('audit.filters.from')}
              value={picks.from}
              onChange={(from) => set({ from })}
              sx={{ width: 170 }}
            />
            <DateField
              size="small"
              name="to"
              label={t('audit.filters.to')}
              value={picks.to}
              onChange={(to) => set({ to })}
              sx={{ width: 170 }}
            />
            <Button size="small" onClick={() => setPicks({ ...NO_PICKS, branchId: picks.branchId })}>
              {t('audit.filters.clear')}
            </Button>
            <Box sx={{ flex: 1 }} />
            <AuditExport filters={filters} hqOwn={hqOwn} />
          </Stack>
        </CardContent>
      </Card>
      <ErrorAlert error={error} />
      <Card>
        <Table size="small" data-testid="audit-table">
          <TableHead>
            <TableRow>
              {table.columns.map((c) => (
                <TableCell key={c.key}>{c.header}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {(page?.items ?? []).map((item) => (
              <TableRow key={item.id} hover sx={{ cursor: 'pointer' }} onClick={() => setOpen(item)} data-testid="audit-row">
                {table.columns.map((c) => (
                  <TableCell
                    key={c.key}
                    sx={
                      c.key === 'changes'
                        ? { maxWidth: 320, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }
                        : { whiteSpace: c.noWrap ? 'nowrap' : undefined }
                    }
                  >
                    {String(c.value?.(item) ?? '')}
                  </TableCell>
                ))}
              </TableRow>
            ))}
            {page && page.items.length === 0 && (
              <TableRow>
                <TableCell colSpan={table.columns.length}>
                  <Typography color="text.secondary">{t('audit.noRows')}</Typography>
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </Card>
      {page && (
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
          <Typography color="text.secondary">{t('audit.shown', { count: page.items.length })}</Typography>
          {page.next && (
            <Button onClick={() => void load(page.next)} data-testid="audit-more">
              {t('audit.more')}
            </Button>
          )}
        </Stack>
      )}
      <AuditDetail item={open} refs={refs} onClose={() => setOpen(null)} memberLinks={!hq} hqOwn={hqOwn} />
    </Stack>
  );
}
