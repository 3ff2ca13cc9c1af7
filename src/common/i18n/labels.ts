import type { Language } from './languages';
import { MESSAGES, t } from './messages';
import type { MessageKey } from './messages';

/** Which codes have words: meetingStatus, emailKind, itemStatus… (the middle part of a `label.*` key). */
export type LabelKind = MessageKey extends infer Key
  ? Key extends `label.${infer Kind}.${string}`
    ? Kind
    : never
  : never;

/**
 * A stored code (a status, a kind, an answer) as a word in the reader's language. A value without
 * a word yet shows as it is rather than failing the page; a unit test keeps every enum value worded.
 */
export function label(kind: LabelKind, value: string, language: Language): string {
  const key = `label.${kind}.${value}`;
  return key in MESSAGES ? t(key as MessageKey, language) : value;
}

/** Whether a code has its word (what the unit test checks for every value of every enum). */
export function hasLabel(kind: LabelKind, value: string): boolean {
  return `label.${kind}.${value}` in MESSAGES;
}
