import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The renderer asks in the app's own dialogs: a browser confirm/alert/prompt box is titled with
// the page's address ("127.0.0.1 显示" in browser mode) and cannot be translated. And it writes
// dates with format.ts only: the engine's locale formats vary (docs/dates.md). The lint rules keep
// both promises; these are what they must catch, and what they must leave alone.

const eslint = new ESLint({ cwd: resolve(import.meta.dirname, '..') });

async function problems(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => `${m.line}:${m.ruleId}`);
}

describe('no browser dialogs in the renderer', () => {
  it('refuses confirm, alert and prompt, bare or through window', async () => {
    const code = [
      "if (window.confirm('停用？')) alert('已停用');",
      "export const asked = confirm('取消？') || globalThis.prompt('原因');",
      "export const typed = window.prompt('PIN');",
      '',
    ].join('\n');
    expect(await problems(code, 'renderer/features/members/Probe.tsx')).toEqual([
      '1:no-restricted-properties',
      '1:no-restricted-globals',
      '2:no-restricted-globals',
      '2:no-restricted-properties',
      '3:no-restricted-properties',
    ]);
  });

  it('leaves the app’s own confirm (useConfirm) and code outside the renderer alone', async () => {
    const own =
      "declare function useConfirm(): { confirm: (q: string) => Promise<boolean> };\nconst { confirm } = useConfirm();\nexport const asked = confirm('停用？');\n";
    expect(await problems(own, 'renderer/features/members/Probe.tsx')).toEqual([]);
    expect(await problems("export const asked = typeof confirm === 'function';\n", 'scripts/probe.ts')).toEqual([]);
  });
});

describe('dates written by format.ts only', () => {
  it('refuses the engine’s date formats in the renderer', async () => {
    const code = [
      "export const a = new Date().toLocaleDateString('zh-CN');",
      'export const b = new Date().toLocaleTimeString();',
      "export const c = new Intl.DateTimeFormat('en-US').format(new Date());",
      "export const d = (1234.5).toLocaleString('en-US');",
      '',
    ].join('\n');
    expect(await problems(code, 'renderer/features/reports/Probe.tsx')).toEqual([
      '1:no-restricted-properties',
      '2:no-restricted-properties',
      '3:no-restricted-properties',
    ]);
  });

  it('lets format.ts ask Intl for the machine’s time zone', async () => {
    expect(
      await problems('export const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;\n', 'renderer/components/format.ts'),
    ).toEqual([]);
    expect(await problems("export const ok = window.confirm('x');\n", 'renderer/components/format.ts')).toEqual([
      '1:no-restricted-properties',
    ]);
  });
});

// Each folder gets the union of its bans, at any depth (a flat config's later block replaces a
// rule's options, which once let shared/ import React and HTTP). '~/' stands for the way up from
// the probe to the repository root; each ban is tried as a value and as a type-only import.
const BANNED: Record<string, string[]> = {
  'shared/probe.ts': [
    'electron',
    'react',
    'react-dom/client',
    'node:http',
    'http',
    'better-sqlite3',
    'node:fs',
    '~/db/connection',
    '~/services/dispatch',
    '~/renderer/api/client',
    '~/electron/http',
  ],
  'shared/contract/probe.ts': ['react', 'http', '~/db/queries/members', '~/services/core/dispatch', '~/renderer/components/format'],
  'db/probe.ts': ['electron', 'react', 'node:http', 'http', '~/renderer/api/client', '~/services/dispatch', '~/electron/http'],
  'db/queries/probe.ts': ['react', 'http', '~/renderer/api/client', '~/services/core/dispatch', '~/services/members'],
  'services/probe.ts': ['electron', 'react', 'node:http', 'http', '~/renderer/api/client', '~/electron/http'],
  'services/core/probe.ts': ['electron', 'react', 'http', '~/renderer/features/members/MemberPage', '~/renderer', '~/electron/ipc'],
  // The services' host runs in a worker thread in browser mode and the tests.
  'electron/backend/probe.ts': ['electron'],
  'renderer/features/members/Probe.tsx': [
    'electron',
    'better-sqlite3',
    'node:path',
    '~/db/connection',
    '~/services/members',
    '~/services/core/dispatch',
    '~/electron/preload',
  ],
};
const ALLOWED: Record<string, string[]> = {
  'shared/contract/probe.ts': ['zod', '~/shared/errors', './define'],
  'db/queries/probe.ts': ['better-sqlite3', 'node:crypto', '~/db/connection', '~/shared/errors'],
  'services/core/probe.ts': ['node:crypto', 'better-sqlite3', '~/db/queries/members', '~/shared/errors', '../members/members'],
  'renderer/features/members/Probe.tsx': ['react', 'react-dom/client', '@mui/material', '~/shared/errors', '~/renderer/api/client'],
  'electron/probe.ts': ['electron', 'node:http', '~/services/core/dispatch', '~/db/connection'],
  'electron/backend/utility.ts': ['electron', './protocol'],
};

