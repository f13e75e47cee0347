import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import i18next from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { zhCN } from '../../renderer/i18n/zh-CN';
import { en } from '../../renderer/i18n/en';
import { SatisfactionRating } from '../../renderer/features/followups/SatisfactionRating';

// The follow-up's satisfaction stars as a screen reader meets them: each star is a radio named by
// its label. MUI names them "1 Star" … "5 Stars" in English whatever the language.

async function render(language: 'zh-CN' | 'en', value: number | null): Promise<string> {
  const i18n = i18next.createInstance();
  await i18n
    .use(initReactI18next)
    .init({ resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } }, lng: language, interpolation: { escapeValue: false } });
  return renderToString(createElement(I18nextProvider, { i18n }, createElement(SatisfactionRating, { value, onChange: () => undefined })));
}

/** Each radio's accessible name: the text of the label its id points to. */
function radioNames(rendered: string): string[] {
  const html = rendered.replace(/<style[^>]*>.*?<\/style>/gs, '');
  const labels = new Map(
    [...html.matchAll(/<label[^>]*for="([^"]+)"[^>]*>(.*?)<\/label>/g)].map((m) => [m[1], m[2].replace(/<[^>]+>/g, '')]),
  );
  // The empty choice's radio sits inside its label, beside the text.
  return [...html.matchAll(/<input[^>]*type="radio"[^>]*>(?:<span[^>]*>([^<]*)<\/span>)?/g)].map((m) => {
    const id = /id="([^"]+)"/.exec(m[0])?.[1] ?? '';
    return labels.get(id) ?? m[1] ?? '';
  });
}

describe('the satisfaction stars', () => {
  it('are read in Chinese in zh-CN: 满意度 N 分，共 5 分, and the empty choice as not given', async () => {
    const html = await render('zh-CN', 4);
    expect(radioNames(html)).toEqual([
      '满意度 1 分，共 5 分',
      '满意度 2 分，共 5 分',
      '满意度 3 分，共 5 分',
      '满意度 4 分，共 5 分',
      '满意度 5 分，共 5 分',
      '满意度未填',
    ]);
  });

  it('are read in English in English', async () => {
    expect(radioNames(await render('en', null))).toEqual([
      'Satisfaction 1 out of 5',
      'Satisfaction 2 out of 5',
      'Satisfaction 3 out of 5',
      'Satisfaction 4 out of 5',
      'Satisfaction 5 out of 5',
      'Satisfaction not given',
    ]);
  });
});
