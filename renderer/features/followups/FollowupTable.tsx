import { useState } from 'react';
import {
  Box,
  Button,
  Chip,
  Link,
  Menu,
  MenuItem,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { Followup } from '../../../shared/contract/followups';
import { displayPhone } from '../../../shared/phone';
import { formatYuan } from '../../../shared/money';
import { formatDate } from '../../components/format';
import { followupWhy } from './why';

export interface RowActions {
  complete(task: Followup): void;
  miss(task: Followup): void;
  reschedule(task: Followup): void;
  cancel(task: Followup): void;
  script(task: Followup): void;
}

/** The phone is the clerk's next move: one click copies it for the handset or WeChat. */
function PhoneCell({ phone }: { phone: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const shown = displayPhone(phone);
  return (
    <Tooltip title={copied ? t('followups.copied') : t('followups.copyPhone')}>
      <Link
        component="button"
        type="button"
        underline="hover"
        sx={{ fontFamily: 'monospace', fontSize: 15 }}
        data-testid="copy-phone"
        onClick={() => void navigator.clipboard?.writeText(shown.replace(/\s/g, '')).then(() => setCopied(true))}
      >
        {shown}
      </Link>
    </Tooltip>
  );
}

/** Done and the script are one click away; the rarer moves sit behind 更多. */
function RowButtons({ task, actions }: { task: Followup; actions: RowActions }) {
  const { t } = useTranslation();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const pick = (run: (task: Followup) => void) => () => {
    setAnchor(null);
    run(task);
  };
  return (
    <>
      <Button size="small" variant="contained" onClick={() => actions.complete(task)} data-testid="followup-complete">
        {t('followups.actions.complete')}
      </Button>
      <Button size="small" onClick={() => actions.script(task)} data-testid="followup-script">
        {t('followups.actions.script')}
      </Button>
      <Button size="small" color="inherit" onClick={(e) => setAnchor(e.currentTarget)} data-testid="followup-more">
        {t('followups.actions.more')}
      </Button>
      <Menu anchorEl={anchor} open={!!anchor} onClose={() => setAnchor(null)}>
        {task.status === 'planned' && (
          <MenuItem onClick={pick(actions.miss)} data-testid="followup-miss">
            {t('followups.actions.miss')}
          </MenuItem>
        )}
        <MenuItem onClick={pick(actions.reschedule)} data-testid="followup-reschedule">
          {t('followups.actions.reschedule')}
        </MenuItem>
        <MenuItem onClick={pick(actions.cancel)} data-testid="followup-cancel">
          {t('followups.actions.cancel')}
        </MenuItem>
      </Menu>
    </>
  );
}

export function FollowupTable({ items, actions, testId }: { items: Followup[]; actions: RowActions; testId: string }) {
  const { t, i18n } = useTranslation();
  if (items.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary" sx={{ px: 2, py: 1 }} data-testid={`${testId}-empty`}>
        {t('followups.empty')}
      </Typography>
    );
  }
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" data-testid={testId}>
        <TableHead>
          <TableRow>
            {(['due', 'member', 'phone', 'kind', 'why', 'lastPurchase', 'assignee', 'actions'] as const).map((c) => (
              <TableCell key={c}>{t(`followups.columns.${c}`)}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map((f) => (
            <TableRow key={f.id} hover data-testid="followup-row">
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDate(f.dueDate, i18n.language)}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                <Link component={RouterLink} to={`/members/${f.memberId}`} data-testid="followup-member">
                  {f.memberName}
                </Link>
                {f.tierName && (
                  <Typography variant="caption" color="text.secondary" component="div">
                    {f.tierName}
                  </Typography>
                )}
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                <PhoneCell phone={f.phone} />
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                <Chip size="small" label={t(`followups.kinds.${f.kind}`)} data-testid="followup-kind" />
                <Typography variant="caption" color="text.secondary" component="div">
                  {t(`followups.channels.${f.channel}`)}
                  {f.attempts > 0 && f.status !== 'done' ? ` · ${t('followups.attempts', { count: f.attempts })}` : ''}
                </Typography>
              </TableCell>
              <TableCell data-testid="followup-why">{followupWhy(t, f, i18n.language)}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                {f.lastPurchase ? (
                  <>
                    {formatYuan(f.lastPurchase.amountFen)}
                    <Typography variant="caption" color="text.secondary" component="div">
                      {formatDate(f.lastPurchase.at, i18n.language)}
                    </Typography>
                  </>
                ) : (
                  t('followups.noPurchase')
                )}
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{f.assigneeName ?? t('followups.unassigned')}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }} align="right">
                <RowButtons task={f} actions={actions} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
