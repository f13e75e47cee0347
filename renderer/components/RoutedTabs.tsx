import type { ReactNode } from 'react';
import { Box, Tab, Tabs } from '@mui/material';
import { Route, Routes, useLocation, useNavigate } from 'react-router';

export interface RoutedTab {
  /** the path below the page's own (`''` for the first, shown by default) */
  path: string;
  label: string;
  element: ReactNode;
  /** false: reachable by its URL (the page says who may use it) but no tab is shown */
  shown?: boolean;
}

/** A page's sub-tabs, each its own route below `base`, so Back and a reload keep the tab. */
export function RoutedTabs({ base, tabs }: { base: string; tabs: RoutedTab[] }) {
  const location = useLocation();
  const navigate = useNavigate();
  const full = (path: string) => (path ? `${base}/${path}` : base);
  const shown = tabs.filter((tab) => tab.shown !== false);
  const current = shown.find((tab) => full(tab.path) === location.pathname) ?? tabs[0];
  return (
    <Box>
      <Tabs value={full(current.path)} onChange={(_, v: string) => navigate(v)} sx={{ mb: 2 }}>
        {shown.map((tab) => (
          <Tab key={tab.path} value={full(tab.path)} label={tab.label} />
        ))}
      </Tabs>
      <Routes>
        {tabs.slice(1).map((tab) => (
          <Route key={tab.path} path={tab.path} element={tab.element} />
        ))}
        <Route path="*" element={tabs[0].element} />
      </Routes>
    </Box>
  );
}
