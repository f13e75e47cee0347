import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Alert, Box, Button, Card, CardContent, CardHeader, LinearProgress, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import type { Person, PersonHit } from '../../../shared/contract/hq';
import { formatYuan } from '../../../shared/money';
import { displayPhone } from '../../../shared/phone';
import { roleAtLeast } from '../../../shared/roles';
import { ApiError } from '../../api/client';
import { fieldErrors } from '../../api/errors';
import { useSession } from '../../app/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, formatTime } from '../../components/format';
import { ReportTable } from '../../components/reports/ReportTable';
import type { ReportColumn } from '../../components/reports/columns';
import { useReport } from '../reports/useReport';
import { CardConsents } from './CardConsents';

type PersonBranch = Person['branches'][number];

function LabelledValue({ label, value, strong = false }: { label: string; value: string; strong?: boolean }) {
  return (
    <Box>
      <Typography variant="caption" color="text.secondary" component="div">
        {label}
      </Typography>
      <Typography variant={strong ? 'h6' : 'body2'} component="div" sx={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Typography>
    </Box>
  );
}

/** A whole phone number as typed (digits with +, spaces or dashes, seven digits or more): it names one person. */
const wholePhone = (s: string) => /^\+?[\d\s\u3000\-–—()]+$/.test(s) && s.replace(/\D/g, '').length >= 7;

/**
 * 会员查询 (HQ): people by a phone, its last digits, a card, a name or pinyin; one person by
 * phone: the profile HQ shows, each branch's card, the totals, open conflicts and each card's consents.
 */
export function PeoplePage() {
  const { t, i18n } = useTranslation();
  const { staff } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  // The phone (or the search) lives in the URL, so Back from the conflicts page returns to the same person, and from a person to the list.
  const phone = params.get('phone') ?? '';
  const q = phone ? '' : (params.get('q') ?? '');
  const [typed, setTyped] = useState(phone || q);
  // A link brings the stored form (+86…): shown as the clerk would type it.
  useEffect(() => setTyped(phone ? (phone.startsWith('+') ? displayPhone(phone) : phone) : q), [phone, q]);
  const allowed = roleAtLeast(staff.role, 'manager');
  // Pressing 查询 again asks again: a file merged since may have brought the person.
  const [asked, setAsked] = useState(0);
  const { data, error, loading } = useReport('hq.person', allowed && phone ? { phone } : null, asked);
  const found = useReport('hq.findPeople', allowed && q ? { q } : null, asked);
  // One person found by a card or a name opens at once; Back returns to before the search. Only
  // the answer to this search may open someone: the last search's answer is still held while
  // this one loads, and a single person in it would be opened again.
  useEffect(() => {
    const items = found.data?.items;
    if (q && found.current && items?.length === 1 && !found.data?.more) setParams({ phone: items[0].phone }, { replace: true });
  }, [found.data, found.current, q, setParams]);

  const hitColumns = useMemo<ReportColumn<PersonHit>[]>(() => {
    const c = (key: string) => t(`hq.people.hitColumns.${key}`);
    return [
      { key: 'name', header: c('name'), noWrap: true },
      { key: 'phone', header: c('phone'), value: (h) => displayPhone(h.phone), noWrap: true },
      {
        key: 'branches',
        header: c('branches'),
        value: (h) => h.branches.map((b) => t('hq.people.cardAt', { branch: b.name, cardNo: b.cardNo })).join('；'),
      },
      { key: 'matchedBy', header: c('matchedBy'), value: (h) => t(`hq.people.matchedBy.${h.matchedBy}`), noWrap: true },
    ];
  }, [t]);

  const columns = useMemo<ReportColumn<PersonBranch>[]>(() => {
    const c = (key: string) => t(`hq.people.columns.${key}`);
    return [
      { key: 'branch', header: c('branch'), value: (b) => `${b.branch.name}（${b.branch.code}）`, noWrap: true },
      { key: 'cardNo', header: c('cardNo'), noWrap: true },
      {
        key: 'name',
        header: c('name'),
        value: (b) => (b.merged ? `${b.name} · ${t('hq.people.mergedInto', { cardNo: b.mergedIntoCardNo ?? '' })}` : b.name),
      },
      { key: 'tierName', header: c('tier') },
      { key: 'orders', header: c('orders'), kind: 'number' },
      { key: 'netSalesFen', header: c('netSalesFen'), kind: 'money' },
      { key: 'pointsBalance', header: c('pointsBalance'), kind: 'number' },
      { key: 'lastPurchaseAt', header: c('lastPurchaseAt'), value: (b) => formatTime(b.lastPurchaseAt, i18n.language), noWrap: true },
    ];
  }, [t, i18n.language]);

  if (!allowed) return <Alert severity="info">{t('hq.forbidden')}</Alert>;

  function search(e: FormEvent) {
    e.preventDefault();
    const text = typed.trim();
    if (!text) return;
    setParams(wholePhone(text) ? { phone: text } : { q: text });
    setAsked((n) => n + 1);
  }

  const notFound = error instanceof ApiError && error.code === 'NOT_FOUND';
  const fields = fieldErrors(t, error);
  // A refused or unknown phone shows no one: the last person found would read as its answer.
  const person = phone && data && !error ? data.person : null;
  const profile: [string, string | null][] = person
    ? [
        [t('member.gender'), person.gender ? t(`member.genders.${person.gender}`, { defaultValue: person.gender }) : null],
        [t('member.birthday'), person.birthday ? formatDate(person.birthday, i18n.language) : null],
        [t('member.email'), person.email],
        [t('member.address'), person.address],
      ]
    : [];

  return (
    <Stack spacing={3}>
      <Card>
        <CardContent>
          <Typography sx={{ mb: 2 }}>{t('hq.people.intro')}</Typography>
          <Stack component="form" direction="row" spacing={1} onSubmit={search} sx={{ alignItems: 'flex-start' }}>
            <TextField
              size="small"
              name="phone"
              label={t('hq.people.query')}
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              autoFocus
              error={!!fields.phone}
              helperText={fields.phone ?? t('hq.people.phoneHelp')}
              sx={{ width: 420 }}
            />
            <Button type="submit" variant="contained" disabled={typed.trim() === ''}>
              {t('hq.people.search')}
            </Button>
          </Stack>
        </CardContent>
      </Card>
      {(loading || found.loading) && <LinearProgress aria-label={t('app.loading')} />}
      {notFound ? <Alert severity="info">{t('hq.people.notFound')}</Alert> : !fields.phone && <ErrorAlert error={error} />}
      {q && <ErrorAlert error={found.error} />}
      {q && found.data && found.current && (
        <Card>
          <CardHeader title={t('hq.people.hitsTitle', { q })} slotProps={{ title: { variant: 'h6', component: 'h2' } }} />
          <CardContent sx={{ pt: 0 }} data-testid="person-hits">
            <ReportTable
              columns={hitColumns}
              rows={found.data.items}
              rowKey={(h) => h.phone}
              onRowClick={(h) => setParams({ phone: h.phone })}
              emptyText={t('hq.people.noHits')}
              label={t('hq.people.hitsTitle', { q })}
            />
            {found.data.more && (
              <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
                {t('hq.people.more', { count: found.data.items.length })}
              </Typography>
            )}
          </CardContent>
        </Card>
      )}
      {person && !notFound && (
        <>
          <Card data-testid="person-profile">
            <CardHeader
              title={person.name}
              subheader={displayPhone(person.phone)}
              slotProps={{ title: { variant: 'h6', component: 'h2' } }}
            />
            <CardContent sx={{ pt: 0 }}>
              <Stack direction="row" sx={{ flexWrap: 'wrap', columnGap: 4, rowGap: 1.5 }}>
                {profile.map(([label, value]) => (
                  <LabelledValue key={label} label={label} value={value || t('common.none')} />
                ))}
              </Stack>
              <Typography variant="subtitle2" component="h3" sx={{ mt: 2.5, mb: 1 }}>
                {t('hq.people.totalsTitle')}
              </Typography>
              <Stack direction="row" sx={{ flexWrap: 'wrap', columnGap: 4, rowGap: 1 }} data-testid="person-totals">
                <LabelledValue label={t('hq.people.orders')} value={person.orders.toLocaleString('en-US')} strong />
                <LabelledValue label={t('hq.people.netSales')} value={formatYuan(person.netSalesFen)} strong />
                <LabelledValue label={t('hq.people.points')} value={person.pointsBalance.toLocaleString('en-US')} strong />
              </Stack>
              {person.openConflicts > 0 && (
                <Alert
                  severity="warning"
                  sx={{ mt: 2 }}
                  action={<Button onClick={() => navigate('/conflicts')}>{t('hq.people.goConflicts')}</Button>}
                >
                  {t('hq.people.openConflicts', { count: person.openConflicts })}
                </Alert>
              )}
            </CardContent>
          </Card>
          <Card>
            <CardHeader title={t('hq.people.branchesTitle')} slotProps={{ title: { variant: 'h6', component: 'h2' } }} />
            <CardContent sx={{ pt: 0 }} data-testid="person-branches">
              <ReportTable
                columns={columns}
                rows={person.branches}
                rowKey={(b) => b.memberId}
                emptyText={t('common.none')}
                label={t('hq.people.branchesTitle')}
              />
            </CardContent>
          </Card>
          <CardConsents branches={person.branches} />
        </>
      )}
    </Stack>
  );
}
