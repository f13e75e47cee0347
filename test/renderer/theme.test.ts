import { describe, expect, it } from 'vitest';
import { createElement, type ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import { Button, ThemeProvider, ToggleButton } from '@mui/material';
import { appTheme, themeFor } from '../../renderer/app/theme';

// MUI upper-cases button text by default: 导出 Excel read 导出 EXCEL, CSV and PDF stayed as they
// were only by luck, and English buttons shouted. The app's theme keeps text as written.

/** The CSS emotion writes beside a component rendered under the app's theme. */
function styleOf(element: ReactElement): string {
  const html = renderToString(createElement(ThemeProvider, { theme: appTheme }, element));
  return [...html.matchAll(/<style[^>]*>([^<]*)<\/style>/g)].map((m) => m[1]).join('\n');
}

describe('the app theme', () => {
  it('does not upper-case buttons or toggle buttons (tabs take the same typography)', () => {
    expect(appTheme.typography.button.textTransform).toBe('none');
    for (const element of [createElement(Button, null, '导出 Excel'), createElement(ToggleButton, { value: 'month' }, 'By month')]) {
      const css = styleOf(element);
      expect(css).toContain('text-transform:none');
      expect(css).not.toContain('text-transform:uppercase');
    }
  });

  it('sets English in a Latin face first (its quotes narrow), Chinese in the Chinese face (its quotes full-width)', () => {
    for (const reduced of [false, true]) {
      expect(themeFor('en', reduced).typography.fontFamily).toMatch(/^"Segoe UI", Roboto, .*"Noto Sans CJK SC"/);
      expect(themeFor('zh-CN', reduced).typography.fontFamily).toMatch(/^"Noto Sans CJK SC"/);
    }
  });

  it('moves, or not, as the PC is set: no transition and no ripple with animations turned off', () => {
    for (const language of ['zh-CN', 'en']) {
      expect(themeFor(language, false).transitions.create('opacity')).toContain('opacity');
      expect(themeFor(language, true).transitions.create('opacity')).toBe('none');
      expect(themeFor(language, true).transitions.duration.enteringScreen).toBe(0);
      expect(themeFor(language, true).components?.MuiButtonBase?.defaultProps?.disableRipple).toBe(true);
      expect(themeFor(language, false).components?.MuiButtonBase).toBeUndefined();
    }
  });
});
