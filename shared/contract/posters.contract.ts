import type { FileRef } from './common.contract';

export interface PosterSheet extends FileRef {
  /** How many posters the sheet holds. */
  zones: number;
  html: string;
}

/** The posters function: printable QR poster sheets. */
export interface PostersContract {
  sheet: { input: { zoneId: string }; reply: PosterSheet };
}
