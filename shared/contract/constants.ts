/**
 * Constants both sides of the wire rely on: the server's schemas are built from them and the mini-program's
 * forms check against them, so a limit changes in one place.
 */

/**
 * Invite codes are typed by hand, so their alphabet leaves out 0/O and 1/I: 32 symbols, so one random byte's
 * low five bits pick a symbol without bias.
 */
export const INVITE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const INVITE_CODE_LENGTH = 8;
/** A normalised invite code (upper case, no spaces or hyphens). */
export const INVITE_CODE_RE = new RegExp(`^[${INVITE_ALPHABET}]{${INVITE_CODE_LENGTH}}$`);

/** Ticket states in which the rectification deadline's clock runs (the ticket machine uses this list). */
export const CLOCK_RUNNING_STATES = ['reported', 'assigned', 'accepted', 'rework'] as const;

/** Text lengths the ticket schemas accept. */
export const LIMITS = { reportText: 500, findingText: 500, reason: 200, note: 500, cause: 200 } as const;

/** Limits of a survey (意见征集): the survey schemas are built from them, the admin form checks against them. */
export const SURVEY_LIMITS = {
  title: 40,
  intro: 300,
  questionTitle: 60,
  option: 20,
  minOptions: 2,
  maxOptions: 8,
  questions: 10,
  text: 500,
} as const;

/** A zone's QR scene id (the `scene` its poster's mini-program code carries). */
export const SCENE_ID_RE = /^[A-Za-z0-9_-]{1,32}$/;

/** An asset tag as printed on its label: letters, digits and hyphens (it is also the label's scene, ≤ 32). */
export const ASSET_TAG_RE = /^[A-Za-z0-9-]{2,30}$/;

/**
 * The scene id in a scanned zone poster: from the mini-program code's path (`…?scene=…`), or a bare scene id
 * (a printed code's text); null for anything else, including a malformed escape.
 * @example sceneOfScan({ path: 'pages/report/index?scene=cant1' }) // 'cant1'
 */
export function sceneOfScan(res: { path?: string; result?: string }): string | null {
  const inPath = /scene=([A-Za-z0-9_%-]+)/.exec(res.path ?? '');
  if (inPath) {
    try {
      return decodeURIComponent(inPath[1]);
    } catch {
      return null;
    }
  }
  const bare = res.result ?? '';
  return SCENE_ID_RE.test(bare) ? bare : null;
}
