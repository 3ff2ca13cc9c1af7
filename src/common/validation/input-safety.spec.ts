import { ILL_FORMED_TEXT, MAX_INPUT_DEPTH, NESTED_TOO_DEEP, NUL_CHARACTER, unsafeInput } from './input-safety';

const nested = (levels: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
};

describe('unsafeInput', () => {
  it('takes ordinary input, texts in any script and emoji (surrogate pairs) included', () => {
    expect(
      unsafeInput({
        name: { en: 'Steering Committee', ru: 'Руководящий комитет', kk: 'Басқарушы комитет' },
        note: 'ok 👍🏽',
        list: [1, true, null],
      }),
    ).toBeNull();
  });

  it(`takes ${MAX_INPUT_DEPTH} levels and refuses one more, naming the top-level field`, () => {
    expect(unsafeInput({ field: nested(MAX_INPUT_DEPTH - 1) })).toBeNull();
    expect(unsafeInput({ field: nested(MAX_INPUT_DEPTH) })).toEqual({ field: 'field', message: NESTED_TOO_DEEP });
    expect(unsafeInput(nested(MAX_INPUT_DEPTH + 1))).toEqual({ field: 'a', message: NESTED_TOO_DEEP });
  });

  it('walks input nested far beyond the stack without overflowing', () => {
    let deep: unknown[] = [];
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(unsafeInput(deep)).toEqual({ field: 'body', message: NESTED_TOO_DEEP });
  });

  it('names the field holding a lone surrogate or a NUL, in values and in keys', () => {
    expect(unsafeInput({ a: { b: ['ok', 'x\ud800'] } })).toEqual({ field: 'a.b.1', message: ILL_FORMED_TEXT });
    expect(unsafeInput({ email: '\udc00a@b.test' })).toEqual({ field: 'email', message: ILL_FORMED_TEXT });
    expect(unsafeInput({ note: 'a\u0000b' })).toEqual({ field: 'note', message: NUL_CHARACTER });
    expect(unsafeInput({ ['k\ud800']: 1 })).toEqual({ field: 'k\ud800', message: ILL_FORMED_TEXT });
    expect(unsafeInput('\ud83d', 'id')).toEqual({ field: 'id', message: ILL_FORMED_TEXT });
  });

  it('refuses prototype-polluting keys', () => {
    expect(unsafeInput(JSON.parse('{"x": {"__proto__": {"admin": true}}}'))).toEqual({
      field: 'x.__proto__',
      message: 'is not a known field',
    });
  });
});
