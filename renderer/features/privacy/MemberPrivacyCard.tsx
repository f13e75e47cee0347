import { useCallback, useEffect, useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Paper,
  Stack,
  Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ConsentEntry, PrivacyNotice } from '../../../shared/contract/consent';
import type { Member } from '../../../shared/contract/members';
import { roleAtLeast } from '../../../shared/roles';
import { api } from '../../api/client';
import { useConfirm } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { downloadFile } from '../../components/reports/exportFile';
import { useSession } from '../../app/session';
import { memberDataFileName, memberDataHtml, memberDataJson } from './memberDataFile';
import { NoticeText } from './NoticeText';
import { consentState } from './noticeWords';
import { consentRow } from './consentText';

interface Props {
  member: Member;
  /** the member after a consent changed, for the page to show */
  onChanged: (member: Member) => void;
  /**
   * Opens the erase flow (part B of issue 20: members.erase). Withdrawing consent to keep data is
   * erasing: when the page passes this, an admin's "withdraw data consent" dialog offers it;
   * without it the dialog says that an admin erases the member.
   */
  onErase?: () => void;
}

/** 同意记录 on the member page: each consent with its date, staff and notice version; withdraw; export the member's data (admins). */
export function MemberPrivacyCard({ member, onChanged, onErase }: Props) {
  const { t, i18n } = useTranslation();
  const { staff } = useSession();
  const admin = roleAtLeast(staff.role, 'admin');
  const [items, setItems] = useState<ConsentEntry[] | null>(null);
  const [notice, setNotice] = useState<PrivacyNotice | null>(null);
  const [showNotice, setShowNotice] = useState(false);
  const [askingData, setAskingData] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const { confirm, dialog } = useConfirm();
  const merged = member.mergedInto !== null;

  const load = useCallback(async () => {
    try {
      const [consents, current] = await Promise.all([
        api.call('members.consents', { memberId: member.id }),
        api.call('privacy.notice', {}),
      ]);
      setItems(consents.items);
      setNotice(current);
    } catch (err) {
      setError(err);
    }
  }, [member.id]);
  useEffect(() => void load(), [load, member.version]);

  async function setMarketing(granted: boolean) {
    const sure = await confirm(
      granted
        ? {
            title: t('privacy.consents.grantMarketingTitle', { name: member.name }),
            message: t('privacy.consents.grantMarketingConfirm', { version: notice?.version ?? '' }),
            confirmLabel: t('privacy.consents.grantMarketing'),
          }
        : {
            title: t('privacy.consents.withdrawMarketingTitle', { name: member.name }),
            message: t('privacy.consents.withdrawMarketingConfirm'),
            confirmLabel: t('privacy.consents.withdrawMarketing'),
            tone: 'warning',
          },
    );
    if (!sure) return;
    try {
      onChanged(await api.call('members.setMarketingConsent', { memberId: member.id, granted }));
      setDone(
        granted
          ? t('privacy.consents.grantMarketingDone', { version: notice?.version ?? '' })
          : t('privacy.consents.withdrawMarketingDone'),
      );
      setError(null);
    } catch (err) {
      setError(err);
    }
  }

  async function exportData(format: 'html' | 'json') {
    try {
      const data = await api.call('members.exportData', { memberId: member.id });
      const file = memberDataFileName(data, format);
      if (format === 'html') downloadFile(memberDataHtml(data, t, i18n.language), file, 'text/html;charset=utf-8');
      else downloadFile(memberDataJson(data), file, 'application/json');
      setDone(t('privacy.export.done', { file }));
      setError(null);
    } catch (err) {
      setError(err);
    }
  }

  const row = (e: ConsentEntry) => consentRow(t, e, i18n.language);

  return (
    <Paper sx={{ p: 2 }} data-testid="member-privacy">
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', mb: 1 }} useFlexGap>
        <Typography variant="h6" component="h2" sx={{ flex: 1 }}>
          {t('privacy.consents.title')}
        </Typography>
        {notice && (
          <Button size="small" onClick={() => setShowNotice(true)} data-testid="privacy-notice-open">
            {t('privacy.notice.openCurrent', { version: notice.version })}
          </Button>
        )}
        {!merged &&
          (member.consentMarketing.given ? (
            <Button
              size="small"
              color="warning"
              variant="outlined"
              onClick={() => void setMarketing(false)}
              data-testid="withdraw-marketing"
            >
              {t('privacy.consents.withdrawMarketing')}
            </Button>
          ) : (
            <Button size="small" variant="outlined" onClick={() => void setMarketing(true)} data-testid="grant-marketing">
              {t('privacy.consents.grantMarketing')}
            </Button>
          ))}
        {!merged && (
          <Button size="small" color="error" onClick={() => setAskingData(true)} data-testid="withdraw-data">
            {t('privacy.consents.withdrawData')}
          </Button>
        )}
      </Stack>
      {!merged && (
        <Typography variant="body2" sx={{ mb: 1 }} data-testid="privacy-marketing-state">
          {t('privacy.consents.state', {
            kind: t('privacy.consents.kinds.marketing'),
            state: consentState(member.consentMarketing, t, i18n.language),
          })}
        </Typography>
      )}
      {done && (
        <Alert severity="success" onClose={() => setDone(null)} sx={{ mb: 1 }} data-testid="privacy-done">
          {done}
        </Alert>
      )}
      <ErrorAlert error={error} />
      {items && (
        <Box component="ul" sx={{ m: 0, pl: 2.5 }} data-testid="consent-history">
          {items.length === 0 && <li>{t('privacy.consents.none')}</li>}
          {items.map((e) => (
            <Typography component="li" variant="body2" key={e.id} data-kind={e.kind} data-granted={e.granted}>
              {row(e)}
            </Typography>
          ))}
        </Box>
      )}
      {admin && (
        <Box sx={{ mt: 2 }} data-testid="member-data-export">
          <Typography variant="subtitle2">{t('privacy.export.title')}</Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {t('privacy.export.help')}
          </Typography>
          <Stack direction="row" spacing={1}>
            <Button size="small" variant="outlined" onClick={() => void exportData('html')} data-testid="export-member-html">
              {t('privacy.export.html')}
            </Button>
            <Button size="small" variant="outlined" onClick={() => void exportData('json')} data-testid="export-member-json">
              {t('privacy.export.json')}
            </Button>
          </Stack>
        </Box>
      )}
      {dialog}
      <Dialog open={showNotice} onClose={() => setShowNotice(false)} maxWidth="sm" fullWidth>
        <DialogTitle>{t('privacy.notice.title')}</DialogTitle>
        <DialogContent>{notice && <NoticeText notice={notice} maxHeight={480} />}</DialogContent>
        <DialogActions>
          <Button onClick={() => setShowNotice(false)}>{t('common.close')}</Button>
        </DialogActions>
      </Dialog>
      <Dialog open={askingData} onClose={() => setAskingData(false)} maxWidth="xs" fullWidth data-testid="withdraw-data-dialog">
        <DialogTitle>{t('privacy.consents.withdrawDataTitle')}</DialogTitle>
        <DialogContent>
          <DialogContentText>{t('privacy.consents.withdrawDataExplain')}</DialogContentText>
          {!(admin && onErase) && (
            <Alert severity="info" sx={{ mt: 2 }} data-testid="withdraw-data-admin">
              {t('privacy.consents.withdrawDataAdmin')}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button autoFocus onClick={() => setAskingData(false)}>
            {t('common.back')}
          </Button>
          {admin && onErase && (
            <Button
              variant="contained"
              color="error"
              onClick={() => {
                setAskingData(false);
                onErase();
              }}
              data-testid="withdraw-data-erase"
            >
              {t('privacy.consents.withdrawDataErase')}
            </Button>
          )}
        </DialogActions>
      </Dialog>
    </Paper>
  );
}
