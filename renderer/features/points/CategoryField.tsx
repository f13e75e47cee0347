import { useEffect, useRef, useState } from 'react';
import { Autocomplete, Link, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { roleAtLeast } from '../../../shared/roles';
import { api } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { useSession } from '../../app/session';

interface Props {
  value: string;
  onChange: (category: string) => void;
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * A sale's category, picked from the list the manager keeps (品类列表) so one category is not
 * recorded under two names. Anything else may still be typed and is recorded as typed; a manager
 * is offered to add it to the list.
 */
export function CategoryField({ value, onChange }: Props) {
  const { t } = useTranslation();
  const { staff } = useSession();
  const manager = roleAtLeast(staff.role, 'manager');
  const [listed, setListed] = useState<string[]>([]);
  /** what the last add said, about the name then typed: it goes once the field holds another (the sale recorded empties it) */
  const [said, setSaid] = useState<{ name: string; text: string } | null>(null);
  // Without the list the field is a plain text box, as it was: a sale never waits for it.
  // An add answers with the whole list; a first load answered after it is older and is dropped.
  const added = useRef(false);
  useEffect(() => {
    api.call('categories.list', {}).then(
      (r) => {
        if (!added.current) setListed(r.items);
      },
      () => undefined,
    );
  }, []);
  const typed = value.trim();
  const note = said !== null && said.name === typed ? said.text : null;
  const notListed = typed !== '' && !listed.some((name) => same(name, typed));

  async function addToList() {
    try {
      const r = await api.call('categories.add', { name: typed });
      added.current = true;
      setListed(r.items);
      setSaid({ name: typed, text: t('categories.added', { name: typed }) });
    } catch (err) {
      setSaid({ name: typed, text: errorMessage(t, err) });
    }
  }

  // A refused add says why in the link's place; typing again brings the link back.
  const help =
    note !== null ? (
      note
    ) : notListed ? (
      manager ? (
        <Link component="button" type="button" onClick={() => void addToList()} data-testid="category-add">
          {t('categories.add', { name: typed })}
        </Link>
      ) : (
        t('categories.notListed')
      )
    ) : null;

  return (
    <Autocomplete
      freeSolo
      options={listed}
      clearText={t('categories.clear')}
      value={value}
      inputValue={value}
      onChange={(_e, picked) => onChange(picked ?? '')}
      onInputChange={(_e, text) => {
        onChange(text);
      }}
      renderInput={(params) => (
        <TextField {...params} name="category" label={t('purchases.category')} helperText={help} data-testid="category-field" />
      )}
    />
  );
}
