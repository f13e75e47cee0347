import tseslint from 'typescript-eslint';

const BROWSER_DIALOGS = ['confirm', 'alert', 'prompt'];
const BROWSER_DIALOG_MESSAGE = "Ask in the app's own dialog (ConfirmDialog / useConfirm in renderer/components), not a browser box.";
const browserDialogs = ['window', 'globalThis', 'self'].flatMap((object) =>
  BROWSER_DIALOGS.map((property) => ({ object, property, message: BROWSER_DIALOG_MESSAGE })),
);
// One date format on every page (docs/dates.md): the engine writes dates its own way per locale.
const DATE_MESSAGE = "Write dates with renderer/components/format.ts (formatDate, formatTime, …), not the engine's locale formats.";
const engineDates = [
  { property: 'toLocaleDateString', message: DATE_MESSAGE },
  { property: 'toLocaleTimeString', message: DATE_MESSAGE },
  { object: 'Intl', property: 'DateTimeFormat', message: DATE_MESSAGE },
];
// Only renderer/api/ reaches what the preload exposes (see the block that uses these).
const WINDOW = '/^(window|globalThis|self)$/';
const PRELOAD_MESSAGE =
  "Only renderer/api/ touches window.api: call the client (api/client.ts) or the window's PDF printer (api/printToPdf.ts).";

// What each folder may not import. A flat config's later block replaces a rule's options instead
// of adding to them, so each folder's bans are joined here and set in one block. Folders are
// matched by regex on relative specifiers at any depth (services/ is moving into subfolders).
const SERVER_ONLY = 'The renderer and shared/ run in the window too: no server-side code.';
const folder = (name) => `^\\.{1,2}/(.*/)?${name}(/|$)`;
const ban = {
  electron: { paths: [{ name: 'electron', message: 'Only electron/ imports electron; the renderer reaches it through renderer/api/.' }] },
  react: { patterns: [{ regex: '^react(-dom)?(/|$)', message: 'Services, queries and shared rules never import React.' }] },
  http: { patterns: [{ regex: '^(node:)?https?$', message: 'Transports live in electron/.' }] },
  shell: { patterns: [{ regex: folder('electron'), message: 'electron/ is the shell around everything else: nothing imports it back.' }] },
  renderer: { patterns: [{ regex: folder('renderer'), message: 'Only the renderer imports the renderer.' }] },
  services: { patterns: [{ regex: folder('services'), message: 'Queries sit below the services: db/ never imports services/.' }] },
  serverOnly: {
    patterns: [
      { group: ['better-sqlite3', 'node:*'], message: SERVER_ONLY },
      { regex: folder('db'), message: SERVER_ONLY },
      { regex: folder('services'), message: SERVER_ONLY },
    ],
  },
};
const restrictImports = (...bans) => [
  'error',
  { paths: bans.flatMap((b) => b.paths ?? []), patterns: bans.flatMap((b) => b.patterns ?? []) },
];

export default tseslint.config(
  { ignores: ['dist/**', 'dist-electron/**', 'release/**', 'node_modules/**', 'test-results/**', '.cache/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // shared/ is used by the services and by the renderer: nothing of either, nor of the shell.
    files: ['shared/**/*.ts'],
    rules: { 'no-restricted-imports': restrictImports(ban.electron, ban.react, ban.http, ban.serverOnly, ban.renderer, ban.shell) },
  },
  {
    // Queries run under plain Node and in tests: no Electron, UI or HTTP, nor the services above them.
    files: ['db/**/*.ts'],
    rules: { 'no-restricted-imports': restrictImports(ban.electron, ban.react, ban.http, ban.renderer, ban.services, ban.shell) },
  },
  {
    // Services run under plain Node and in tests: no Electron, UI or HTTP; the transports call them.
    files: ['services/**/*.ts'],
    rules: { 'no-restricted-imports': restrictImports(ban.electron, ban.react, ban.http, ban.renderer, ban.shell) },
  },
  {
    // SQL lives in db/queries, prepared once per connection with typed rows: a service that
    // prepares its own statement prepares it again on every call and reads untyped rows.
    files: ['services/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...['prepare', 'exec', 'pragma'].map((method) => ({
          selector: `CallExpression[callee.property.name='${method}']`,
          message: `No SQL in services/: put the statement in db/queries/<room>/ (perDatabase) and call it by name. (A RegExp's ${method}: use String.prototype.match.)`,
        })),
      ],
    },
  },
  {
    // The renderer reaches the services only through renderer/api/ (window.api or the HTTP bridge).
    files: ['renderer/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': restrictImports(ban.electron, ban.serverOnly, ban.shell) },
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
    // The pages never know how the services are reached: only renderer/api/ touches what the
    // Electron preload exposes (the client's transport, and the window's PDF printer).
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/api/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...[
          `MemberExpression[object.name=${WINDOW}][property.name='api']`,
          `MemberExpression[object.name=${WINDOW}][property.value='api']`,
          `VariableDeclarator[init.name=${WINDOW}] > ObjectPattern > Property[key.name='api']`,
        ].map((selector) => ({ selector, message: PRELOAD_MESSAGE })),
      ],
    },
  },
  {
    // format.ts asks Intl only for the machine's time zone, until the store's is known.
    files: ['renderer/components/format.ts'],
    rules: { 'no-restricted-properties': ['error', ...browserDialogs] },
  },
  {
    // The HTTP bridge and browser-mode entry live in electron/ but run under plain Node, and so do
    // the services' host and its relay (electron/backend/), in a worker thread. Only the utility
    // process's two adapters are Electron's.
    files: ['electron/http.ts', 'electron/web.ts', 'electron/renderer-build.ts', 'electron/backend/**/*.ts'],
    ignores: ['electron/backend/utility.ts', 'electron/backend/utility-entry.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Browser mode runs without Electron.' }] }] },
  },
);
