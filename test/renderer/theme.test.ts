import { describe, expect, it } from 'vitest';
import { createElement, type ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import { Button, ThemeProvider, ToggleButton } from '@mui/material';
import { appTheme } from '../../renderer/app/theme';

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
});
