import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { HashRouter } from 'react-router';
import { CssBaseline, ThemeProvider } from '@mui/material';
import './i18n/index';
import { App } from './app/App';
import { appTheme } from './app/theme';
import { DateLocalization } from './components/DateLocalization';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ThemeProvider theme={appTheme}>
      <CssBaseline />
      <DateLocalization>
        <HashRouter>
          <App />
        </HashRouter>
      </DateLocalization>
    </ThemeProvider>
  </StrictMode>,
);
