import { labelledProblems } from './form-problems';

describe('labelledProblems', () => {
  const labels = { startDate: 'Первый день', name: 'Название', memberId: 'Участник' };

  it('names the field by its label and says what is wrong in the reader’s language', () => {
    expect(
      labelledProblems(
        [
          { field: 'startDate', message: 'startDate must be a date written YYYY-MM-DD' },
          { field: 'name', message: 'name must have a text in at least one language (en, ru or kk)' },
          { field: 'memberId', message: 'memberId must be a UUID' },
        ],
        labels,
        'ru',
      ),
    ).toEqual([
      { field: 'startDate', message: 'Первый день: укажите дату (например, 31.12.2026).' },
      { field: 'name', message: 'Название: напишите название хотя бы на одном языке.' },
      { field: 'memberId', message: 'Участник: выберите из списка.' },
    ]);
  });

  it('keeps a service’s own sentence after the label, and a field without a label as it is', () => {
    expect(
      labelledProblems(
        [
          { field: 'startDate', message: 'This member already has a term in this body' },
          { field: 'form', message: 'Something else' },
        ],
        labels,
        'en',
      ),
    ).toEqual([
      { field: 'startDate', message: 'Первый день: This member already has a term in this body' },
      { field: 'form', message: 'Something else' },
    ]);
  });
});
