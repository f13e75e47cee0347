import { useTranslation } from 'react-i18next';
import { roleAtLeast } from '../../../shared/roles';
import { useSession } from '../../app/session';
import { RoutedTabs } from '../../components/RoutedTabs';
import { TodayQueue } from './TodayQueue';
import { FollowupSettingsForm } from './FollowupSettingsForm';
import { FeedbackList } from '../feedback/FeedbackList';

/** 回访: the Today queue for everyone, complaints and feedback, and (managers) the rules and scripts. */
export function FollowupsPage() {
  const { t } = useTranslation();
  const { staff } = useSession();
  return (
    <RoutedTabs
      base="/followups"
      tabs={[
        { path: '', label: t('followups.tabs.today'), element: <TodayQueue /> },
        { path: 'feedback', label: t('followups.tabs.feedback'), element: <FeedbackList /> },
        // A clerk who types the URL is told the rules are for managers (by the form itself).
        {
          path: 'settings',
          label: t('followups.tabs.settings'),
          element: <FollowupSettingsForm />,
          shown: roleAtLeast(staff.role, 'manager'),
        },
      ]}
    />
  );
}
