/**
 * Consent a member gave, and under which privacy notice (docs/privacy.md). PIPL asks a store to
 * prove consent: what the member was told, when, and who took it down. members.consent_* stay
 * the current state (the marketing filters, follow-ups and segment actions read them); each
 * change is also a row here, never edited.
 *
 * - `privacy_notices`: the store's notice (隐私告知), one row per version, never edited in place;
 *   version 1 is a plain default so registration works from setup on, dated when its text was
 *   written (not when the migration ran: two stores made from the same app hold the same row, as
 *   HQ's order-independence checks compare them).
 * - `member_consents`: one row per consent given or withdrawn, with the notice version it was
 *   given under. Members registered before this migration get one row per consent they hold,
 *   with no notice version (none was shown then) and the channel `before_notice`.
 */
export const sql = /* sql */ `
CREATE TABLE privacy_notices (
  version INTEGER PRIMARY KEY CHECK (version >= 1),
  text TEXT NOT NULL CHECK (length(trim(text)) > 0),
  created_at TEXT NOT NULL,
  created_by TEXT REFERENCES staff(id)
);
INSERT INTO privacy_notices (version, text, created_at, created_by) VALUES (1, '本店会员隐私告知

我们收集什么：办理会员时，我们保存您的姓名和手机号，以及您自愿提供的性别、生日、电子邮箱、地址和备注；您在本店的消费、积分、回访和意见反馈也会记录在您的会员档案中。

用来做什么：识别您的会员身份，累计和使用积分，提供会员等级权益，处理售后、回访和投诉。

营销信息：只有在您另外勾选同意后，我们才会通过电话、短信或微信向您发送优惠和活动信息。您可以随时在柜台撤回这项同意，撤回不影响您的积分和会员权益。

保存和安全：信息保存在本店的电脑上，只有本店登录的员工可以查看，对信息的每一次改动都有记录。本店可能把会员数据汇总给总部，用于经营统计。

您的权利：您可以随时要求查看和导出您的信息，或要求更正。撤回对保存信息的同意即注销会员并删除您的个人信息；为了账目，本店只保留不含个人信息的交易记录。

如有疑问，请联系店长。', '2026-12-06T00:00:00.000Z', NULL);

CREATE TABLE member_consents (
  id TEXT PRIMARY KEY,
  member_id TEXT NOT NULL REFERENCES members(id),
  kind TEXT NOT NULL CHECK (kind IN ('data', 'marketing')),
  granted INTEGER NOT NULL CHECK (granted IN (0, 1)),
  notice_version INTEGER REFERENCES privacy_notices(version),
  at TEXT NOT NULL,
  by_staff TEXT REFERENCES staff(id),
  channel TEXT NOT NULL CHECK (channel IN ('registration', 'counter', 'import', 'before_notice'))
);
CREATE INDEX member_consents_member ON member_consents(member_id, at);

INSERT INTO member_consents (id, member_id, kind, granted, notice_version, at, by_staff, channel)
  SELECT id || ':data', id, 'data', 1, NULL, consent_data_at, consent_data_by, 'before_notice'
    FROM members WHERE consent_data_at IS NOT NULL;
INSERT INTO member_consents (id, member_id, kind, granted, notice_version, at, by_staff, channel)
  SELECT id || ':marketing', id, 'marketing', 1, NULL, COALESCE(consent_marketing_at, created_at), consent_marketing_by, 'before_notice'
    FROM members WHERE consent_marketing = 1;
`;
