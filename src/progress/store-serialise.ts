import type { Progress } from './schema.js';

/**
 * The progress file's bytes, exactly `JSON.stringify(progress)` and a newline, built without
 * serialising again what has not changed since the last save.
 *
 * A save changes one question's state, adds one attempt to the history and one to a day's tally;
 * the other thousand states and attempts are the very objects of the previous save (every change
 * is applied by copying, see apply.ts). So the JSON of each question state, attempt and exam
 * record is kept against the object itself, as bytes ready to write, and a save serialises and
 * encodes only the new ones: with a thousand questions that was most of a save's time after the
 * disk's own flush.
 *
 * Kept bytes are only right while their object does not change, so each object is frozen
 * (deeply) when its bytes are kept: code that tried to change one in place would fail loudly
 * instead of saving stale bytes.
 */
const kept = new WeakMap<object, { readonly key: string | undefined; readonly bytes: Buffer }>();

const COMMA = Buffer.from(',');
const NULL = Buffer.from('null');

/**
 * The bytes of the file, assembled from the kept bytes of each part: copying bytes is far
 * cheaper than serialising and encoding half a megabyte of JSON again.
 */
export function serialiseProgress(progress: Progress): Buffer {
  const pieces: Buffer[] = [];
  let first = true;
  for (const key of Object.keys(progress)) {
    const value = (progress as unknown as Record<string, unknown>)[key];
    const body =
      key === 'questions' && isRecord(value) ? recordPieces(value)
      : (key === 'history' || key === 'exams') && Array.isArray(value) ? listPieces(value)
      : plain(value);
    // JSON.stringify leaves out a field whose value it cannot write (undefined, a function).
    if (body === undefined) continue;
    pieces.push(Buffer.from(`${first ? '{' : ','}${JSON.stringify(key)}:`));
    first = false;
    pieces.push(...body);
  }
  pieces.push(Buffer.from(first ? '{}\n' : '}\n'));
  return Buffer.concat(pieces);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function plain(value: unknown): Buffer[] | undefined {
  const text = JSON.stringify(value) as string | undefined;
  return text === undefined ? undefined : [Buffer.from(text)];
}

function recordPieces(record: Record<string, unknown>): Buffer[] {
  const pieces: Buffer[] = [Buffer.from('{')];
  for (const key of Object.keys(record)) {
    const bytes = itemBytes(record[key], key);
    if (bytes === undefined) continue;
    if (pieces.length > 1) pieces.push(COMMA);
    pieces.push(bytes);
  }
  pieces.push(Buffer.from('}'));
  return pieces;
}

function listPieces(list: readonly unknown[]): Buffer[] {
  const pieces: Buffer[] = [Buffer.from('[')];
  list.forEach((item, i) => {
    if (i > 0) pieces.push(COMMA);
    // In a list, JSON.stringify writes what it cannot write as null.
    pieces.push(itemBytes(item, undefined) ?? NULL);
  });
  pieces.push(Buffer.from(']'));
  return pieces;
}

/** `"key":value` for a record entry, `value` for a list item; undefined when JSON leaves it out. */
function itemBytes(value: unknown, key: string | undefined): Buffer | undefined {
  const isObject = value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
  const known = isObject ? kept.get(value as object) : undefined;
  if (known && known.key === key) return known.bytes;
  const text = JSON.stringify(value) as string | undefined;
  if (text === undefined) return undefined;
  const bytes = Buffer.from(key === undefined ? text : `${JSON.stringify(key)}:${text}`);
  if (!isObject) return bytes;
  kept.set(value as object, { key, bytes });
  deepFreeze(value as object);
  return bytes;
}

function deepFreeze(value: object): void {
  Object.freeze(value);
  for (const key of Object.keys(value)) {
    const inner = (value as Record<string, unknown>)[key];
    if (inner !== null && typeof inner === 'object') deepFreeze(inner);
  }
}
