import { lazy, Suspense, useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Alert, Box, Button, Chip, Dialog, DialogContent, DialogTitle, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import type { Member } from '../../../shared/contract/members';
import { displayPhone } from '../../../shared/phone';
import { roleAtLeast } from '../../../shared/roles';
import { api } from '../../api/client';
import { useConfirm } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, formatTime } from '../../components/format';
import { useSession } from '../../app/session';
import { MemberForm, profileInput, type MemberFormValues } from './MemberForm';
import { useLoyalty } from '../points/useLoyalty';
import { QuickPurchase } from '../points/QuickPurchase';
import { PointsCard } from '../points/PointsCard';
import { TierCard } from '../points/TierCard';
import { PurchasesTable } from '../points/PurchasesTable';
import { LedgerTable } from '../points/LedgerTable';
import { MemberFollowups, type MemberFollowupsHandle } from '../followups/MemberFollowups';
import { MemberTimeline, type TimelineHandle } from '../followups/MemberTimeline';
import { FeedbackCreateDialog } from '../feedback/FeedbackCreateDialog';
import { MemberRfmCard } from '../reports/MemberRfmCard';
import { MergeMemberDialog } from './MergeMemberDialog';
import { MergedBanner } from './MergedBanner';
import { MemberPrivacyCard } from '../privacy/MemberPrivacyCard';
import { consentState } from '../privacy/noticeWords';
import { EraseMemberDialog } from './EraseMemberDialog';

// Loaded when first opened: the barcode encoder is not needed at the counter otherwise.
const MemberCardDialog = lazy(() => import('./card/MemberCardDialog'));

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box>
      <Typography variant="caption" color="text.secondary">
        {label}
      </Typography>
      <Typography component="div">{children || '—'}</Typography>
    </Box>
  );
}

function formValues(m: Member): MemberFormValues {
  return {
    name: m.name,
    phone: displayPhone(m.phone),
    gender: m.gender,
    birthday: m.birthday ?? '',
    email: m.email ?? '',
    address: m.address ?? '',
    notes: m.notes ?? '',
    tags: m.tags,
    consentData: m.consentData.given,
    consentMarketing: m.consentMarketing.given,
  };
}

/**
 * Keyed by the member id: opening another member (e.g. the duplicate-phone link inside the edit
 * dialog) starts a fresh page, so an open dialog can never save one member's form over another.
 */
export function MemberPage() {
  const { id = '' } = useParams();
  return <MemberView key={id} />;
}

