import { useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  LinearProgress,
  Link,
  Stack,
  Tab,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Tabs,
  Typography,
} from '@mui/material';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import type { Conflict } from '../../../shared/contract/hq';
import { displayPhone } from '../../../shared/phone';
import { roleAtLeast } from '../../../shared/roles';
import { api } from '../../api/client';
import { useSession } from '../../app/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, formatTime } from '../../components/format';
import { useReport } from '../reports/useReport';
import { Pager } from './Pager';

const PAGE_SIZE = 50;
type Status = Conflict['status'];

/** A profile value as people read it: genders translated, birthdays as the person page shows them, nothing as "(empty)". */
export function fieldValue(t: TFunction, field: string, value: string | null, locale: string): string {
  if (value === null || value === '') return t('hq.conflicts.empty_value');
  if (field === 'birthday') return formatDate(value, locale);
  return field === 'gender' ? t(`member.genders.${value}`, { defaultValue: value }) : value;
}

/** 冲突处理 (HQ): one person's differing profile values across branches; choosing the value to keep settles that field. */
export function ConflictsPage() {
  const { t, i18n } = useTranslation();
  const { staff } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const status: Status = params.get('status') === 'resolved' ? 'resolved' : 'open';
  const [page, setPage] = useState(0);
  const [refresh, setRefresh] = useState(0);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const allowed = roleAtLeast(staff.role, 'manager');
  const {
    data,
    error: loadError,
    loading,
  } = useReport('hq.conflicts', allowed ? { status, offset: page * PAGE_SIZE, limit: PAGE_SIZE } : null, refresh);

  if (!allowed) return <Alert severity="info">{t('hq.forbidden')}</Alert>;

  async function keep(conflict: Conflict, value: string) {
    setBusy(conflict.id);
    setError(null);
    setDone(null);
    try {
      const { resolved } = await api.call('hq.resolveConflict', { id: conflict.id, value });
      setDone(
        conflict.status === 'open'
          ? t('hq.conflicts.resolved', { count: resolved })
          : t('hq.conflicts.changed', { value: fieldValue(t, conflict.field, value, i18n.language) }),
      );
      setRefresh((n) => n + 1);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  }

  const c = (key: string) => t(`hq.conflicts.columns.${key}`);
  const head =
    status === 'open'
      ? ['person', 'field', 'current', 'value', 'source', 'keep']
      : ['person', 'field', 'value', 'source', 'resolvedValue', 'resolvedAt', 'resolvedBy', 'change'];
  const items = data?.items ?? [];

  return (
    <Stack spacing={2}>
      <Typography>{t('hq.conflicts.intro')}</Typography>
      <Tabs
        value={status}
        onChange={(_, v: Status) => {
          setPage(0);
          setDone(null);
          setParams(v === 'open' ? {} : { status: v }, { replace: true });
        }}
      >
        <Tab value="open" label={t('hq.conflicts.tabs.open')} />
        <Tab value="resolved" label={t('hq.conflicts.tabs.resolved')} />
      </Tabs>
      {loading && <LinearProgress aria-label={t('app.loading')} />}
      <ErrorAlert error={loadError ?? error} />
      {done && <Alert severity="success">{done}</Alert>}
      <Card>
        <CardContent>
          <Box sx={{ display: 'flex', justifyContent: 'flex-end' }}>
            <Pager page={page} pageSize={PAGE_SIZE} total={data?.total ?? 0} loading={loading} onPage={setPage} />
          </Box>
          <TableContainer>
            <Table size="small" aria-label={t(`hq.conflicts.tabs.${status}`)} data-testid="conflicts">
              <TableHead>
                <TableRow>
                  {head.map((key) => (
                    <TableCell key={key} sx={{ fontWeight: 700, whiteSpace: 'nowrap' }}>
                      {c(key)}
                    </TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {data && items.length === 0 && (
                  <TableRow>
                    <TableCell colSpan={head.length} align="center" sx={{ color: 'text.secondary', py: 3 }}>
                      {t(`hq.conflicts.empty.${status}`)}
                    </TableCell>
                  </TableRow>
                )}
                {items.map((x) => (
                  <TableRow key={x.id} data-testid="conflict">
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>
                      {/* The person, by phone: the member's name is in 来自, as one of the values. */}
                      <Link component="button" onClick={() => navigate(`/people?phone=${encodeURIComponent(x.personKey)}`)}>
                        {x.personKey.startsWith('+') ? displayPhone(x.personKey) : x.personKey}
                      </Link>
                    </TableCell>
                    <TableCell>{t(`hq.conflicts.fields.${x.field}`, { defaultValue: x.field })}</TableCell>
                    {status === 'open' && <TableCell>{fieldValue(t, x.field, x.currentValue, i18n.language)}</TableCell>}
                    <TableCell>{fieldValue(t, x.field, x.value, i18n.language)}</TableCell>
                    <TableCell>
                      {t('hq.conflicts.source', {
                        branch: x.branch.name,
                        code: x.branch.code,
                        name: x.memberName,
                        at: formatTime(x.valueUpdatedAt, i18n.language),
                      })}
                    </TableCell>
                    {status === 'open' ? (
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>
                        <Button
                          size="small"
                          disabled={busy !== null || x.currentValue === null}
                          onClick={() => void keep(x, x.currentValue ?? '')}
                        >
                          {t('hq.conflicts.keepCurrent')}
                        </Button>
                        <Button size="small" variant="outlined" disabled={busy !== null} onClick={() => void keep(x, x.value)}>
                          {t('hq.conflicts.keepValue')}
                        </Button>
                      </TableCell>
                    ) : (
                      <>
                        <TableCell>{fieldValue(t, x.field, x.resolvedValue, i18n.language)}</TableCell>
                        <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatTime(x.resolvedAt, i18n.language)}</TableCell>
                        <TableCell>{x.resolvedByName ?? t('common.none')}</TableCell>
                        <TableCell sx={{ whiteSpace: 'nowrap' }}>
                          {x.value !== x.resolvedValue && (
                            <Button size="small" disabled={busy !== null} onClick={() => void keep(x, x.value)}>
                              {t('hq.conflicts.changeTo')}
                            </Button>
                          )}
                        </TableCell>
                      </>
                    )}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        </CardContent>
      </Card>
    </Stack>
  );
}
