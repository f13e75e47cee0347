/**
 * A word the login screen says first, left by what sent the user there: a rewrite of the store
 * that ended every session (加密完成，请重新登录), or one chosen at setup that did not start.
 */
export type LoginNotice = { severity: 'success'; key: string } | { severity: 'error'; error: unknown };
