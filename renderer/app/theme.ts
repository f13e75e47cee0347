import { createTheme, useMediaQuery, type Theme, type ThemeOptions } from '@mui/material';
import { useTranslation } from 'react-i18next';

/**
 * One theme for the counter: large, calm, readable on a cheap monitor. Buttons keep their text as
 * written: MUI upper-cases it by default, which shows 导出 Excel as 导出 EXCEL, and in English
 * makes every button shout.
 */
const theme = {
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
} satisfies ThemeOptions;

export const appTheme = createTheme(theme);

/**
 * The same theme without motion, for a PC whose owner turned animations off (Windows' "Show
 * animations in Windows", which Chromium reports as prefers-reduced-motion): dialogs, menus and
 * panels appear and go at once, and buttons do not ripple. A spinner still turns: it says "wait".
 */
const still = {
  transitions: {
    create: () => 'none',
    getAutoHeightDuration: () => 0,
    duration: { shortest: 0, shorter: 0, short: 0, standard: 0, complex: 0, enteringScreen: 0, leavingScreen: 0 },
  },
  components: { ...theme.components, MuiButtonBase: { defaultProps: { disableRipple: true } } },
} satisfies ThemeOptions;
export const stillTheme = createTheme({ ...theme, ...still });

/**
 * An English screen's fonts: a Latin face first, the Chinese one for the Chinese in it (a store's
 * name, a tier's). A Chinese font first set English quotes as full-width Chinese ones, with a wide
 * gap in "customers’ names"; in Chinese, those are the marks wanted.
 */
const english = {
  typography: { ...theme.typography, fontFamily: `"Segoe UI", Roboto, "Helvetica Neue", Arial, ${theme.typography.fontFamily}` },
};
const englishThemes = { moving: createTheme({ ...theme, ...english }), still: createTheme({ ...theme, ...still, ...english }) };

/** The theme for a screen's language and whether its PC turned animations off. */
export function themeFor(language: string, reducedMotion: boolean): Theme {
  if (language === 'en') return reducedMotion ? englishThemes.still : englishThemes.moving;
  return reducedMotion ? stillTheme : appTheme;
}

/** The theme for the PC's motion setting and the screen's language, followed live as either changes. */
export function useAppTheme(): Theme {
  const { i18n } = useTranslation();
  return themeFor(i18n.language, useMediaQuery('(prefers-reduced-motion: reduce)', { noSsr: true }));
}
