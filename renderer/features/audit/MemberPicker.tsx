import { useState } from 'react';
import { Autocomplete, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useMemberSearch } from '../counter/useMemberSearch';

export interface PickedMember {
  id: string;
  name: string;
  cardNo: string;
}

const labelOf = (m: PickedMember) => `${m.name} (${m.cardNo})`;

/**
 * The audit page's member filter: search by name, phone or card, pick one (useMemberSearch shows
 * only the latest answer). The picked member stays in the box by name and card, with the box's ×
 * to clear it; the box's text is searched only when it is not the picked member's label.
 */
export function MemberPicker({ value, onChange }: { value: PickedMember | null; onChange: (member: PickedMember | null) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(value ? labelOf(value) : '');
  const { result } = useMemberSearch(value && text === labelOf(value) ? '' : text);
  const options: PickedMember[] = result.items.map((hit) => ({ id: hit.id, name: hit.name, cardNo: hit.cardNo }));
  return (
    <Autocomplete
      size="small"
      sx={{ width: 260 }}
      value={value}
      options={value && !options.some((o) => o.id === value.id) ? [value, ...options] : options}
      filterOptions={(o) => o}
      getOptionLabel={labelOf}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      noOptionsText={t('audit.filters.noMember')}
      clearText={t('audit.filters.clearMember')}
      inputValue={text}
      // 'reset' is the box showing the picked member's label (or nothing once cleared).
      onInputChange={(_e, next) => setText(next)}
      onChange={(_e, picked) => onChange(picked)}
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
