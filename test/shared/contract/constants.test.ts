import { AssetTag } from '../../../shared/assets';
import { SceneId } from '../../../shared/common/ids.schema';
import { ASSET_TAG_RE, SCENE_ID_RE, sceneOfScan } from '../../../shared/contract';

describe('reading a scanned zone poster (sceneOfScan, used by the report and patrol pages)', () => {
  it.each([
    ['the mini-program code path', { path: 'pages/report/index?scene=cant1' }, 'cant1'],
    ['an escaped scene in the path', { path: 'pages/report/index?scene=a%2Db' }, 'a-b'],
    ['a bare scene id (a printed code)', { result: 'dorm_3-2' }, 'dorm_3-2'],
    ['a bare scene of 32 characters', { result: 'a'.repeat(32) }, 'a'.repeat(32)],
    ['a bare text of 33 characters', { result: 'a'.repeat(33) }, null],
    ['a web address', { result: 'https://example.com/x' }, null],
    ['a malformed escape', { path: 'pages/report/index?scene=%E0%A4%A' }, null],
    ['nothing', {}, null],
  ])('%s', (_what, res, scene) => {
    expect(sceneOfScan(res)).toBe(scene);
  });
});

describe('the patterns the schemas and the pages share', () => {
  it.each(['cant1', 'a', 'A_b-9', 'x'.repeat(32)])('accepts the scene id %s on both sides', (s) => {
    expect(SCENE_ID_RE.test(s)).toBe(true);
    expect(SceneId.safeParse(s).success).toBe(true);
  });
  it.each(['', 'a b', 'x'.repeat(33), '{"$gt":""}'])('refuses the scene id %j on both sides', (s) => {
    expect(SCENE_ID_RE.test(s)).toBe(false);
    expect(SceneId.safeParse(s).success).toBe(false);
  });
  it.each([
    ['AB', true],
    ['ZC-2024-0001', true],
    ['A', false],
    ['A_B', false],
    ['x'.repeat(31), false],
  ])('the asset tag %s is %s on both sides', (tag, ok) => {
    expect(ASSET_TAG_RE.test(tag)).toBe(ok);
    expect(AssetTag.safeParse(tag).success).toBe(ok);
  });
});
