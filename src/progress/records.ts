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
