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
    const own = "declare function useConfirm(): { confirm: (q: string) => Promise<boolean> };\nconst { confirm } = useConfirm();\nexport const asked = confirm('停用？');\n";
    expect(await problems(own, 'renderer/features/members/Probe.tsx')).toEqual([]);
    expect(await problems("export const asked = typeof confirm === 'function';\n", 'scripts/probe.ts')).toEqual([]);
  });
});

describe('dates written by format.ts only', () => {
  it('refuses the engine’s date formats in the renderer', async () => {
    const code = [
      "export const a = new Date().toLocaleDateString('zh-CN');",
      "export const b = new Date().toLocaleTimeString();",
      "export const c = new Intl.DateTimeFormat('en-US').format(new Date());",
      "export const d = (1234.5).toLocaleString('en-US');",
      '',
    ].join('\n');
    expect(await problems(code, 'renderer/features/reports/Probe.tsx')).toEqual(['1:no-restricted-properties', '2:no-restricted-properties', '3:no-restricted-properties']);
  });

  it('lets format.ts ask Intl for the machine’s time zone', async () => {
    expect(await problems('export const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;\n', 'renderer/components/format.ts')).toEqual([]);
    expect(await problems("export const ok = window.confirm('x');\n", 'renderer/components/format.ts')).toEqual(['1:no-restricted-properties']);
  });
});
