import { useState } from 'react';
import { Autocomplete, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useMemberSearch } from '../counter/useMemberSearch';

export interface PickedMember {
  id: string;
  name: string;
  cardNo: string;
}

/** The audit page's member filter: search by name, phone or card, pick one (useMemberSearch shows only the latest answer). */
export function MemberPicker({ value, onChange }: { value: PickedMember | null; onChange: (member: PickedMember | null) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const { result } = useMemberSearch(q);
  const options: PickedMember[] = result.items.map((hit) => ({ id: hit.id, name: hit.name, cardNo: hit.cardNo }));
  return (
    <Autocomplete
      size="small"
      sx={{ width: 260 }}
      value={value}
      options={value && !options.some((o) => o.id === value.id) ? [value, ...options] : options}
      filterOptions={(o) => o}
      getOptionLabel={(m) => `${m.name} (${m.cardNo})`}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      noOptionsText={t('audit.filters.noMember')}
      clearText={t('audit.filters.clear')}
      inputValue={q}
      onInputChange={(_e, text, reason) => {
        if (reason !== 'reset') setQ(text);
      }}
      onChange={(_e, picked) => {
        onChange(picked);
        setQ('');
      }}
      renderInput={(params) => (
        <TextField
          {...params}
          label={t('audit.filters.member')}
          placeholder={t('audit.filters.memberPlaceholder')}
          data-testid="audit-member"
        />
      )}
    />
  );
}
