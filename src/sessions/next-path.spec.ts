import { safeNextPath } from './next-path';

describe('safeNextPath', () => {
  it('keeps a page of this site with its query', () => {
    expect(safeNextPath('/meetings/8d0c/poll?lang=ru')).toBe('/meetings/8d0c/poll?lang=ru');
    expect(safeNextPath('/')).toBe('/');
  });

  it.each([
    ['//evil.example'],
    ['https://evil.example'],
    ['/\\evil'],
    ['\\\\evil'],
    ['/.//evil'],
    ['javascript:alert(1)'],
    ['/api/members'],
    ['/API/members'],
    ['/sign-in'],
    ['/sign-in?next=/me'],
    ['/sign-in/abc'],
    ['/sign-out'],
    ['/me\n'],
    [''],
    ['me'],
    [42],
    [undefined],
  ])('refuses %p', (value) => {
    expect(safeNextPath(value)).toBeNull();
  });

  it('refuses a path too long to store', () => {
    expect(safeNextPath(`/${'a'.repeat(2000)}`)).toBeNull();
  });
});
