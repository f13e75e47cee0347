import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../electron/sender';

const RENDERER = 'file:///opt/BranchDesk/resources/app/dist/renderer/index.html';

describe('IPC sender check', () => {
  it('trusts only the top frame of our own renderer file', () => {
    expect(isTrustedSender({ url: `${RENDERER}#/members/1`, parent: null }, RENDERER)).toBe(true);
    expect(isTrustedSender({ url: RENDERER, parent: {} }, RENDERER)).toBe(false);
    expect(isTrustedSender({ url: 'file:///tmp/evil.html', parent: null }, RENDERER)).toBe(false);
    expect(isTrustedSender({ url: 'https://example.com/dist/renderer/index.html', parent: null }, RENDERER)).toBe(false);
    expect(isTrustedSender({ url: 'not a url', parent: null }, RENDERER)).toBe(false);
    expect(isTrustedSender(null, RENDERER)).toBe(false);
  });
});
