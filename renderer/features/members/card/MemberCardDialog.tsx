import { useState } from 'react';
import { createPortal } from 'react-dom';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  TextField,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { SheetKind } from '../../../../shared/print-pdf';
import { useSession } from '../../../app/session';
import { CardLabel, LABEL_GRID, LABEL_MM, LABELS_PER_SHEET, LabelSheet, MemberCardFace, type CardHolder } from './CardSheets';
import { printSheet, SHEET_PRINT_CLASS, sheetPrintCss } from './sheetPrint';

interface Props {
  member: { name: string; cardNo: string };
  onClose: () => void;
}

const mm = (n: number) => String(Math.round(n * 10) / 10);

/**
 * 打印会员卡: the card at CR80 size, or an A4 sheet of card-number labels. While this dialog is
 * open the page prints only the chosen sheet, at its own paper size.
 */
export default function MemberCardDialog({ member, onClose }: Props) {
  const { t } = useTranslation();
  const { branch } = useSession();
  const [sheet, setSheet] = useState<SheetKind>('card');
  const [firstText, setFirstText] = useState('1');
  const [outcome, setOutcome] = useState<{ saved: string } | { failed: true } | null>(null);
  const holder: CardHolder = { storeName: branch.name, memberName: member.name, cardNo: member.cardNo };
  const first = /^\d+$/.test(firstText.trim()) ? Number(firstText.trim()) : NaN;
  const firstValid = Number.isInteger(first) && first >= 1 && first <= LABELS_PER_SHEET;
  const canPrint = sheet === 'card' || firstValid;

  async function print() {
    setOutcome(null);
    try {
      const result = await printSheet(
        sheet,
        `${t(sheet === 'card' ? 'memberCard.memberCard' : 'memberCard.kinds.labels')} ${member.cardNo}`,
      );
      if (result?.saved && result.path) setOutcome({ saved: result.path });
    } catch {
      setOutcome({ failed: true });
    }
  }

  const onPaper =
    sheet === 'card' ? (
      <MemberCardFace holder={holder} title={t('memberCard.memberCard')} />
    ) : (
      <LabelSheet holder={holder} first={firstValid ? first : 1} />
    );

  return (
    <>
      <Dialog open onClose={onClose} maxWidth="sm" fullWidth data-testid="member-card-dialog">
        <DialogTitle>{t('memberCard.title', { name: member.name })}</DialogTitle>
        <DialogContent>
          <Stack spacing={2}>
            <ToggleButtonGroup
              exclusive
              color="primary"
              size="small"
              value={sheet}
              onChange={(_e, next: SheetKind | null) => next && setSheet(next)}
              aria-label={t('memberCard.kind')}
            >
              {(['card', 'labels'] as const).map((kind) => (
                <ToggleButton key={kind} value={kind} data-testid={`member-card-kind-${kind}`}>
                  {t(`memberCard.kinds.${kind}`)}
                </ToggleButton>
              ))}
            </ToggleButtonGroup>
            <Typography variant="body2" color="text.secondary">
              {sheet === 'card'
                ? t('memberCard.cardHelp')
                : t('memberCard.labelsHelp', {
                    columns: LABEL_GRID.columns,
                    rows: LABEL_GRID.rows,
                    width: mm(LABEL_MM.width),
                    height: mm(LABEL_MM.height),
                  })}
            </Typography>
            {sheet === 'labels' && (
              <TextField
                label={t('memberCard.firstLabel')}
                name="firstLabel"
                value={firstText}
                onChange={(e) => setFirstText(e.target.value)}
                error={!firstValid}
                helperText={
                  firstValid
                    ? t('memberCard.firstLabelHelp', { count: LABELS_PER_SHEET - first + 1 })
                    : t('memberCard.firstLabelInvalid', { max: LABELS_PER_SHEET })
                }
                slotProps={{ htmlInput: { inputMode: 'numeric' } }}
                sx={{ maxWidth: 260 }}
              />
            )}
            {/* The preview is the printed layout at its real size, on a grey table. */}
            <Box
              sx={{ bgcolor: 'grey.200', p: 2, display: 'flex', justifyContent: 'center', borderRadius: 1 }}
              data-testid="member-card-preview"
            >
              <Box sx={{ boxShadow: 3, borderRadius: sheet === 'card' ? '3.2mm' : 0, overflow: 'hidden', bgcolor: '#fff' }}>
                {sheet === 'card' ? (
                  <MemberCardFace holder={holder} title={t('memberCard.memberCard')} />
                ) : (
                  <Box sx={{ width: `${LABEL_MM.width}mm`, height: `${LABEL_MM.height}mm` }}>
                    <CardLabel holder={holder} />
                  </Box>
                )}
              </Box>
            </Box>
            {outcome && 'saved' in outcome && <Alert severity="success">{t('memberCard.pdfSaved', { path: outcome.saved })}</Alert>}
            {outcome && 'failed' in outcome && <Alert severity="error">{t('memberCard.printFailed')}</Alert>}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('common.close')}</Button>
          <Button variant="contained" onClick={() => void print()} disabled={!canPrint} data-testid="member-card-print">
            {t('memberCard.print')}
          </Button>
        </DialogActions>
      </Dialog>
      {createPortal(
        <div className={SHEET_PRINT_CLASS} data-testid="member-card-print-root">
          <style>{sheetPrintCss(sheet)}</style>
          {onPaper}
        </div>,
        document.body,
      )}
    </>
  );
}
