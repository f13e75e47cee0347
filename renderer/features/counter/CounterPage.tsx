import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Box, Chip, List, ListItemButton, ListItemText, Paper, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useMemberSearch } from './useMemberSearch';
import { newMemberPath } from '../members/prefill';
import { TakingsButton } from '../reports/TakingsDialog';
import { displayPhone } from '../../../shared/phone';
import type { MemberHit } from '../../../shared/contract/members';

// The keyboard's choice must be unmistakable from across the counter.
const rowSx = {
  borderLeft: '4px solid transparent',
  '&.Mui-selected, &.Mui-selected:hover': { bgcolor: 'rgba(15, 92, 140, 0.16)', borderLeftColor: 'primary.main' },
} as const;

/** A merged duplicate's phone or card opens the member its records went to. */
const memberPath = (hit: MemberHit) => `/members/${hit.mergedInto?.id ?? hit.id}`;

export function CounterPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [selected, setSelected] = useState(0);
  const { result, shownQuery, error, searchNow } = useMemberSearch(q);
  const input = useRef<HTMLInputElement>(null);
  const items = result.items;
  // The last row of the list is always "new member", so ↓ then Enter registers (two keys).
  const rows = items.length + 1;

  useEffect(() => setSelected(0), [result]);
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key === 'F2') {
        e.preventDefault();
        navigate(newMemberPath(input.current?.value ?? ''));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);

  async function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setSelected((s) => Math.min(s + 1, rows - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setSelected((s) => Math.max(s - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const typed = (e.target as HTMLInputElement).value;
      if (typed.trim() === '') return;
      // The clerk chose from the list on screen; otherwise (a scanner's Enter) ask for exactly what was typed.
      if (shownQuery === typed) {
        if (selected < items.length) navigate(memberPath(items[selected]));
        else navigate(newMemberPath(typed));
        return;
      }
      const fresh = await searchNow(typed);
      const target = fresh.items.find((hit) => hit.id === fresh.exact) ?? fresh.items[0];
      navigate(target ? memberPath(target) : newMemberPath(typed));
    } else if (e.key === 'Escape') {
      setQ('');
    }
  }

  return (
    <Box>
      <TextField
        inputRef={input}
        fullWidth
        autoFocus
        label={t('counter.searchLabel')}
        placeholder={t('counter.searchPlaceholder')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onKeyDown={(e) => void onKeyDown(e)}
        helperText={t('counter.hint')}
        slotProps={{ htmlInput: { 'data-testid': 'counter-search', autoComplete: 'off', spellCheck: false, style: { fontSize: 24 } } }}
      />
      <ErrorAlert error={error} />
      {q.trim() === '' ? (
        <Typography color="text.secondary" sx={{ mt: 4, textAlign: 'center' }}>
          {t('counter.welcome')}
        </Typography>
      ) : (
        <Paper sx={{ mt: 2 }}>
          <List dense data-testid="search-results">
            {items.map((m, i) => (
              <ListItemButton
                key={m.id}
                selected={i === selected}
                sx={rowSx}
                onClick={() => navigate(memberPath(m))}
                data-testid="search-hit"
              >
                <ListItemText
                  primary={
                    <Box component="span" sx={{ display: 'flex', gap: 2, alignItems: 'baseline' }}>
                      <Typography component="span" sx={{ fontWeight: 600, minWidth: 90 }}>
                        {m.name}
                      </Typography>
                      <Typography component="span" sx={{ fontFamily: 'monospace' }}>
                        {m.phone.startsWith('+') ? displayPhone(m.phone) : m.phone}
                      </Typography>
                      <Typography component="span" color="text.secondary" sx={{ fontFamily: 'monospace' }}>
                        {m.cardNo}
                      </Typography>
                      {m.mergedInto && (
                        <Typography component="span" sx={{ fontWeight: 600 }} data-testid="hit-merged-into">
                          {t('memberMerge.hitInto', { name: m.mergedInto.name, cardNo: m.mergedInto.cardNo })}
                        </Typography>
                      )}
                    </Box>
                  }
                />
                {m.mergedInto ? (
                  <Chip size="small" color="warning" label={t('memberMerge.merged')} sx={{ mr: 1 }} />
                ) : (
                  m.status === 'inactive' && <Chip size="small" label={t('common.inactive')} sx={{ mr: 1 }} />
                )}
                <Chip size="small" variant="outlined" label={t(`counter.matchedBy.${m.matchedBy}`)} />
              </ListItemButton>
            ))}
            {items.length === 0 && (
              <Typography color="text.secondary" sx={{ px: 2, py: 1 }}>
                {t('counter.noResults')}
              </Typography>
            )}
            <ListItemButton
              selected={selected === items.length}
              sx={rowSx}
              onClick={() => navigate(newMemberPath(q))}
              data-testid="new-member-row"
            >
              <ListItemText
                primary={newMemberPath(q) === '/members/new' ? t('counter.newMember') : t('counter.newMemberWith', { q })}
                secondary="F2"
              />
            </ListItemButton>
          </List>
        </Paper>
      )}
      {/* Day close is done here, once a day: below the search, and only while it is empty. */}
      {q.trim() === '' && (
        <Box sx={{ mt: 6, textAlign: 'center' }}>
          <TakingsButton label={t('takings.dayClose')} />
        </Box>
      )}
    </Box>
  );
}
