import { useEffect, useState } from 'react';
import { Alert, Autocomplete, Box, Button, Chip, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { fieldErrors } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';

/** A name typed twice in another letter case is the same category: the first one stays. */
function distinct(names: string[]): string[] {
  const seen = new Set<string>();
  return names
    .map((name) => name.trim())
    .filter((name) => {
      const key = name.toLowerCase();
      if (!name || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/** The manager's category list (品类列表), which the counter's category field offers. */
export function CategoriesCard() {
  const { t } = useTranslation();
  const [items, setItems] = useState<string[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const fields = fieldErrors(t, error);

  useEffect(() => {
    api.call('categories.list', {}).then((r) => setItems(r.items), setError);
  }, []);

  async function save() {
    if (!items) return;
    try {
      setItems((await api.call('categories.save', { items })).items);
      setError(null);
      setSaved(true);
    } catch (err) {
      setError(err);
    }
  }

  return (
    <Box data-testid="categories-card">
      <Typography variant="h6" component="h2">
        {t('categories.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        {t('categories.help')}
      </Typography>
      {items && (
        <Stack spacing={1.5}>
          <Autocomplete
            multiple
            freeSolo
            // A name typed but not yet entered joins the list when the field is left (for Save).
            autoSelect
            // One click must not empty the whole list: names go one by one, by their ×.
            disableClearable
            options={[]}
            value={items}
            onChange={(_e, names) => {
              setItems(distinct(names.map(String)));
              setSaved(false);
            }}
            renderValue={(names, getItemProps) =>
              names.map((name, index) => <Chip size="small" label={name} {...getItemProps({ index })} key={name} />)
            }
            renderInput={(params) => (
              <TextField
                {...params}
                name="categories"
                label={t('categories.items')}
                helperText={fields.items ?? t('categories.itemsHelp')}
                error={!!fields.items}
              />
            )}
          />
          <ErrorAlert error={error} />
          {saved && (
            <Alert severity="success" onClose={() => setSaved(false)} data-testid="categories-saved">
              {t('categories.saved')}
            </Alert>
          )}
          <Box>
            <Button variant="outlined" onClick={() => void save()} data-testid="categories-save">
              {t('categories.save')}
            </Button>
          </Box>
        </Stack>
      )}
    </Box>
  );
}
