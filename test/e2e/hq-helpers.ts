import { writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, scratchPath, sessionFor, setUpViaRpc, ADMIN, type WebServer } from './fixtures';

// HQ and a branch of its chain, set up through the wire protocol for the specs that test what
// comes after (hq.spec.ts walks the set-up screens themselves).

export const HQ_ADMIN = { name: '总部李经理', pin: '864200' };

/** An HQ set up through the wire protocol; answers its chain code. */
export async function setUpHq(hqServer: WebServer): Promise<string> {
  const r = await hqServer.rpc('setup.init', {
    kind: 'hq',
    branchName: '华东总部',
    branchCode: 'HQ',
    adminName: HQ_ADMIN.name,
    adminPin: HQ_ADMIN.pin,
  });
  expect(r.body.ok, JSON.stringify(r.body.error)).toBe(true);
  return (r.body.result as { chainCode: string }).chainCode;
}

/** The branch set up (setUpViaRpc) and joined to HQ's chain afterwards; answers its admin's session. */
export async function setUpBranchInChain(server: WebServer, chainCode: string): Promise<string> {
  await setUpViaRpc(server);
  const admin = await sessionFor(server, ADMIN);
  const joined = await server.rpc('hq.joinChain', { chainCode }, admin);
  expect(joined.body.ok, JSON.stringify(joined.body.error)).toBe(true);
  return admin;
}

/** A branch's export through the wire protocol (as the admin by default), saved where a file chooser can pick it. */
export async function exportToFile(server: WebServer, mode: 'full' | 'incremental' = 'full', session?: string): Promise<string> {
  const r = await server.rpc('hq.exportBranch', { mode }, session ?? (await sessionFor(server)));
  expect(r.body.ok, JSON.stringify(r.body.error)).toBe(true);
  const file = r.body.result as { fileName: string; dataBase64: string };
  const path = scratchPath(file.fileName);
  writeFileSync(path, Buffer.from(file.dataBase64, 'base64'));
  return path;
}

/** HQ has no counter: its first page merges files. */
export async function hqLogin(page: Page, hqServer: WebServer, who: { name: string; pin: string } = HQ_ADMIN): Promise<void> {
  await page.goto(hqServer.url);
  await page.locator('input[name=name]').fill(who.name);
  await page.locator('input[name=pin]').fill(who.pin);
  await page.locator('button[type=submit]').click();
  await expect(page.getByTestId('merge-start')).toBeVisible();
}

/** Picks the files on HQ's 合并文件 page and starts the merge, without waiting for it. */
export async function startMerge(page: Page, files: string[]): Promise<void> {
  await page.getByTestId('merge-input').setInputFiles(files);
  await page.getByTestId('merge-start').click();
}

/** Merges the files through HQ's 合并文件 page and waits for its summary. */
export async function mergeFiles(page: Page, files: string[]): Promise<void> {
  await startMerge(page, files);
  await expect(page.getByTestId('merge-summary')).toBeVisible();
}
