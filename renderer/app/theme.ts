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
  components: {
    // A dialog's buttons line up with its text (24 px in) and stand off its bottom edge: MUI's own
    // 8 px all round left the erase dialog's 删除个人信息 almost touching the dialog's corner.
    // Here, once, so every dialog (confirm, form, the feature's own) keeps the same spacing.
    MuiDialogActions: { styleOverrides: { root: { padding: '8px 24px 16px' } } },
  },
});
