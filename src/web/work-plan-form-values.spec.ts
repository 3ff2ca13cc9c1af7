import { formProblems, ITEM_FIELDS, itemInput, offsetsText, planInput } from './work-plan-form-values';

describe('the work-plan forms', () => {
  it('turns the activity form into the body the API takes', () => {
    expect(
      itemInput(
        {
          'activity.en': ' Workshop ',
          'activity.ru': '',
          deadline: 'Февраль 2032',
          executor: '',
          responsibleMemberIds: ['a', 'b'],
          topics: 'water, air quality,',
          countries: 'kz, UZ',
          notes: '',
          reminderOffsets: '14, 3, 0, PT2H',
        },
        false,
      ),
    ).toEqual({
      activity: { en: ' Workshop ' },
      deadline: 'Февраль 2032',
      responsibleMemberIds: ['a', 'b'],
      topics: ['water', 'air quality'],
      countries: ['kz', 'UZ'],
      reminderOffsets: ['P14D', 'P3D', 'P0D', 'PT2H'],
    });
  });

  it('clears what an edit empties, and never sends the status with the other fields', () => {
    expect(itemInput({ 'activity.en': 'A', status: 'done' }, true)).toEqual({
      activity: { en: 'A' },
      deadline: '',
      executor: null,
      responsibleMemberIds: [],
      topics: [],
      countries: [],
      notes: null,
      reminderOffsets: null,
    });
    expect(planInput({ 'title.en': 'Plan', period: '', bodyId: 'x' }, true)).toEqual({ title: { en: 'Plan' } });
    expect(offsetsText(['P14D', 'PT2H'])).toBe('14, PT2H');
  });

  it("names a field by the form's label in the reader's language, never by the API's name or words", () => {
    const { errors, summary } = formProblems(
      [
        { field: 'countries', message: 'countries must hold ISO 3166-1 alpha-2 codes or EU' },
        { field: 'countries.1', message: 'again' },
        { field: 'form', message: 'Work plan x was not found' },
      ],
      ITEM_FIELDS,
      'ru',
    );
    expect(errors).toEqual({ countries: 'Используйте коды стран, например KZ, UZ или EU, через запятую.' });
    expect(summary).toEqual([
      'Страны: Используйте коды стран, например KZ, UZ или EU, через запятую.',
      'Не удалось сохранить. Проверьте значения и попробуйте снова.',
    ]);
  });
});
