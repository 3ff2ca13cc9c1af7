/** A work-plan deadline as people write it, and the windows of days it means for reminders. */
export type DeadlineKind = 'date' | 'window' | 'alternatives' | 'on_request' | 'open';

export interface DeadlineWindow {
  start: string;
  end: string;
  /** For alternatives: the original fragment of the text this window was read from. */
  label?: string;
}

export interface ParsedDeadline {
  /** The original text exactly as given: it is what people see, never normalised. */
  text: string;
  kind: DeadlineKind;
  windows: DeadlineWindow[];
  onRequest: boolean;
}