function importsOf(filePath: string, specifiers: string[]): string {
  const up = '../'.repeat(filePath.split('/').length - 1);
  return (
    specifiers.flatMap((s, i) => [`import '${s.replace('~/', up)}';`, `import type { T${i} } from '${s.replace('~/', up)}';`]).join('\n') +
    '\n'
  );
}

async function restrictedImports(filePath: string, specifiers: string[]): Promise<number[]> {
  const [result] = await eslint.lintText(importsOf(filePath, specifiers), { filePath });
  // node:http in shared/ breaks two bans (HTTP, and server-side code): one line, one refusal.
  return [...new Set(result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.line))];
}

describe('what each folder may not import', () => {
  it.each(Object.entries(BANNED))('refuses each ban in %s', async (filePath, specifiers) => {
    const lines = specifiers.flatMap((_, i) => [2 * i + 1, 2 * i + 2]);
    expect(await restrictedImports(filePath, specifiers)).toEqual(lines);
  });

  it.each(Object.entries(ALLOWED))('lets %s import what it needs', async (filePath, specifiers) => {
    expect(await restrictedImports(filePath, specifiers)).toEqual([]);
  });
});

describe('only renderer/api/ touches window.api', () => {
  const code = [
    'export const inElectron = window.api !== undefined;',
    "export const named = globalThis['api'];",
    'const { api } = window;',
    "export const asked = api?.invoke('app.printToPdf', {}, null);",
    '',
  ].join('\n');

  it('refuses it in pages and components, however it is reached', async () => {
    const syntax = async (filePath: string) => (await problems(code, filePath)).filter((p) => p.endsWith('no-restricted-syntax'));
    expect(await syntax('renderer/features/reports/Probe.tsx')).toEqual([
      '1:no-restricted-syntax',
      '2:no-restricted-syntax',
      '3:no-restricted-syntax',
    ]);
    expect(await syntax('renderer/components/reports/print.ts')).toEqual([
      '1:no-restricted-syntax',
      '2:no-restricted-syntax',
      '3:no-restricted-syntax',
    ]);
  });

  it('lets renderer/api/ reach it, and pages call the client named api', async () => {
    expect(await problems(code, 'renderer/api/printToPdf.ts')).toEqual([]);
    const page = "import { api } from '../../api/client';\nexport const found = api.call('members.search', { q: '李' });\n";
    expect(await problems(page, 'renderer/features/members/Probe.tsx')).toEqual([]);
  });
});

describe('SQL only in db/', () => {
  const code = [
    "import type { DB } from '../../db/connection';",
    "export const count = (db: DB) => db.prepare('SELECT COUNT(*) FROM members').pluck().get();",
    "export const drop = (db: DB) => db.exec('DROP TABLE IF EXISTS temp.expiring');",
    '',
  ].join('\n');

  it('refuses prepare and exec in services, whichever room', async () => {
    const syntax = async (filePath: string) => (await problems(code, filePath)).filter((p) => p.endsWith('no-restricted-syntax'));
    expect(await syntax('services/loyalty/Probe.ts')).toEqual(['2:no-restricted-syntax', '3:no-restricted-syntax']);
    expect(await syntax('services/hq/deeper/Probe.ts')).toEqual(['2:no-restricted-syntax', '3:no-restricted-syntax']);
    expect(await syntax('services/backup/Probe.ts')).toEqual(['2:no-restricted-syntax', '3:no-restricted-syntax']);
  });

  it('lets db/queries prepare them', async () => {
    expect(await problems(code.replaceAll('../../db/', '../'), 'db/queries/probe.ts')).toEqual([]);
  });
});
