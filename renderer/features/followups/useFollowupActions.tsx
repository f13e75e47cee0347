import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Followup } from '../../../shared/contract/followups';
import { api } from '../../api/client';
import { useConfirm } from '../../components/ConfirmDialog';
import { FollowupDialogs, type FollowupDialog } from './FollowupDialogs';
import type { RowActions } from './FollowupTable';
import { followupWhy } from './why';

/**
 * What a task's buttons do, wherever the task is listed: the quick ones (no answer; cancel, once
 * confirmed) go straight to the service, the others open their dialog. `onChanged` reloads the list.
 */
export function useFollowupActions(onChanged: (message: string | null, error?: unknown) => void) {
  const { t, i18n } = useTranslation();
  const [dialog, setDialog] = useState<FollowupDialog>(null);
  const { confirm, dialog: confirmDialog } = useConfirm();
  const quick = async (run: () => Promise<unknown>, message: string) => {
    try {
      await run();
      onChanged(message);
    } catch (err) {
      onChanged(null, err);
    }
  };
  // Asked in the app's own dialog, which names the member and why the task exists.
  const cancelTask = async (task: Followup) => {
    const sure = await confirm({
      title: t('followups.cancel.confirm', { name: task.memberName }),
      message: followupWhy(t, task, i18n.language),
      confirmLabel: t('followups.actions.cancel'),
      tone: 'warning',
    });
    if (sure) await quick(() => api.call('followups.cancel', { id: task.id }), t('followups.cancel.done'));
  };
  const actions: RowActions = {
    complete: (task: Followup) => setDialog({ kind: 'complete', task }),
    reschedule: (task: Followup) => setDialog({ kind: 'reschedule', task }),
    script: (task: Followup) => setDialog({ kind: 'script', task }),
    miss: (task: Followup) =>
      void quick(() => api.call('followups.miss', { id: task.id }), t('followups.miss.done', { name: task.memberName })),
    cancel: (task: Followup) => void cancelTask(task),
  };
  const dialogs = (
    <>
      <FollowupDialogs
        dialog={dialog}
        onClose={() => setDialog(null)}
        onDone={(message) => {
          setDialog(null);
          onChanged(message);
        }}
      />
      {confirmDialog}
    </>
  );
  return { actions, dialogs };
}
