import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { HashRouter } from 'react-router';
import { CssBaseline, ThemeProvider } from '@mui/material';
import './i18n/index';
import { App } from './app/App';
import { useAppTheme } from './app/theme';
import { DateLocalization } from './components/DateLocalization';

function Themed({ children }: { children: ReactNode }) {
  return (
    <ThemeProvider theme={useAppTheme()}>
      <CssBaseline />
      {children}
    </ThemeProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Themed>
      <DateLocalization>
        <HashRouter>
          <App />
        </HashRouter>
      </DateLocalization>
    </Themed>
  </StrictMode>,
);
