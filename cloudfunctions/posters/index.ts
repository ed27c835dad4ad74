import { z } from 'zod';
import { Id } from '../../shared/common';
import { AppError } from '../../shared/errors';
import { POSTER_ERRORS } from '../../shared/posters/poster.errors';
import { EMPTY_PROFILE, type PosterProfile, type PosterZone, posterSheetHtml } from '../../shared/posters/poster-sheet';
import { COLLECTIONS, db, rowsOf, updatedOf } from '../_lib/cloud';
import { miniProgramCode, publishFile } from '../_lib/files';
import { type AnyAction, action, createHandler } from '../_lib/handler';
import { pathNamesOf, zoneById } from '../_lib/refdata';
import { isDuplicateKey } from '../_lib/tickets.repo';
import { posterSheetDocx } from './sheet.docx';

export { POSTER_ERRORS };

/** The page a scanned code opens: the QR report landing, which reads the scene. */
export const REPORT_PAGE = 'pages/report/index';
/** Posters per sheet at most (one building or canteen). */
const MAX_ZONES = 200;

type ZoneRow = { _id: string; name: string; sceneId: string; path: string[]; active?: boolean };

/**
 * The zone and every active zone under it, in path order (a building, then its floors; a canteen, then its
 * windows). A disabled zone gets no poster: its code no longer takes reports.
 */
async function zonesUnder(zoneId: string): Promise<ZoneRow[]> {
  const root = await zoneById(zoneId);
  const _ = db().command;
  const res = await db()
    .collection(COLLECTIONS.zones)
    .where(_.or([{ _id: zoneId }, { path: zoneId }]))
    .field({ name: true, sceneId: true, path: true, active: true })
    .limit(MAX_ZONES)
    .get();
  const rows = rowsOf<ZoneRow>(res).filter((r) => r.active !== false);
  const top = rows.find((r) => r._id === root._id);
  return [...(top ? [top] : []), ...rows.filter((r) => r._id !== root._id).sort((a, b) => a.sceneId.localeCompare(b.sceneId))];
}

const PROFILE_ID = 'poster-profile';
type ProfileDoc = PosterProfile & { _id: string; version: number; updatedBy: string; updatedAt: Date };

/** The school's name and the supervision hotline every poster prints, with the version an edit must quote. */
async function profile(): Promise<PosterProfile & { version: number }> {
  const doc = rowsOf<ProfileDoc>(await db().collection(COLLECTIONS.settings).where({ _id: PROFILE_ID }).limit(1).get())[0];
  return doc ? { schoolName: doc.schoolName, hotline: doc.hotline, version: doc.version } : { ...EMPTY_PROFILE, version: 0 };
}

/** Saves the poster settings if nobody changed them since `version` was read (POSTERS.STALE otherwise). */
async function saveProfile(input: PosterProfile & { version: number }, by: string, now: Date) {
  const data = { schoolName: input.schoolName, hotline: input.hotline, version: input.version + 1, updatedBy: by, updatedAt: now };
  const stale = () => new AppError(POSTER_ERRORS.STALE, 'the poster settings were changed by someone else; reload and edit again');
  if (input.version === 0) {
    try {
      await db()
        .collection(COLLECTIONS.settings)
        .add({ data: { _id: PROFILE_ID, ...data } });
    } catch (e) {
      if (isDuplicateKey(e)) throw stale();
      throw e;
    }
  } else {
    const res = await db().collection(COLLECTIONS.settings).where({ _id: PROFILE_ID, version: input.version }).update({ data });
    if (updatedOf(res) === 0) throw stale();
  }
  return { schoolName: data.schoolName, hotline: data.hotline, version: data.version };
}

/** A hotline as offices write it: digits with spaces, dashes or a leading +, 5–20 characters. */
const Hotline = z
  .string()
  .trim()
  .regex(/^(\+?[0-9][0-9 -]{3,18}[0-9])?$/, 'expected a phone number');

export const ACTIONS = {
  /**
   * A printable sheet of posters for a building or canteen and every active zone under it (admin only): the
   * printable HTML, or a Word document (`format: 'docx'`) an office opens and prints from a phone. Each poster
   * carries the school's name and the supervision hotline the admin set (`saveProfile`).
   */
  sheet: action({
    input: z.strictObject({ zoneId: Id, format: z.enum(['html', 'docx']).default('html') }),
    roles: ['admin'],
    handler: async ({ input, now }) => {
      const zones = await zonesUnder(input.zoneId);
      if (zones.length === 0) throw new AppError(POSTER_ERRORS.NOTHING_TO_PRINT, 'every zone here is disabled');
      const settings = await profile();
      const title = `${zones[0].name} 反馈二维码`;
      const posters: Array<PosterZone & { code: Buffer }> = [];
      for (const z of zones) {
        const names = await pathNamesOf(z);
        const code = await miniProgramCode(z.sceneId, REPORT_PAGE);
        posters.push({
          name: z.name,
          place: names.join(' · '),
          sceneId: z.sceneId,
          imageSrc: `data:${code.contentType};base64,${code.buffer.toString('base64')}`,
          code: code.buffer,
        });
      }
      const fileName = `${title}（${posters.length}张）.${input.format}`;
      if (input.format === 'docx') {
        const file = await publishFile(`posters/${input.zoneId}-${now.getTime()}.docx`, await posterSheetDocx(title, posters, settings));
        return { zones: posters.length, fileID: file.fileID, url: file.url, fileName };
      }
      const html = posterSheetHtml(title, posters, { profile: settings });
      const file = await publishFile(`posters/${input.zoneId}-${now.getTime()}.html`, Buffer.from(html));
      return { zones: posters.length, fileID: file.fileID, url: file.url, fileName, html };
    },
  }),
  /** What every poster prints besides its zone: the school's name and the supervision hotline. */
  profile: action({ input: z.strictObject({}), roles: ['admin'], handler: () => profile() }),
  saveProfile: action({
    input: z.strictObject({ schoolName: z.string().trim().max(40), hotline: Hotline, version: z.number().int().min(0) }),
    roles: ['admin'],
    handler: ({ input, caller, now }) => saveProfile(input, caller.id, now),
  }),
} satisfies Record<string, AnyAction>;

export const main = createHandler('posters', ACTIONS);
