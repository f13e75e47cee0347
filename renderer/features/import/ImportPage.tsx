import { useState } from 'react';
import { Alert, Paper, Stack, Step, StepLabel, Stepper, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ImportSession } from '../../../shared/contract/import';
import { roleAtLeast } from '../../../shared/roles';
import { api } from '../../api/client';
import { useSession } from '../../app/session';
import { ChooseFileStep } from './ChooseFileStep';
import { ConfirmStep } from './ConfirmStep';
import { ImportHistory } from './ImportHistory';
import { ImportRun } from './ImportRun';
import { MappingStep } from './MappingStep';
import { PreviewStep } from './PreviewStep';

const STEPS = ['choose', 'mapping', 'preview', 'confirm'] as const;
type StepName = (typeof STEPS)[number];

/** Where an import stands decides its step; a previewed one is looked over, then confirmed. */
function stepOf(session: ImportSession | null, confirming: boolean): StepName {
  if (!session) return 'choose';
  switch (session.state) {
    case 'opened':
    case 'previewing':
    case 'failed':
      return 'mapping';
    case 'previewed':
      return confirming ? 'confirm' : 'preview';
    default:
      return 'confirm';
  }
}

/**
 * 导入数据 (managers): a members file or a till's sales export, brought in step by step — the
 * file, how its columns map to fields, a preview of every row cleaned and checked (nothing
 * written yet), then the import itself as a background job that a cancel undoes. Past imports
 * are listed under the first step; opening one goes back to where it stands.
 */
export function ImportPage() {
  const { t } = useTranslation();
  const { staff } = useSession();
  const [session, setSession] = useState<ImportSession | null>(null);
  const [confirming, setConfirming] = useState(false);
  // The history reads again when an import ends or is dropped.
  const [changes, setChanges] = useState(0);

  if (!roleAtLeast(staff.role, 'manager')) {
    return (
      <Alert severity="warning" data-testid="import-forbidden">
        {t('importPage.forbidden')}
      </Alert>
    );
  }

  const step = stepOf(session, confirming);
  const show = (next: ImportSession | null) => {
    setSession(next);
    if (!next || next.state !== 'previewed') setConfirming(false);
  };
  const startOver = () => {
    show(null);
    setChanges((n) => n + 1);
  };
  // Leaving an import not yet started drops its staged rows; the file stays listed as cancelled.
  const drop = async () => {
    if (session && ['opened', 'previewed', 'failed'].includes(session.state)) {
      await api.call('import.cancel', { id: session.id }).catch(() => undefined);
    }
    startOver();
  };

  return (
    <Stack spacing={2}>
      <Paper sx={{ px: 3, py: 2 }}>
        <Typography variant="h5" component="h1" gutterBottom>
          {t('importPage.title')}
        </Typography>
        {/* An import that has ended has every step behind it. */}
        <Stepper activeStep={session?.state === 'done' ? STEPS.length : STEPS.indexOf(step)} data-testid="import-stepper">
          {STEPS.map((name) => (
            <Step key={name}>
              <StepLabel>{t(`importPage.steps.${name}`)}</StepLabel>
            </Step>
          ))}
        </Stepper>
      </Paper>
      {step === 'choose' && (
        <>
          <ChooseFileStep onOpened={show} />
          <ImportHistory refresh={changes} onOpen={show} />
        </>
      )}
      {step === 'mapping' && session && <MappingStep key={session.id} session={session} onSession={show} onDrop={() => void drop()} />}
      {step === 'preview' && session && (
        <PreviewStep
          session={session}
          onSession={show}
          onRemap={() => show({ ...session, state: 'opened' })}
          onNext={() => setConfirming(true)}
          onDrop={() => void drop()}
        />
      )}
      {step === 'confirm' && session?.state === 'previewed' && (
        <ConfirmStep session={session} onStarted={show} onBack={() => setConfirming(false)} />
      )}
      {step === 'confirm' && session && session.state !== 'previewed' && (
        <ImportRun session={session} onSession={show} onAnother={startOver} />
      )}
    </Stack>
  );
}
