/** 闲置锁屏 and 换人 (docs/privacy.md "Sessions and access"). en mirrors zhCN. */
export const sessionLockZh = {
  title: '已锁屏',
  body: '{{name}} 已离开 {{minutes}} 分钟以上，页面已遮住。输入 PIN 继续，刚才填写的内容都还在。',
  bodyByHand: '页面已遮住。{{name}} 输入 PIN 继续，刚才填写的内容都还在。',
  pin: 'PIN',
  resume: '解锁',
  switch: '换人',
  switchKey: '换人 F9',
  lockNow: '锁屏',
  logout: '退出登录',
  switchTitle: '换人',
  switchHelp: '按数字键选人，再输入这位同事的 PIN。',
  switchNote: '换人后从前台开始：上一位没录完的消费不会带给下一位；界面换成下一位自己设置的语言。',
  greeting: '现在是 {{name}} 的会话。界面语言是 {{name}} 自己的设置：{{language}}。',
  greetingLanguage:
    '现在是 {{name}} 的会话。界面已换成 {{name}} 自己设置的语言：{{language}}。每人登录或换人后都用自己的语言，可在 设置 → 界面语言 更改。',
  pinOf: '{{name}} 的 PIN',
  start: '开始',
  back: '选别人',
  cancel: '取消',
  noColleagues: '没有其他在用的员工。',
  settingsTitle: '闲置锁屏',
  settingsHelp: '前台多少分钟无人操作（键盘、鼠标、触屏）就锁屏，输入 PIN 才能继续。范围 1–120 分钟。',
  minutes: '分钟',
  save: '保存',
  saved: '已保存：{{minutes}} 分钟无操作后锁屏',
};

export const sessionLockEn: typeof sessionLockZh = {
  title: 'Screen locked',
  body: '{{name}} has been away for {{minutes}} min or more, so the page is covered. Type the PIN to go on: what was typed is still there.',
  bodyByHand: 'The page is covered. {{name}}, type your PIN to go on: what was typed is still there.',
  pin: 'PIN',
  resume: 'Unlock',
  switch: 'Switch',
  switchKey: 'Switch F9',
  lockNow: 'Lock',
  logout: 'Log out',
  switchTitle: 'Switch staff',
  switchHelp: 'Press the number beside a name, then that person types their PIN.',
  switchNote:
    "The next person starts at the counter: a sale the last one had not finished is not carried over, and the screen takes the next person's own language.",
  greeting: "This is {{name}}'s session now. The screen is in {{name}}'s own language: {{language}}.",
  greetingLanguage:
    "This is {{name}}'s session now. The screen has changed to {{name}}'s own language: {{language}}. Each person's login or switch brings their own language; change it under Settings → Language.",
  pinOf: "{{name}}'s PIN",
  start: 'Start',
  back: 'Someone else',
  cancel: 'Cancel',
  noColleagues: 'No other active staff.',
  settingsTitle: 'Screen lock',
  settingsHelp: 'Minutes without use (keys, mouse, touch) before the screen locks; a PIN unlocks it. 1–120 minutes.',
  minutes: 'Minutes',
  save: 'Save',
  saved: 'Saved: the screen locks after {{minutes}} minutes without use',
};

/** Spread into `errors`. */
export const sessionLockErrorsZh = { SESSION_LOCKED: '已锁屏：请输入 PIN 继续。' };
export const sessionLockErrorsEn: typeof sessionLockErrorsZh = { SESSION_LOCKED: 'The screen is locked: type your PIN to go on.' };
