import type { Language } from './languages';
import { MESSAGES, t } from './messages';
import type { MessageKey } from './messages';

/** Which codes have words: meetingStatus, emailKind, itemStatus… (the middle part of a `label.*` key). */
export type LabelKind = MessageKey extends infer Key
  ? Key extends `label.${infer Kind}.${string}`
    ? Kind
    : never
  : never;

export function label(kind: LabelKind, value: string, language: Language): string {
  const key = `label.${kind}.${value}`;
  return key in MESSAGES ? t(key as MessageKey, language) : value;
}

export function hasLabel(kind: LabelKind, value: string): boolean {
  return `label.${kind}.${value}` in MESSAGES;
}
