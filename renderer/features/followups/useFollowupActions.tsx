import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Followup } from '../../../shared/contract/followups';
import { api } from '../../api/client';
import { FollowupDialogs, type FollowupDialog } from './FollowupDialogs';
import type { RowActions } from './FollowupTable';

/**
 * What a task's buttons do, wherever the task is listed: the quick ones (no answer, cancel) go
 * straight to the service, the others open their dialog. `onChanged` reloads the list.
 */
export function useFollowupActions(onChanged: (message: string | null, error?: unknown) => void) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<FollowupDialog>(null);
  const quick = async (run: () => Promise<unknown>, message: string) => {
    try {
      await run();
      onChanged(message);
    } catch (err) {
      onChanged(null, err);
    }
  };
  const actions: RowActions = {
    complete: (task: Followup) => setDialog({ kind: 'complete', task }),
    reschedule: (task: Followup) => setDialog({ kind: 'reschedule', task }),
    script: (task: Followup) => setDialog({ kind: 'script', task }),
    miss: (task: Followup) => void quick(() => api.call('followups.miss', { id: task.id }), t('followups.miss.done', { name: task.memberName })),
    cancel: (task: Followup) => {
      if (window.confirm(t('followups.cancel.confirm'))) void quick(() => api.call('followups.cancel', { id: task.id }), t('followups.cancel.done'));
    },
  };
  const dialogs = (
    <FollowupDialogs
      dialog={dialog}
      onClose={() => setDialog(null)}
      onDone={(message) => {
        setDialog(null);
        onChanged(message);
      }}
    />
  );
  return { actions, dialogs };
}
