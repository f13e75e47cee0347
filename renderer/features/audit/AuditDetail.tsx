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
import type { AuditItem, AuditRefs } from '../../../shared/contract/audit';
import { formatTime } from '../../components/format';
import { fieldChanges, recordText, rowActionText, rowValues, staffText } from './auditText';
import type { AuditWords } from './auditValues';

/** One audit row: who, when, what, the record (a member links to their page), and each field before and after. */
export function AuditDetail({
  item,
  refs,
  onClose,
  memberLinks,
  hqOwn = false,
}: {
  item: AuditItem | null;
  /** the names of the records the page's rows refer to */
  refs: AuditRefs;
  onClose: () => void;
  memberLinks: boolean;
  /** HQ's own rows: roles in HQ's words */
  hqOwn?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const w: AuditWords = { t, locale: i18n.language, refs, hq: hqOwn };
  const changes = item ? fieldChanges(w, rowValues(item)) : [];
  const member = item?.member;
  return (
    <Dialog open={item !== null} onClose={onClose} fullWidth maxWidth="md" data-testid="audit-detail">
      <DialogTitle>{t('audit.detail.title')}</DialogTitle>
      {item && (
        <DialogContent>
          <Stack spacing={0.5} sx={{ mb: 2 }}>
            <Typography>
              {formatTime(item.at, i18n.language)} · {staffText(w, item)}
            </Typography>
            <Typography variant="h6">{rowActionText(t, item)}</Typography>
            <Typography color="text.secondary">{recordText(w, item)}</Typography>
          </Stack>
          {changes.length === 0 ? (
            <Typography color="text.secondary">{t('audit.detail.noValues')}</Typography>
          ) : (
            <Table size="small" data-testid="audit-changes">
              <TableHead>
                <TableRow>
                  <TableCell>{t('audit.detail.field')}</TableCell>
                  {/* Even halves: a long new text (a notice) squeezed the other column to a letter a line. */}
                  <TableCell sx={{ width: '40%' }}>{t('audit.detail.before')}</TableCell>
                  <TableCell sx={{ width: '40%' }}>{t('audit.detail.after')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {changes.map((c) => (
                  <TableRow key={c.field}>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{c.label}</TableCell>
                    <TableCell sx={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap', verticalAlign: 'top' }}>{c.before}</TableCell>
                    <TableCell sx={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap', verticalAlign: 'top' }}>{c.after}</TableCell>
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
