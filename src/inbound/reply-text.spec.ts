import { REPLY_TEXT_LIMIT, extractReplyText, listAttachments } from './reply-text';

describe('extractReplyText', () => {
  it('cuts an Outlook reply at its "From: … Sent:" block', () => {
    const text = [
      'Dear colleagues,',
      '',
      'I will attend the meeting in Almaty.',
      '',
      'Best regards,',
      'Aigerim',
      '',
      '________________________________',
      'From: WGECC Secretariat <secretariat@wgecc.org>',
      'Sent: Monday, December 7, 2026 10:00 AM',
      'To: Aigerim Sadykova <a.sadykova@example.kz>',
      'Subject: Invitation: Steering Committee, 15 December',
      '',
      'You are invited to the Steering Committee meeting.',
    ].join('\r\n');
    expect(extractReplyText({ text })).toEqual({
      text: 'Dear colleagues,\n\nI will attend the meeting in Almaty.\n\nBest regards,\nAigerim',
      quoted: true,
    });
  });

  it('cuts "-----Original Message-----" and the Russian Outlook header "От: … Отправлено:"', () => {
    expect(
      extractReplyText({
        text: 'Done, report attached.\n\n-----Original Message-----\nFrom: secretariat@wgecc.org\nThe activity is due.',
      }).text,
    ).toBe('Done, report attached.');
    const russian = [
      'Выполнено, отчёт во вложении.',
      '',
      'От: Секретариат РГОСИК <secretariat@wgecc.org>',
      'Отправлено: 7 декабря 2026 г. 10:00',
      'Кому: Иванов Иван',
      'Тема: Напоминание: мероприятие 2.3',
    ].join('\n');
    expect(extractReplyText({ text: russian })).toEqual({ text: 'Выполнено, отчёт во вложении.', quoted: true });
  });

  it('keeps a line that only starts with "From:" when no "Sent:" follows', () => {
    expect(extractReplyText({ text: 'From: the ministry we will send two experts.\nThanks' }).text).toBe(
      'From: the ministry we will send two experts.\nThanks',
    );
  });

  it('cuts Gmail\'s "On … wrote:", also when wrapped over two lines, and drops ">" lines', () => {
    const gmail = [
      'Буду, спасибо',
      '',
      'On Mon, 7 Dec 2026 at 10:00, WGECC Secretariat <',
      'secretariat@wgecc.org> wrote:',
      '',
      '> Dear member,',
      '> You are invited.',
    ].join('\n');
    expect(extractReplyText({ text: gmail })).toEqual({ text: 'Буду, спасибо', quoted: true });
    expect(extractReplyText({ text: 'Yes\n> quoted line\nsee you' }).text).toBe('Yes\nsee you');
  });

  it('cuts the Russian and Kazakh "написал(а):", "жазды:" and Gmail\'s Russian date line', () => {
    expect(
      extractReplyText({
        text: 'Не смогу, к сожалению.\n\n7 декабря 2026 г., в 10:00, Секретариат написал(а):\n> Приглашение',
      }).text,
    ).toBe('Не смогу, к сожалению.');
    expect(
      extractReplyText({ text: 'Приму участие.\n\nпн, 7 дек. 2026 г. в 10:00, WGECC <secretariat@wgecc.org>:\n\n> x' })
        .text,
    ).toBe('Приму участие.');
    expect(
      extractReplyText({
        text: 'Орындалды.\n\n2026 ж. 7 жел., дс, 10:00 Хатшылық <secretariat@wgecc.org> жазды:\n> Еске салу',
      }).text,
    ).toBe('Орындалды.');
  });

  it('cuts the signature after "-- " and a device footer', () => {
    expect(extractReplyText({ text: 'In progress.\n\n-- \nIvan Petrov\nMinistry of Ecology' })).toEqual({
      text: 'In progress.',
      quoted: false,
    });
    expect(extractReplyText({ text: 'I will attend\n\nSent from my iPhone' }).text).toBe('I will attend');
    expect(extractReplyText({ text: 'Буду\n\nОтправлено с iPhone' }).text).toBe('Буду');
  });

  it('reads only the HTML when there is no text part: the new words, never the quoted history', () => {
    const html =
      '<html><body><div dir="ltr">Қатысамын, рахмет!<br><br>Айгерім</div><br>' +
      '<div class="gmail_quote"><div class="gmail_attr">Дс, 7 жел. 2026 ж. Хатшылық жазды:</div>' +
      '<blockquote>Шақыру</blockquote></div></body></html>';
    expect(extractReplyText({ html })).toEqual({ text: 'Қатысамын, рахмет!\n\nАйгерім', quoted: true });
    const outlook =
      '<html><body><p>Выполнено.</p><div id="appendonsend"></div><hr><div id="divRplyFwdMsg">' +
      '<b>От:</b> Секретариат</div></body></html>';
    expect(extractReplyText({ html: outlook }).text).toBe('Выполнено.');
    expect(extractReplyText({ text: '  ', html: '<p>I will attend</p>' }).text).toBe('I will attend');
  });

  it('never shows markup from the HTML, and keeps long replies to a limit', () => {
    expect(extractReplyText({ html: '<p>Hi &lt;b&gt;<script>alert(1)</script></p>' }).text).toBe('Hi <b>');
    const long = extractReplyText({ text: 'x'.repeat(REPLY_TEXT_LIMIT + 50) }).text;
    expect(long).toHaveLength(REPLY_TEXT_LIMIT + 1);
    expect(extractReplyText({}).text).toBe('');
  });
});

describe('listAttachments', () => {
  it('lists name, type and size, never the content', () => {
    expect(
      listAttachments([
        { filename: 'report 2.3.pdf', contentType: 'application/pdf', size: 183_201 },
        { filename: null, contentType: null, size: null },
        { filename: 'a\r\nb.docx', contentType: 'application/vnd.openxmlformats', size: 10.4 },
      ]),
    ).toEqual([
      { filename: 'report 2.3.pdf', contentType: 'application/pdf', size: 183_201 },
      { filename: 'attachment', contentType: 'application/octet-stream', size: 0 },
      { filename: 'a b.docx', contentType: 'application/vnd.openxmlformats', size: 10 },
    ]);
  });
});
