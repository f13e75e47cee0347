import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { AuditItem } from '../../../shared/contract/audit';
import { formatTime } from '../../components/format';
import { actionText, fieldChanges, fieldText, recordText, staffText } from './auditText';

/** One audit row: who, when, what, the record (a member links to their page), and each field before and after. */
export function AuditDetail({ item, onClose, memberLinks }: { item: AuditItem | null; onClose: () => void; memberLinks: boolean }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const changes = item ? fieldChanges(item) : [];
  const member = item?.member;
  return (
    <Dialog open={item !== null} onClose={onClose} fullWidth maxWidth="md" data-testid="audit-detail">
      <DialogTitle>{t('audit.detail.title')}</DialogTitle>
      {item && (
        <DialogContent>
          <Stack spacing={0.5} sx={{ mb: 2 }}>
            <Typography>
              {formatTime(item.at, i18n.language)} · {staffText(t, item)}
            </Typography>
            <Typography variant="h6">{actionText(t, item.action)}</Typography>
            <Typography color="text.secondary">{recordText(t, item)}</Typography>
          </Stack>
          {changes.length === 0 ? (
            <Typography color="text.secondary">{t('audit.detail.noValues')}</Typography>
          ) : (
            <Table size="small" data-testid="audit-changes">
              <TableHead>
                <TableRow>
                  <TableCell>{t('audit.detail.field')}</TableCell>
                  <TableCell>{t('audit.detail.before')}</TableCell>
                  <TableCell>{t('audit.detail.after')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {changes.map((c) => (
                  <TableRow key={c.field}>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{fieldText(t, c.field)}</TableCell>
                    <TableCell sx={{ wordBreak: 'break-all' }}>{c.before}</TableCell>
                    <TableCell sx={{ wordBreak: 'break-all' }}>{c.after}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </DialogContent>
      )}
      <DialogActions>
        {member && memberLinks && (
          <Button onClick={() => navigate(`/members/${member.id}`)} data-testid="audit-open-member">
            {t('audit.detail.openMember')}
          </Button>
        )}
        <Button onClick={onClose}>{t('common.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}
