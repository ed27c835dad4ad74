import { startLocalCloud, wxCloud } from '../helpers/local-cloud';

it('probe', async () => {
  const lc = await startLocalCloud();
  const db = wxCloud().database();
  await db.collection('settings').add({ data: [{ _id: 'a', at: new Date('2026-01-01T00:00:00Z') }] as never });
  const { data } = (await db.collection('settings').doc('a').get()) as { data: { at: unknown } };
  const at = data.at as object;
  console.log(typeof at, Object.prototype.toString.call(at), at instanceof Date, at?.constructor?.name, String(at), JSON.stringify(at));
  await lc.close();
});
