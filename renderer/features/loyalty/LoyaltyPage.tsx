import { useState } from 'react';
import { Alert, Box, Paper, Tab, Tabs, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { roleAtLeast } from '../../../shared/roles';
import { useSession } from '../../app/session';
import { PointsRulesForm } from './PointsRulesForm';
import { ShortfallsCard } from './ShortfallsCard';
import { TiersEditor } from './TiersEditor';

type Section = 'rules' | 'tiers' | 'shortfalls';
const SECTIONS: Section[] = ['rules', 'tiers', 'shortfalls'];

/** The manager's page: points rules, the tier table and refund shortfalls. */
export function LoyaltyPage() {
  const { t } = useTranslation();
  const { staff } = useSession();
  const [section, setSection] = useState<Section>('rules');

  // The service refuses clerks too; this only spares them a page of errors.
  if (!roleAtLeast(staff.role, 'manager')) {
    return (
      <Alert severity="warning" data-testid="loyalty-forbidden">
        {t('loyalty.forbidden')}
      </Alert>
    );
  }

  return (
    <Box>
      <Paper sx={{ px: 3, pt: 2, mb: 2 }}>
        <Typography variant="h5" component="h1">
          {t('loyalty.title')}
        </Typography>
        <Tabs value={section} onChange={(_e, s: Section) => setSection(s)} aria-label={t('loyalty.title')}>
          {SECTIONS.map((s) => (
            <Tab key={s} value={s} label={t(`loyalty.sections.${s}`)} id={`loyalty-tab-${s}`} aria-controls={`loyalty-panel-${s}`} />
          ))}
        </Tabs>
      </Paper>
      {/* The two forms stay mounted while hidden, so switching sections keeps unsaved edits;
          the shortfalls are fetched afresh each time they are opened. */}
      <Box role="tabpanel" id="loyalty-panel-rules" aria-labelledby="loyalty-tab-rules" hidden={section !== 'rules'}>
        <PointsRulesForm />
      </Box>
      <Box role="tabpanel" id="loyalty-panel-tiers" aria-labelledby="loyalty-tab-tiers" hidden={section !== 'tiers'}>
        <TiersEditor />
      </Box>
      {section === 'shortfalls' && (
        <Box role="tabpanel" id="loyalty-panel-shortfalls" aria-labelledby="loyalty-tab-shortfalls">
          <ShortfallsCard />
        </Box>
      )}
    </Box>
  );
}
