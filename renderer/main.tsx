import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { HashRouter } from 'react-router';
import { CssBaseline, ThemeProvider, createTheme } from '@mui/material';
import './i18n/index';
import { App } from './app/App';
import { DateLocalization } from './components/DateLocalization';

// One theme for the counter: large, calm, readable on a cheap monitor.
const theme = createTheme({
  palette: { primary: { main: '#0f5c8c' }, secondary: { main: '#f2b134' }, background: { default: '#f4f6f8' } },
  typography: {
    fontFamily: '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", "Segoe UI", Roboto, sans-serif',
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <DateLocalization>
        <HashRouter>
          <App />
        </HashRouter>
      </DateLocalization>
    </ThemeProvider>
  </StrictMode>,
);
