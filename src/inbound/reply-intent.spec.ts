import { suggestAction } from './reply-intent';

describe('suggestAction', () => {
  it.each([
    ['Буду, спасибо', 'attend'],
    ['Здравствуйте!\nПриму участие в заседании.', 'attend'],
    ['Подтверждаю своё участие.', 'attend'],
    ['I will attend, thank you.', 'attend'],
    ["Dear Lucia,\nI'll be there.", 'attend'],
    ['Қатысамын, рахмет!', 'attend'],
    ['Не смогу, к сожалению.', 'decline'],
    ['Спасибо, но не буду — командировка.', 'decline'],
    ['К сожалению, не получится приехать.', 'decline'],
    ['I will not attend.', 'decline'],
    ["Sorry, I can't make it.", 'decline'],
    ['Unfortunately I am unable to attend.', 'decline'],
    ['Қатыса алмаймын.', 'decline'],
  ])('reads %j about a meeting as %s', (text, action) => {
    expect(suggestAction(text, 'meeting')).toMatchObject({ action });
  });

  it.each([
    ['Выполнено, отчёт во вложении.', 'done'],
    ['Сделано.', 'done'],
    ['Орындалды.', 'done'],
    ['Done, see the attached report.', 'done'],
    ['The study has been completed.', 'done'],
    ['В процессе, отправим в пятницу.', 'in_progress'],
    ['Still in progress.', 'in_progress'],
    ['Not done yet, we are on it.', 'in_progress'],
    ['Жұмыс істеп жатырмыз.', 'in_progress'],
    ['Нужно больше времени, эксперт заболел.', 'more_time'],
    ['Не успеваем, просим перенести срок.', 'more_time'],
    ['Келесі аптада жібереміз.', 'more_time'],
    ['We need more time for the translation.', 'more_time'],
  ])('reads %j about an activity as %s', (text, action) => {
    expect(suggestAction(text, 'item')).toMatchObject({ action });
  });

  it('only suggests what fits the subject: no "attend" for an activity, no "done" for a meeting', () => {
    expect(suggestAction('Буду держать в курсе', 'item')).toBeNull();
    expect(suggestAction('Done with the agenda, thanks', 'meeting')).toBeNull();
    expect(suggestAction('Выполнено', null)).toMatchObject({ action: 'done' });
  });

  it('gives the words it read and a confidence: a clear first line is surer than a plain "yes" further down', () => {
    const clear = suggestAction('Буду, спасибо', 'meeting')!;
    expect(clear).toEqual({ action: 'attend', confidence: 0.9, phrase: 'Буду' });
    const weak = suggestAction('Dear Lucia,\nThank you for the agenda.\nYes', 'meeting')!;
    expect(weak.action).toBe('attend');
    expect(weak.confidence).toBeLessThan(clear.confidence);
  });

  it('skips a salutation line: the answer below it counts as the first line', () => {
    expect(suggestAction('Здравствуйте!\nБуду, спасибо.', 'meeting')).toMatchObject({
      action: 'attend',
      confidence: 0.9,
    });
    expect(suggestAction('Құрметті әріптестер,\nОрындалды.', 'item')).toMatchObject({
      action: 'done',
      confidence: 0.9,
    });
    expect(suggestAction('Dear Lucia,\nI will attend.', 'meeting')).toMatchObject({ confidence: 0.9 });
    expect(suggestAction('Hi, I will attend.', 'meeting')).toMatchObject({ action: 'attend', confidence: 0.9 });
    expect(suggestAction('Уважаемая Лючия, к сожалению, не смогу.', 'meeting')).toMatchObject({ action: 'decline' });
  });

  it('reads only the first lines, and finds nothing in a reply that says nothing of the kind', () => {
    expect(suggestAction('Thanks.\nSee below.\nRegards.\nIvan\nI will attend', 'meeting')).toBeNull();
    expect(suggestAction('Could you send the agenda in Russian?', 'meeting')).toBeNull();
    expect(suggestAction('', 'item')).toBeNull();
  });
});
