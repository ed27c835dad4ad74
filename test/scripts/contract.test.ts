import fs from 'node:fs';
import path from 'node:path';
import { generate, OUT_DIR, stale } from '../../scripts/contract';
import { CLIENT_ERRORS, MESSAGES, messageFor, UNKNOWN_ERROR_MESSAGE } from '../../shared/contract';

const ROOT = path.resolve(__dirname, '../..');

function* sources(dir: string): Generator<string> {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) yield* sources(full);
    else if (e.name.endsWith('.ts')) yield full;
  }
}

describe('the contract bundle of the mini-program', () => {
  it('is fresh: miniprogram/shared/ is what `npm run contract` makes from shared/contract/', () => {
    expect(stale()).toEqual([]);
  });

  it('would be reported stale after a change to the contract', () => {
    const [file, text] = Object.entries(generate())[0];
    expect(path.dirname(file)).toBe(OUT_DIR);
    expect(`${text}\n// edited`).not.toBe(fs.readFileSync(file, 'utf8'));
  });

  it('carries the same values as the source (what the pages run is what the server defines)', () => {
    const bundle = require(path.join(OUT_DIR, 'contract.js')) as typeof import('../../shared/contract');
    expect(bundle.MESSAGES).toEqual(MESSAGES);
    expect(bundle.TEMPLATES).toEqual(require('../../shared/contract').TEMPLATES);
    expect(bundle.LIMITS).toEqual(require('../../shared/contract').LIMITS);
    expect(bundle.messageFor('SYSTEM.INTERNAL')).toBe(MESSAGES['SYSTEM.INTERNAL']);
  });

  it('bundles only zod-free, dependency-free files (the labels files import their state types as types only)', () => {
    const js = fs.readFileSync(path.join(OUT_DIR, 'contract.js'), 'utf8');
    expect(js).not.toMatch(/zod|ZodError|dayjs/i);
    expect(js).not.toMatch(/require\(/);
  });

  it('carries every value of shared/contract/runtime.ts, equal to its source (labels of every area included)', () => {
    const bundle = require(path.join(OUT_DIR, 'contract.js')) as Record<string, unknown>;
    const source = require('../../shared/contract/runtime') as Record<string, unknown>;
    const values = Object.keys(source).filter((k) => typeof source[k] !== 'function');
    expect(values).toEqual(expect.arrayContaining(['ASSET_STATUS_LABELS', 'GRADE_LABELS', 'CASE_STATE_LABELS', 'SEVERITY_LABELS']));
    expect(Object.keys(bundle).sort()).toEqual(Object.keys(source).sort());
    for (const k of values) expect([k, bundle[k]]).toEqual([k, source[k]]);
  });
});

describe('one zh-CN message per error code', () => {
  const codes = Object.keys(MESSAGES);

  it('has a sentence for every code of every table, in Chinese, never the code itself', () => {
    expect(codes.length).toBeGreaterThanOrEqual(80);
    for (const code of codes) {
      const m = MESSAGES[code as keyof typeof MESSAGES];
      expect(m).toMatch(/[\u4e00-\u9fff]/);
      expect(m).not.toContain(code);
      expect(m).not.toMatch(/[A-Za-z]{3,}/);
    }
  });

  it('answers an unknown code with a general sentence, never the code or a server message', () => {
    expect(messageFor('NEW.CODE_FROM_A_NEWER_SERVER')).toBe(UNKNOWN_ERROR_MESSAGE);
    expect(messageFor('toString')).toBe(UNKNOWN_ERROR_MESSAGE);
    expect(messageFor('')).toBe(UNKNOWN_ERROR_MESSAGE);
    expect(messageFor(CLIENT_ERRORS.NETWORK)).toBe('网络不太好，请稍后重试');
  });

  it('knows every code the server code names (no code outside the *_ERRORS tables)', () => {
    const named = new Set<string>();
    for (const dir of ['shared', 'cloudfunctions']) {
      for (const file of sources(path.join(ROOT, dir))) {
        for (const m of fs.readFileSync(file, 'utf8').matchAll(/'((?:[A-Z]+)\.[A-Z][A-Z_]+)'/g)) named.add(m[1]);
      }
    }
    expect(named.size).toBeGreaterThan(70);
    expect([...named].filter((c) => !(c in MESSAGES))).toEqual([]);
  });
});

describe('every cloud function a client may call is in the contract', () => {
  const functions = fs
    .readdirSync(path.join(ROOT, 'cloudfunctions'), { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('_'))
    .map((e) => e.name)
    .filter((name) => {
      const index = path.join(ROOT, 'cloudfunctions', name, 'index.ts');
      return fs.existsSync(index) && /export const ACTIONS\b/.test(fs.readFileSync(index, 'utf8'));
    });
  const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

  it('finds the functions with an ACTIONS table', () => {
    expect(functions).toEqual(
      expect.arrayContaining(['tickets', 'patrols', 'assets', 'contracts', 'supervision', 'overview', 'escalation']),
    );
  });

  it.each(functions)('%s: declared in Contracts and held to its ACTIONS by contract.check.ts', (name) => {
    expect(read('shared/contract/index.ts')).toMatch(new RegExp(`^  ${name}: [A-Za-z]+Contract;$`, 'm'));
    const check = read('cloudfunctions/_lib/contract.check.ts');
    expect(check).toContain(`import type { ACTIONS as ${name} } from '../${name}/index';`);
    expect(check).toMatch(new RegExp(`^  ${name}: typeof ${name};$`, 'm'));
  });

  it('leaves no untyped call in the mini-program', () => {
    const untyped: string[] = [];
    for (const file of sources(path.join(ROOT, 'miniprogram'))) {
      if (/callUntyped/.test(fs.readFileSync(file, 'utf8'))) untyped.push(path.relative(ROOT, file));
    }
    expect(untyped).toEqual([]);
  });
});
