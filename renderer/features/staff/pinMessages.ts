/** PINs: an admin's reset on the staff page, and everyone's own change from the menu under their name. */
export const pinZh = {
  menu: '我的账户',
  change: '修改 PIN',
  changeTitle: '修改我的 PIN',
  changeHelp: '先输入现在的 PIN。改好后，您在其他电脑上的登录会退出，这里不受影响。',
  oldPin: '当前 PIN',
  newPin: '新 PIN',
  newPinAgain: '再次输入新 PIN',
  newPinHelp: '至少 4 位',
  mismatch: '两次输入的新 PIN 不一致',
  changed: 'PIN 已修改，下次登录请用新 PIN。',
  reset: '重置 PIN',
  resetTitle: '重置 {{name}} 的 PIN',
  resetHelp:
    '用于忘记 PIN 或被锁定时。新 PIN 请当面告诉对方；对方已登录的地方都会退出，错误次数清零。对方登录后可以在右上角自己的名字下修改 PIN。',
  resetDone: '已重置 {{name}} 的 PIN。',
};

export const pinEn: typeof pinZh = {
  menu: 'My account',
  change: 'Change PIN',
  changeTitle: 'Change my PIN',
  changeHelp: 'Enter your current PIN first. Once changed, you are logged out on other computers; this one stays logged in.',
  oldPin: 'Current PIN',
  newPin: 'New PIN',
  newPinAgain: 'New PIN again',
  newPinHelp: 'At least 4 characters',
  mismatch: 'The two new PINs differ',
  changed: 'PIN changed. Use the new PIN next time you log in.',
  reset: 'Reset PIN',
  resetTitle: "Reset {{name}}'s PIN",
  resetHelp:
    'For a forgotten PIN or a locked name. Tell them the new PIN in person; wherever they are logged in they are logged out, and their wrong-PIN count starts afresh. Once logged in they can change it under their name at the top right.',
  resetDone: "{{name}}'s PIN was reset.",
};