function MemberView() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const { staff } = useSession();
  const [member, setMember] = useState<Member | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState(false);
  const [recordingFeedback, setRecordingFeedback] = useState(false);
  const [merging, setMerging] = useState(false);
  const [erasing, setErasing] = useState(false);
  const [printingCard, setPrintingCard] = useState(false);
  const timeline = useRef<TimelineHandle>(null);
  const followups = useRef<MemberFollowupsHandle>(null);
  const { confirm, dialog: confirmDialog } = useConfirm();
  const [notice, setNotice] = useState<string | null>(
    (location.state as { created?: string } | null)?.created
      ? t('member.created', { cardNo: (location.state as { created: string }).created })
      : null,
  );

  const load = useCallback(async () => {
    try {
      setMember(await api.call('members.get', { id }));
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, [id]);
  useEffect(() => void load(), [load]);
  const loyalty = useLoyalty(id);
  // Esc goes back to the counter for the next customer (an open dialog takes its own Esc).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !document.querySelector('[role=dialog]')) navigate('/');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);

  async function afterLoyaltyChange(message: string) {
    setNotice(message);
    timeline.current?.reload();
    followups.current?.reload();
    await loyalty.reload();
  }

  if (error && !member) return <ErrorAlert error={error} />;
  if (!member) return null;
  // An erased member is kept for the books only: the page says so and offers nothing.
  if (member.erasedAt) return <ErasedMember member={member} notice={notice} />;
  // A merged duplicate is a tombstone: its page only points to where the records went.
  const merged = member.mergedInto !== null;

  const consent = (c: Member['consentData']) => consentState(c, t, i18n.language);

  async function setStatus(status: Member['status']) {
    if (!member) return;
    if (status === 'inactive') {
      const sure = await confirm({
        title: t('member.deactivateTitle', { name: member.name }),
        message: t('member.deactivateConfirm'),
        confirmLabel: t('member.deactivate'),
        tone: 'warning',
      });
      if (!sure) return;
    }
    try {
      setMember(await api.call('members.setStatus', { id: member.id, status }));
      setNotice(t(status === 'inactive' ? 'member.deactivated' : 'member.reactivated'));
    } catch (err) {
      setError(err);
    }
  }

  return (
    <Stack spacing={2}>
      {notice && (
        <Alert severity="success" onClose={() => setNotice(null)} data-testid="member-notice">
          {notice}
        </Alert>
      )}
      <ErrorAlert error={error} />
      <MergedBanner member={member} />
      <Paper sx={{ p: 3 }}>
        {/* The actions wrap as whole buttons onto a second row (English at 1280 px), never a button's
            words onto two lines, and never squeeze the name. */}
        <Stack direction="row" spacing={2} useFlexGap sx={{ mb: 2, alignItems: 'center' }}>
          <Typography variant="h4" component="h1" data-testid="member-name" sx={{ flexShrink: 0 }}>
            {member.name}
          </Typography>
          <Chip
            label={member.status === 'active' ? t('common.active') : t('common.inactive')}
            color={member.status === 'active' ? 'success' : 'default'}
            data-testid="member-status"
          />
          <Box
            data-testid="member-actions"
            sx={{
              flex: 1,
              display: 'flex',
              flexWrap: 'wrap',
              justifyContent: 'flex-end',
              alignItems: 'center',
              gap: 1,
              '& .MuiButton-root': { whiteSpace: 'nowrap' },
            }}
          >
            <Button variant="outlined" onClick={() => navigate('/')}>
              {t('common.back')}
            </Button>
            {!merged && (
              <>
                {member.status === 'active' && (
                  <Button variant="outlined" onClick={() => setPrintingCard(true)} data-testid="print-member-card">
                    {t('memberCard.action')}
                  </Button>
                )}
                <Button variant="outlined" color="warning" onClick={() => setRecordingFeedback(true)} data-testid="record-feedback">
                  {t('feedback.record')}
                </Button>
                <Button variant="contained" onClick={() => setEditing(true)}>
                  {t('common.edit')}
                </Button>
              </>
            )}
            {roleAtLeast(staff.role, 'manager') && member.status === 'active' && (
              <Button color="warning" onClick={() => setMerging(true)} data-testid="merge-member">
                {t('memberMerge.action')}
              </Button>
            )}
            {roleAtLeast(staff.role, 'admin') && !merged && (
              <Button color="error" onClick={() => setErasing(true)} data-testid="erase-member">
                {t('memberErase.action')}
              </Button>
            )}
            {roleAtLeast(staff.role, 'manager') &&
              !merged &&
              (member.status === 'active' ? (
                <Button color="warning" onClick={() => void setStatus('inactive')}>
                  {t('member.deactivate')}
                </Button>
              ) : (
                <Button color="success" onClick={() => void setStatus('active')}>
                  {t('member.reactivate')}
                </Button>
              ))}
          </Box>
        </Stack>
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr 1fr', md: 'repeat(4, 1fr)' }, gap: 2 }}>
          <Field label={t('member.cardNo')}>
            <Box component="span" sx={{ fontFamily: 'monospace', fontSize: 18 }} data-testid="member-card">
              {member.cardNo}
            </Box>
          </Field>
          <Field label={t('member.phone')}>
            <span data-testid="member-phone">{displayPhone(member.phone)}</span>
          </Field>
          <Field label={t('member.gender')}>{t(`member.genders.${member.gender}`)}</Field>
          <Field label={t('member.birthday')}>{member.birthday && formatDate(member.birthday, i18n.language)}</Field>
          <Field label={t('member.email')}>{member.email}</Field>
          <Field label={t('member.address')}>{member.address}</Field>
          <Field label={t('member.homeBranch')}>{`${member.homeBranch.name} (${member.homeBranch.code})`}</Field>
          <Field label={t('member.createdAt')}>{`${formatTime(member.createdAt, i18n.language)} · ${member.createdByName ?? ''}`}</Field>
          <Field label={t('member.tags')}>
            <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
              {member.tags.map((tag) => (
                <Chip key={tag} size="small" label={tag} />
              ))}
            </Stack>
          </Field>
          <Field label={t('member.updatedAt')}>{formatTime(member.updatedAt, i18n.language)}</Field>
          <Field label={t('member.consentDataShort')}>{consent(member.consentData)}</Field>
          <Field label={t('member.consentMarketingShort')}>
            <span data-testid="member-consent-marketing">{consent(member.consentMarketing)}</span>
          </Field>
        </Box>
        {member.notes && (
          <Box sx={{ mt: 2 }}>
            <Field label={t('member.notes')}>
              <Box component="span" sx={{ whiteSpace: 'pre-wrap' }}>
                {member.notes}
              </Box>
            </Field>
          </Box>
        )}
      </Paper>
      {/* Withdrawing consent to keep the data is erasing: an admin goes on to the erase dialog from there. */}
      <MemberPrivacyCard
        member={member}
        onChanged={setMember}
        onErase={roleAtLeast(staff.role, 'admin') ? () => setErasing(true) : undefined}
      />
      <ErrorAlert error={loyalty.error} />
      {loyalty.data && (
        <>
          <QuickPurchase
            memberId={member.id}
            loyalty={loyalty.data}
            disabled={member.status !== 'active'}
            onRecorded={afterLoyaltyChange}
          />
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: 'repeat(3, 1fr)' }, gap: 2 }}>
            <PointsCard memberId={member.id} loyalty={loyalty.data} active={member.status === 'active'} onChanged={afterLoyaltyChange} />
            <TierCard loyalty={loyalty.data} />
            <MemberFollowups
              ref={followups}
              member={{ id: member.id, name: member.name, active: member.status === 'active' }}
              onChanged={() => timeline.current?.reload()}
            />
          </Box>
          {/* Managers only: a clerk's page never asks for reports. */}
          {roleAtLeast(staff.role, 'manager') && <MemberRfmCard memberId={member.id} refresh={loyalty.data.purchases} />}
          <PurchasesTable loyalty={loyalty.data} onChanged={afterLoyaltyChange} />
          <LedgerTable loyalty={loyalty.data} />
        </>
      )}
      <MemberTimeline memberId={member.id} ref={timeline} />
      <FeedbackCreateDialog
        open={recordingFeedback}
        member={{ id: member.id, name: member.name }}
        onClose={() => setRecordingFeedback(false)}
        onCreated={() => {
          setNotice(t('feedback.created'));
          timeline.current?.reload();
        }}
      />
      {printingCard && (
        <Suspense fallback={null}>
          <MemberCardDialog member={member} onClose={() => setPrintingCard(false)} />
        </Suspense>
      )}
      <MergeMemberDialog
        member={member}
        open={merging}
        onClose={() => setMerging(false)}
        onMerged={(done) => {
          setMember(done.kept);
          void afterLoyaltyChange(
            t('memberMerge.done', { name: done.merged.name, cardNo: done.merged.cardNo, sales: done.moved.purchases, points: done.points }),
          );
        }}
      />
      <EraseMemberDialog
        memberId={member.id}
        open={erasing}
        onClose={() => setErasing(false)}
        onErased={(erased) => {
          setNotice(t('memberErase.done'));
          setMember(erased);
        }}
      />
      {confirmDialog}
      <Dialog open={editing} onClose={() => setEditing(false)} maxWidth="md" fullWidth>
        <DialogTitle>{t('member.editTitle')}</DialogTitle>
        <DialogContent sx={{ pt: 1 }}>
          <Box sx={{ pt: 1 }}>
            <MemberForm
              mode="edit"
              initial={formValues(member)}
              onCancel={() => setEditing(false)}
              onSubmit={async (v) => {
                const updated = await api.call('members.update', { id: member.id, version: member.version, ...profileInput(v) });
                setMember(updated);
                setEditing(false);
                setNotice(t('common.saved'));
              }}
            />
          </Box>
        </DialogContent>
      </Dialog>
    </Stack>
  );
}

/** The page of an erased member: what happened and when, nothing to do. */
function ErasedMember({ member, notice }: { member: Member; notice: string | null }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  return (
    <Stack spacing={2} data-testid="member-erased">
      {notice && (
        <Alert severity="success" data-testid="member-notice">
          {notice}
        </Alert>
      )}
      <Paper sx={{ p: 3 }}>
        <Stack direction="row" spacing={2} sx={{ mb: 2, alignItems: 'center' }}>
          <Typography variant="h4" component="h1" data-testid="member-name">
            {t('memberErase.banner')}
          </Typography>
          <Chip label={t('memberErase.status')} data-testid="member-status" />
          <Box sx={{ flex: 1 }} />
          <Button variant="outlined" onClick={() => navigate('/')}>
            {t('common.back')}
          </Button>
        </Stack>
        <Alert severity="info" data-testid="erased-banner">
          {t('memberErase.bannerAt', { at: formatTime(member.erasedAt, i18n.language) })}
        </Alert>
      </Paper>
    </Stack>
  );
}
