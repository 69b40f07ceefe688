import { z } from 'zod';

/**
 * Records keyed by bank text (question ids, option texts) or by dates. A plain object would
 * answer `record['constructor']` or `record['valueOf']` with a function inherited from
 * Object.prototype, and an option whose text is `valueOf` would then count as a string; a
 * `__proto__` key would even be dropped or replace the prototype. So every such record is a
 * null-prototype object, built only by these helpers, and read through `own`.
 */
export type TextRecord<V> = Record<string, V>;

export function emptyRecord<V>(): TextRecord<V> {
  return Object.create(null) as TextRecord<V>;
}

/** The value stored under `key` itself, never one inherited from a prototype. */
export function own<V>(record: Readonly<TextRecord<V>> | undefined, key: string): V | undefined {
  return record !== undefined && Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** A copy of `record` with `key` set to `value`, as a null-prototype object. */
export function withEntry<V>(record: Readonly<TextRecord<V>> | undefined, key: string, value: V): TextRecord<V> {
  const next = copyRecord(record);
  next[key] = value;
  return next;
}

export function copyRecord<V>(record: Readonly<TextRecord<V>> | undefined): TextRecord<V> {
  // Object.assign copies own keys only, `__proto__` included, and on a null-prototype target
  // the assignment defines an ordinary property (there is no inherited setter to call).
  return record ? Object.assign(emptyRecord<V>(), record) : emptyRecord<V>();
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * zod's own record assigns into a plain object, which drops a `__proto__` key; this one checks
 * each key and value and builds a null-prototype object, so every key read from disk survives.
 */
export function nullRecord<K extends z.ZodType<string>, V extends z.ZodType>(key: K, value: V) {
  return z
    .custom<Record<string, unknown>>(isPlainObject, { message: 'must be an object' })
    .transform((input, ctx) => {
      const out = emptyRecord<z.output<V>>();
      for (const [k, v] of Object.entries(input)) {
        const checkedKey = key.safeParse(k);
        const checked = value.safeParse(v);
        const issues = [...(checkedKey.error?.issues ?? []), ...(checked.error?.issues ?? [])];
        if (issues.length > 0) {
          for (const issue of issues) ctx.addIssue({ code: 'custom', message: issue.message, path: [k, ...issue.path] });
          return z.NEVER;
        }
        out[k] = checked.data as z.output<V>;
      }
      return out;
    });
}
