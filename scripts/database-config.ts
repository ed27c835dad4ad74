/**
 * The one database configuration, `database.json`: collections, their indexes and security rules.
 * The local cloud creates and indexes what it lists; scripts/deploy-database.ts creates the same in a
 * CloudBase environment. Validated here so both read the same, checked shape.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const Name = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/);
const Field = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/);

export const IndexConfig = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/),
  keys: z
    .array(z.strictObject({ field: Field, direction: z.union([z.literal(1), z.literal(-1)]) }))
    .min(1)
    .max(8),
  unique: z.boolean().optional(),
});

/** CloudBase security rules for client (mini-program) access; cloud functions are not bound by them. */
export const Rules = z.strictObject({ read: z.union([z.boolean(), z.string()]), write: z.union([z.boolean(), z.string()]) });

export const CollectionConfig = z.strictObject({
  name: Name,
  indexes: z.array(IndexConfig).max(100),
  rules: Rules.optional(),
});

export const DatabaseConfig = z
  .strictObject({
    $comment: z.string().optional(),
    defaultRules: Rules.default({ read: false, write: false }),
    collections: z.array(CollectionConfig).max(100),
    /**
     * Cloud storage security rules (client access to files), kept apart from the collections' rules:
     * the local cloud enforces them on the mini-program's uploads and temp URLs, and deploy-database
     * sets them on the environment's bucket. Absent: CloudBase's 仅创建者可读写 locally, nothing deployed.
     */
    storageRules: Rules.optional(),
  })
  .superRefine((cfg, ctx) => {
    const seen = new Set<string>();
    for (const c of cfg.collections) {
      if (seen.has(c.name)) ctx.addIssue({ code: 'custom', message: `collection ${c.name} is listed twice` });
      seen.add(c.name);
      const names = new Set<string>();
      for (const i of c.indexes) {
        if (names.has(i.name)) ctx.addIssue({ code: 'custom', message: `index ${i.name} of ${c.name} is listed twice` });
        names.add(i.name);
      }
    }
  });
export type DatabaseConfig = z.infer<typeof DatabaseConfig>;

export const DATABASE_CONFIG_FILE = path.resolve(__dirname, '..', 'database.json');

/** Reads and validates a database configuration; throws with the first problem. */
export function loadDatabaseConfig(file = DATABASE_CONFIG_FILE): DatabaseConfig {
  const parsed = DatabaseConfig.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${path.basename(file)}: ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

/** The rules a collection gets: its own, else the default (deny every client read and write). */
export const rulesOf = (cfg: DatabaseConfig, name: string) => cfg.collections.find((c) => c.name === name)?.rules ?? cfg.defaultRules;
