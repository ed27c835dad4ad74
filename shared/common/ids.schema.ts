import { z } from 'zod';
import { SCENE_ID_RE } from '../contract/constants';

/** A document id, openid or person id: 1–64 safe characters, so operator objects like `{"$gt": ""}` never pass. */
export const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'invalid id');
export type Id = z.infer<typeof Id>;

/** A CloudBase file id, e.g. `cloud://env-1a2b.656e-env-1a2b-1300/tickets/abc.jpg`. */
export const FileId = z
  .string()
  .max(512)
  .regex(/^cloud:\/\/[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)+$/, 'invalid file id');
export type FileId = z.infer<typeof FileId>;

/** The short scene string encoded in a zone's QR code. */
export const SceneId = z.string().regex(SCENE_ID_RE, 'invalid scene id');
export type SceneId = z.infer<typeof SceneId>;

/** A client-generated UUID that makes a create request idempotent. */
export const RequestId = z.uuid();

/** Trimmed free text of 1..max characters. */
export const Text = (max: number) => z.string().trim().min(1).max(max);

/** Photos attached to a ticket or rectification: at most six cloud files. */
export const Photos = z.array(FileId).max(6);

/** A 1–5 star rating. */
export const Rating = z.number().int().min(1).max(5);
