/** The sentences of substitutes proposed from outside the directory: the member's form, the secretariat's review, refusals. */
export const SUBSTITUTE_PROPOSAL_MESSAGES = {
  'sp.field.fullName': { en: 'Full name', ru: 'Фамилия и имя', kk: 'Аты-жөні' },
  'sp.field.email': { en: 'Email', ru: 'Электронная почта', kk: 'Электрондық пошта' },
  'sp.field.organization': { en: 'Organisation', ru: 'Организация', kk: 'Ұйым' },
  'sp.field.position': { en: 'Position (optional)', ru: 'Должность (необязательно)', kk: 'Лауазымы (міндетті емес)' },
  'sp.field.language': {
    en: 'Language to write to them in',
    ru: 'На каком языке им писать',
    kk: 'Оларға қай тілде жазу керек',
  },
  'sp.field.reason': {
    en: 'Reason for the proposer (optional)',
    ru: 'Причина для предложившего (необязательно)',
    kk: 'Ұсынған адамға себебі (міндетті емес)',
  },
  'sp.language.en': { en: 'English', ru: 'Английский', kk: 'Ағылшын тілі' },
  'sp.language.ru': { en: 'Russian', ru: 'Русский', kk: 'Орыс тілі' },
  'sp.language.kk': { en: 'Kazakh', ru: 'Казахский', kk: 'Қазақ тілі' },

  'sp.invalid.fullName': {
    en: 'Full name: write the person’s name (up to 200 characters)',
    ru: 'Фамилия и имя: укажите имя человека (до 200 символов)',
    kk: 'Аты-жөні: адамның атын жазыңыз (200 таңбаға дейін)',
  },
  'sp.invalid.email': {
    en: 'Email: write a valid address, such as name@example.org',
    ru: 'Электронная почта: укажите правильный адрес, например name@example.org',
    kk: 'Электрондық пошта: дұрыс мекенжай жазыңыз, мысалы name@example.org',
  },
  'sp.invalid.organization': {
    en: 'Organisation: write where the person works (up to 300 characters)',
    ru: 'Организация: укажите, где работает человек (до 300 символов)',
    kk: 'Ұйым: адамның қайда жұмыс істейтінін жазыңыз (300 таңбаға дейін)',
  },
  'sp.invalid.position': {
    en: 'Position: at most 300 characters',
    ru: 'Должность: не более 300 символов',
    kk: 'Лауазымы: 300 таңбадан аспауы керек',
  },
  'sp.invalid.language': {
    en: 'Language: choose English, Russian or Kazakh',
    ru: 'Язык: выберите английский, русский или казахский',
    kk: 'Тіл: ағылшын, орыс немесе қазақ тілін таңдаңыз',
  },
  'sp.invalid.reason': {
    en: 'Reason: at most 1000 characters',
    ru: 'Причина: не более 1000 символов',
    kk: 'Себебі: 1000 таңбадан аспауы керек',
  },
  'sp.invalid.unknown': {
    en: '{field}: not a field of this form',
    ru: '{field}: такого поля в форме нет',
    kk: '{field}: формада мұндай өріс жоқ',
  },

  'sp.closed': {
    en: 'the meeting is {status}: no substitute can be proposed any more',
    ru: 'заседание {status}: предложить замену уже нельзя',
    kk: 'отырыс {status}: енді орынбасар ұсынуға болмайды',
  },
  'sp.pending': {
    en: 'a substitute you proposed is still waiting for the secretariat’s answer',
    ru: 'предложенная вами замена ещё ждёт ответа секретариата',
    kk: 'сіз ұсынған орынбасар әлі хатшылықтың жауабын күтуде',
  },
  'sp.duplicate.self': {
    en: 'Email: this is your own address',
    ru: 'Электронная почта: это ваш собственный адрес',
    kk: 'Электрондық пошта: бұл өзіңіздің мекенжайыңыз',
  },
  'sp.duplicate.offered': {
    en: 'Email: {name} is already in the directory: choose them among the colleagues offered instead',
    ru: 'Электронная почта: {name} уже есть в справочнике — выберите этого человека среди предложенных коллег',
    kk: 'Электрондық пошта: {name} анықтамалықта бар — оны ұсынылған әріптестер арасынан таңдаңыз',
  },
  'sp.duplicate.other': {
    en: 'Email: {name} is already in the directory but not among the colleagues you may name; please ask the secretariat to record them',
    ru: 'Электронная почта: {name} уже есть в справочнике, но не среди коллег, которых вы можете назначить; попросите секретариат записать замену',
    kk: 'Электрондық пошта: {name} анықтамалықта бар, бірақ сіз атай алатын әріптестер қатарында емес; хатшылықтан жазып қоюды сұраңыз',
  },
  'sp.decided': {
    en: 'this proposal has already been answered',
    ru: 'по этому предложению уже принято решение',
    kk: 'бұл ұсыныс бойынша шешім қабылданып қойған',
  },
  'sp.now_member': {
    en: '{name} is now in the directory: record them as the substitute in “Answer received by phone or letter”',
    ru: '{name} теперь есть в справочнике: запишите замену в форме «Ответ, полученный по телефону или письмом»',
    kk: '{name} енді анықтамалықта бар: орынбасарды «Телефон не хат арқылы алынған жауап» формасында жазыңыз',
  },
  'sp.proposer_gone': {
    en: 'the member who proposed this substitute is no longer a participant',
    ru: 'предложивший замену участник больше не приглашён на заседание',
    kk: 'орынбасарды ұсынған қатысушы енді отырысқа шақырылмаған',
  },

  'sp.page.title': {
    en: 'Or propose someone not in the list',
    ru: 'Или предложите человека, которого нет в списке',
    kk: 'Немесе тізімде жоқ адамды ұсыныңыз',
  },
  'sp.page.lead': {
    en: 'The secretariat approves or refuses the proposal; you will receive an email either way. Only once approved is the person invited.',
    ru: 'Секретариат одобрит или отклонит предложение; в обоих случаях вы получите письмо. Приглашение человек получит только после одобрения.',
    kk: 'Хатшылық ұсынысты мақұлдайды немесе қабылдамайды; кез келген жағдайда сізге хат келеді. Шақыру тек мақұлданғаннан кейін жіберіледі.',
  },
  'sp.page.button': {
    en: 'Send to the secretariat for approval',
    ru: 'Отправить секретариату на одобрение',
    kk: 'Хатшылыққа мақұлдауға жіберу',
  },
  'sp.page.sent': {
    en: 'Your proposal of {name} was sent to the secretariat. You will receive an email when it is approved or refused.',
    ru: 'Ваше предложение ({name}) отправлено секретариату. Вы получите письмо, когда его одобрят или отклонят.',
    kk: 'Сіздің ұсынысыңыз ({name}) хатшылыққа жіберілді. Ол мақұлданғанда немесе қабылданбағанда сізге хат келеді.',
  },
  'sp.page.pending': {
    en: 'Waiting for the secretariat: {name}, proposed by you.',
    ru: 'Ждёт ответа секретариата: {name}, предложено вами.',
    kk: 'Хатшылықтың жауабын күтуде: {name}, сіз ұсындыңыз.',
  },

  'sp.mp.title': {
    en: 'Substitutes proposed from outside the list',
    ru: 'Замены, предложенные не из списка',
    kk: 'Тізімнен тыс ұсынылған орынбасарлар',
  },
  'sp.mp.proposedBy': {
    en: 'proposed by {name} ({country})',
    ru: 'предложил(а) {name} ({country})',
    kk: 'ұсынған: {name} ({country})',
  },
  'sp.mp.writeIn': { en: 'write in: {language}', ru: 'язык писем: {language}', kk: 'хат тілі: {language}' },
  'sp.mp.approve': { en: 'Approve and invite', ru: 'Одобрить и пригласить', kk: 'Мақұлдап, шақыру' },
  'sp.mp.refuse': { en: 'Refuse', ru: 'Отклонить', kk: 'Қабылдамау' },
  'sp.mp.status.pending': { en: 'waiting for your decision', ru: 'ждёт решения', kk: 'шешім күтуде' },
  'sp.mp.status.approved': {
    en: 'approved: invited as a guest',
    ru: 'одобрено: приглашён(а) как гость',
    kk: 'мақұлданды: қонақ ретінде шақырылды',
  },
  'sp.mp.status.refused': { en: 'refused', ru: 'отклонено', kk: 'қабылданбады' },
  'sp.mp.done.approved': {
    en: 'The substitute was approved and invited; the proposer is told.',
    ru: 'Замена одобрена и приглашена; предложившему сообщено.',
    kk: 'Орынбасар мақұлданып, шақырылды; ұсынған адамға хабарланды.',
  },
  'sp.mp.done.refused': {
    en: 'The proposal was refused; the proposer is told.',
    ru: 'Предложение отклонено; предложившему сообщено.',
    kk: 'Ұсыныс қабылданбады; ұсынған адамға хабарланды.',
  },
} as const;
