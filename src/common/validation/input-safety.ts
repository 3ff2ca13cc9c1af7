import type { NextFunction, Request, Response } from 'express';
import { HttpStatus } from '@nestjs/common';
import { ApiError, FieldProblem } from '../http/api-error';

/** Deeper input is refused before any conversion. */
export const MAX_INPUT_DEPTH = 32;

const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export const NESTED_TOO_DEEP = `is nested deeper than ${MAX_INPUT_DEPTH} levels`;
export const ILL_FORMED_TEXT = 'must be well-formed text (it holds a lone UTF-16 surrogate)';
export const NUL_CHARACTER = 'must not contain the NUL character (\\u0000)';

/** With the u flag a surrogate pair reads as one code point, so only a lone surrogate matches. */
const LONE_SURROGATE = /\p{Cs}/u;

function textProblem(text: string): string | null {
  if (LONE_SURROGATE.test(text)) return ILL_FORMED_TEXT;
  if (text.includes('\u0000')) return NUL_CHARACTER;
  return null;
}

/** What no DTO can express, checked for every value a request carries. */
export function unsafeInput(value: unknown, root = 'body'): FieldProblem | null {
  // `top` is the field a too-deep value is reported under: the body's own field, not a path 33 keys long.
  const pending: { value: unknown; path: string; top: string; depth: number }[] = [
    { value, path: '', top: root, depth: 0 },
  ];
  while (pending.length > 0) {
    const { value: current, path, top, depth } = pending.pop()!;
    if (typeof current === 'string') {
      const problem = textProblem(current);
      if (problem) return { field: path || root, message: problem };
      continue;
    }
    // An uploaded file's bytes are no field: walking a Buffer's keys would take seconds for a few megabytes.
    if (current === null || typeof current !== 'object' || ArrayBuffer.isView(current)) continue;
    if (depth >= MAX_INPUT_DEPTH) return { field: top, message: NESTED_TOO_DEEP };
    for (const key of Object.keys(current)) {
      const field = path ? `${path}.${key}` : key;
      if (PROTOTYPE_KEYS.has(key)) return { field, message: 'is not a known field' };
      const keyProblem = textProblem(key);
      if (keyProblem) return { field, message: keyProblem };
      const fieldTop = depth === 0 && !Array.isArray(current) ? key : top;
      pending.push({ value: (current as Record<string, unknown>)[key], path: field, top: fieldTop, depth: depth + 1 });
    }
  }
  return null;
}

export function rejectUnsafeInput(req: Request, _res: Response, next: NextFunction): void {
  const problem = unsafeInput(req.body) ?? unsafeInput(req.query, 'query');
  next(problem ? new ApiError(HttpStatus.BAD_REQUEST, [problem]) : undefined);
}
