import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LocalizationProvider } from '@mui/x-date-pickers/LocalizationProvider';
import { AdapterDateFns } from '@mui/x-date-pickers/AdapterDateFns';
import { enUS as pickerEnglish, zhCN as pickerChinese } from '@mui/x-date-pickers/locales';
import { enUS } from 'date-fns/locale/en-US';
import { zhCN } from 'date-fns/locale/zh-CN';
import { dateFieldFormat, dateTimeFieldFormat } from './format';

/**
 * Once at the root: every date field and calendar speaks the UI language and writes dates the
 * app's one way (2026/11/28), whatever the browser's or the machine's locale.
 */
export function DateLocalization({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const language = i18n.language;
  const english = language.startsWith('en');
  const texts = (english ? pickerEnglish : pickerChinese).components.MuiLocalizationProvider.defaultProps.localeText;
  return (
    <LocalizationProvider
      dateAdapter={AdapterDateFns}
      adapterLocale={english ? enUS : zhCN}
      localeText={texts}
      // fullDate is what the calendar button reads out ("选择日期，已选择 2026/11/28")
      dateFormats={{
        keyboardDate: dateFieldFormat(language),
        fullDate: dateFieldFormat(language),
        keyboardDateTime24h: dateTimeFieldFormat(language),
      }}
    >
      {children}
    </LocalizationProvider>
  );
}
