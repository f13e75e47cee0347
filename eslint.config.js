import tseslint from 'typescript-eslint';

const BROWSER_DIALOGS = ['confirm', 'alert', 'prompt'];
const BROWSER_DIALOG_MESSAGE = 'Ask in the app\'s own dialog (ConfirmDialog / useConfirm in renderer/components), not a browser box.';
const browserDialogs = ['window', 'globalThis', 'self'].flatMap((object) => BROWSER_DIALOGS.map((property) => ({ object, property, message: BROWSER_DIALOG_MESSAGE })));
// One date format on every page (docs/dates.md): the engine writes dates its own way per locale.
const DATE_MESSAGE = 'Write dates with renderer/components/format.ts (formatDate, formatTime, …), not the engine\'s locale formats.';
const engineDates = [
  { property: 'toLocaleDateString', message: DATE_MESSAGE },
  { property: 'toLocaleTimeString', message: DATE_MESSAGE },
  { object: 'Intl', property: 'DateTimeFormat', message: DATE_MESSAGE },
];

const serverOnly = ['better-sqlite3', 'node:*', '../db/*', '../../db/*', '../services/*', '../../services/*', '../../../db/*', '../../../services/*'];

export default tseslint.config(
  { ignores: ['dist/**', 'dist-electron/**', 'release/**', 'node_modules/**', 'test-results/**', '.cache/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // Services, queries and shared rules run under plain Node and in tests: no Electron, UI or HTTP.
    files: ['shared/**/*.ts', 'db/**/*.ts', 'services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'Only electron/ may import electron.' },
            { name: 'react', message: 'Services and shared rules never import React.' },
            { name: 'node:http', message: 'Transports live in electron/.' },
            { name: 'http', message: 'Transports live in electron/.' },
          ],
        },
      ],
    },
  },
  {
    // shared/ is used by the renderer too: nothing server-side may leak in.
    files: ['shared/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer reaches Electron only through window.api.' }],
          patterns: [{ group: serverOnly, message: 'The renderer and shared/ must not import server-side code.' }],
        },
      ],
    },
  },
  {
    // The app asks in its own dialogs (renderer/components/ConfirmDialog.tsx): a browser box is
    // titled with the page's address ("127.0.0.1 显示"), untranslated, and freezes the page.
    // Dates are written by format.ts alone.
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-globals': ['error', ...BROWSER_DIALOGS.map((name) => ({ name, message: BROWSER_DIALOG_MESSAGE }))],
      'no-restricted-properties': ['error', ...browserDialogs, ...engineDates],
    },
  },
  {
    // format.ts asks Intl only for the machine's time zone, until the store's is known.
    files: ['renderer/components/format.ts'],
    rules: { 'no-restricted-properties': ['error', ...browserDialogs] },
  },
  {
    // The HTTP bridge and browser-mode entry live in electron/ but run under plain Node.
    files: ['electron/http.ts', 'electron/web.ts', 'electron/renderer-build.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Browser mode runs without Electron.' }] }] },
  },
);
