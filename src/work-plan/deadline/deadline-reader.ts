import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiError } from '../../common/http/api-error';
import { deadlineDueAt } from './deadline-due';
import { DeadlineParseError } from './deadline-parse.error';
import { parseDeadline } from './deadline-parser';
import type { ParsedDeadline } from './deadline.types';

export interface ReadDeadline extends ParsedDeadline {
  dueAt: Date | null;
  startsOn: string | null;
}

/** Reads deadlines for the API: a text it cannot read becomes a 422 that quotes it and lists the accepted forms. */
@Injectable()
export class DeadlineReader {
  read(text: string, timeZone: string, field = 'deadline'): ReadDeadline {
    const parsed = this.readOrThrow(text, field);
    const starts = parsed.windows.map((w) => w.start).sort();
    return { ...parsed, dueAt: deadlineDueAt(parsed, timeZone), startsOn: starts[0] ?? null };
  }

  readOrThrow(text: string, field = 'deadline'): ParsedDeadline {
    try {
      return parseDeadline(text);
    } catch (error) {
      if (!(error instanceof DeadlineParseError)) throw error;
      throw ApiError.field(HttpStatus.UNPROCESSABLE_ENTITY, field, error.message, {
        text: error.text,
        unparsed: error.unparsed,
        reason: error.reason,
        acceptedForms: error.acceptedForms,
      });
    }
  }
}
