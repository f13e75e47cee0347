import { useEffect, useState } from 'react';
import { Alert, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Member } from '../../../shared/contract/members';
import { api } from '../../api/client';
import { FormDialog } from '../../components/FormDialog';

interface Props {
  memberId: string;
  open: boolean;
  onClose: () => void;
  /** the member as erased (placeholders, erasedAt set) */
  onErased: (member: Member) => void;
}

/**
 * 删除会员（个人信息）: says what is erased and what stays for the books, asks why, and asks for
 * the member's card number typed in full, so a slip of the mouse erases no one. Also opened by
 * the withdrawal of consent to data storage (which means erasing).
 */
export function EraseMemberDialog({ memberId, open, onClose, onErased }: Props) {
  const { t } = useTranslation();
  const [member, setMember] = useState<Member | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [reason, setReason] = useState('');
  const [typed, setTyped] = useState('');

  useEffect(() => {
    if (!open) return;
    setReason('');
    setTyped('');
    setLoadError(null);
    let current = true;
    api.call('members.get', { id: memberId }).then(
      (m) => current && setMember(m),
      (err: unknown) => current && setLoadError(err),
    );
    return () => {
      current = false;
    };
  }, [open, memberId]);

  const confirmed = member !== null && typed.trim().toUpperCase() === member.cardNo.toUpperCase() && reason.trim() !== '';

  return (
    <FormDialog
      open={open}
      title={t('memberErase.title', { name: member?.name ?? '' })}
      submitLabel={t('memberErase.submit')}
      onClose={onClose}
      canSubmit={confirmed}
      testId="erase-member-dialog"
      onSubmit={async () => {
        if (loadError) throw loadError;
        const done = await api.call('members.erase', { id: memberId, confirm: true, reason: reason.trim() });
        onErased(done.member);
      }}
    >
      {() => (
        <>
          <Alert severity="error">{t('memberErase.erased')}</Alert>
          <Typography variant="body2">{t('memberErase.kept')}</Typography>
          <Typography variant="body2" color="text.secondary">
            {t('memberErase.hq')}
          </Typography>
          <TextField
            label={t('memberErase.reason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            required
            autoFocus
            slotProps={{ htmlInput: { maxLength: 200, 'data-testid': 'erase-reason' } }}
          />
          <TextField
            // The card number in the hint, which wraps: in a label it was cut off in English, hiding the number to type.
            label={t('memberErase.typeCard')}
            helperText={t('memberErase.typeCardHint', { cardNo: member?.cardNo ?? '' })}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            required
            slotProps={{ htmlInput: { 'data-testid': 'erase-card', autoComplete: 'off' } }}
          />
        </>
      )}
    </FormDialog>
  );
}
