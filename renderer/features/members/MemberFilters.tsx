import { useEffect, useRef, useState } from 'react';
import { Autocomplete, Button, MenuItem, Stack, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { CONSENT_FILTERS, LAST_SALE_FILTERS, MEMBER_LIST_STATUSES } from '../../../shared/contract/member-list';
import type { Tier } from '../../../shared/contract/tiers';
import { api } from '../../api/client';
import { EnumSelect } from '../../components/EnumSelect';
import { DEFAULT_DAYS, hasFilters, MAX_DAYS, wholeNumber, type ListFilters } from './listParams';

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

/** Tags members have, found as the text is typed (members.tags); only the answer to the latest text is shown. */
function TagFilter({ value, onChange }: { value: string | undefined; onChange: (tag: string | undefined) => void }) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [options, setOptions] = useState<string[]>([]);
  const latest = useRef(0);
  useEffect(() => {
    const ticket = ++latest.current;
    api
      .call('members.tags', { q: typed.trim() || undefined, limit: 30 })
      .then((r) => ticket === latest.current && setOptions(r.items))
      .catch(() => ticket === latest.current && setOptions([]));
  }, [typed]);
  return (
    <Autocomplete
      size="small"
      sx={{ minWidth: 160 }}
      options={options}
      value={value ?? null}
      filterOptions={(o) => o}
      noOptionsText={t('membersList.filters.noTags')}
      onInputChange={(_e, text) => setTyped(text)}
      onChange={(_e, tag) => onChange(tag ?? undefined)}
      renderInput={(params) => (
        <TextField {...params} label={t('membersList.filters.tag')} placeholder={t('membersList.filters.tagPlaceholder')} />
      )}
      data-testid="members-filter-tag"
    />
  );
}

/** The number of days of 最近消费, applied on Enter or leaving the field; a number out of range says so and changes nothing. */
function DaysField({ days, onChange }: { days: number; onChange: (days: number) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(String(days));
  useEffect(() => setText(String(days)), [days]);
  const parsed = wholeNumber(text, 1, MAX_DAYS);
  const apply = () => {
    if (parsed !== undefined && parsed !== days) onChange(parsed);
  };
  return (
    <TextField
      size="small"
      sx={{ width: 110 }}
      label={t('membersList.filters.days')}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onBlur={apply}
      onKeyDown={(e) => e.key === 'Enter' && apply()}
      error={parsed === undefined}
      helperText={parsed === undefined ? t('membersList.filters.daysRange', { max: MAX_DAYS }) : undefined}
      slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': 'members-filter-days' } }}
    />
  );
}

/** The filter bar of the 会员 page. Every change starts the list again from its first page. */
export function MemberFilters({
  filters,
  tiers,
  onChange,
}: {
  filters: ListFilters;
  tiers: Tier[];
  onChange: (filters: ListFilters) => void;
}) {
  const { t } = useTranslation();
  const set = (patch: Partial<ListFilters>) => {
    const next = { ...filters, ...patch };
    for (const key of Object.keys(next) as Array<keyof ListFilters>) if (next[key] === undefined) delete next[key];
    onChange(next);
  };
  const any = t('membersList.filters.any');
  return (
    <Stack direction="row" spacing={1.5} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
      <TextField
        select
        size="small"
        sx={{ minWidth: 120 }}
        label={t('membersList.filters.tier')}
        value={filters.tierId ?? ''}
        onChange={(e) => set({ tierId: e.target.value || undefined })}
        data-testid="members-filter-tier"
      >
        <MenuItem value="">{any}</MenuItem>
        {tiers.map((tier) => (
          <MenuItem key={tier.id} value={tier.id}>
            {tier.name}
          </MenuItem>
        ))}
      </TextField>
      <TagFilter value={filters.tag} onChange={(tag) => set({ tag })} />
      <EnumSelect
        size="small"
        sx={{ minWidth: 110 }}
        label={t('membersList.filters.status')}
        value={filters.status}
        options={MEMBER_LIST_STATUSES}
        labels="membersList.statuses"
        onChange={(status) => set({ status: status || 'active' })}
        data-testid="members-filter-status"
      />
      <EnumSelect
        size="small"
        sx={{ minWidth: 120 }}
        label={t('membersList.filters.consent')}
        value={filters.consent ?? ''}
        options={CONSENT_FILTERS}
        labels="membersList.consents"
        anyLabel={any}
        onChange={(consent) => set({ consent: consent || undefined })}
        data-testid="members-filter-consent"
      />
      <EnumSelect
        size="small"
        sx={{ minWidth: 150 }}
        label={t('membersList.filters.lastSale')}
        value={filters.lastSale ?? ''}
        options={LAST_SALE_FILTERS}
        labels="membersList.lastSales"
        anyLabel={any}
        onChange={(lastSale) =>
          set({
            lastSale: lastSale || undefined,
            lastSaleDays: lastSale && lastSale !== 'never' ? (filters.lastSaleDays ?? DEFAULT_DAYS[lastSale]) : undefined,
          })
        }
        data-testid="members-filter-last-sale"
      />
      {filters.lastSaleDays !== undefined && <DaysField days={filters.lastSaleDays} onChange={(lastSaleDays) => set({ lastSaleDays })} />}
      <TextField
        select
        size="small"
        sx={{ minWidth: 110 }}
        label={t('membersList.filters.birthdayMonth')}
        value={filters.birthdayMonth ?? ''}
        onChange={(e) => set({ birthdayMonth: e.target.value === '' ? undefined : Number(e.target.value) })}
        data-testid="members-filter-month"
      >
        <MenuItem value="">{any}</MenuItem>
        {MONTHS.map((m) => (
          <MenuItem key={m} value={m}>
            {t('membersList.month', { month: m })}
          </MenuItem>
        ))}
      </TextField>
      {hasFilters(filters) && (
        <Button size="small" sx={{ mt: 0.5 }} onClick={() => onChange({ status: 'active' })} data-testid="members-filter-clear">
          {t('membersList.filters.clear')}
        </Button>
      )}
    </Stack>
  );
}
