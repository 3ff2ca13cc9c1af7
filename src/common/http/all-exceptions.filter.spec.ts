import { QueryFailedError } from 'typeorm';
import { AllExceptionsFilter } from './all-exceptions.filter';

const databaseError = (code: string) =>
  new QueryFailedError('INSERT …', [], Object.assign(new Error('driver'), { code }));

describe('the global error filter and PostgreSQL errors', () => {
  const filter = new AllExceptionsFilter();

  it.each([
    ['22P05', 'a NUL in JSON text (untranslatable character)'],
    ['22021', 'a NUL in plain text (character not in repertoire)'],
  ])('answers %s (%s) with 400, not 500', (code) => {
    expect(filter.toBody(databaseError(code))).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'A text contains a character that cannot be stored',
    });
  });

  it('still answers an unknown database error with 500 and no detail', () => {
    expect(filter.toBody(databaseError('XX000'))).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'An unexpected error occurred; it has been logged',
    });
  });
});
