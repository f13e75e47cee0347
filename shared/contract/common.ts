import { z } from 'zod';
import { ROLES } from '../roles';
import { UPLOAD_TOKEN_PATTERN } from '../uploads';

export const Id = z.string().min(1).max(64);
export const IsoTime = z.string();
export const NoInput = z.strictObject({});
/** A file the caller stored first (POST /upload, or the desktop app's file dialog): its token, never a path. */
export const UploadToken = z.string().regex(UPLOAD_TOKEN_PATTERN);
export const RoleSchema = z.enum(ROLES);
export const LocaleSchema = z.enum(['zh-CN', 'en']);
export type Locale = z.infer<typeof LocaleSchema>;

export const StaffName = z.string().trim().min(1).max(30);
/** A PIN or password: 4 to 32 characters; digits alone are fine at a counter. */
export const Pin = z.string().min(4).max(32);

export const BranchInfo = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  kind: z.enum(['branch', 'hq']),
});
export type BranchInfo = z.infer<typeof BranchInfo>;

export const StaffInfo = z.object({
  id: Id,
  name: z.string(),
  role: RoleSchema,
  active: z.boolean(),
  locale: LocaleSchema,
  createdAt: IsoTime,
});
export type StaffInfo = z.infer<typeof StaffInfo>;

/** Optional text: blank (or only spaces) means "not given". */
export const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(max).optional());
