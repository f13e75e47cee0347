import { createTheme } from '@mui/material';

/**
 * One theme for the counter: large, calm, readable on a cheap monitor. Buttons keep their text as
 * written: MUI upper-cases it by default, which shows 导出 Excel as 导出 EXCEL, and in English
 * makes every button shout.
 */
export const appTheme = createTheme({
  palette: { primary: { main: '#0f5c8c' }, secondary: { main: '#f2b134' }, background: { default: '#f4f6f8' } },
  typography: {
    fontFamily: '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", "Segoe UI", Roboto, sans-serif',
    button: { textTransform: 'none' },
  },
});
