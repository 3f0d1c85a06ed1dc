// The report form's words, in the box's label languages (widget/render/i18n: en, ko). They live
// in report.js, not in the labels embed.js carries, so that embed.js does not grow by a byte.
export const STRINGS = {
  en: {
    question: 'What is wrong, and how do you know?',
    counter: '{n} / {max} characters (at least {min})',
    email: 'Your email address (optional)',
    emailUse: 'Only used to answer you about this report, and deleted once it is closed.',
    what: "Your report goes to the newsroom's editors and is not published. If it shows an error, they correct the box for every reader, with a dated correction that is never removed.",
    send: 'Send report',
    cancel: 'Cancel',
    close: 'Close',
    sending: 'Sending…',
    thanks: "Thank you. Your report has been sent to the newsroom's editors.",
    tooShort: 'Please say a little more: at least {min} characters.',
    tooLong: 'Please shorten it to {max} characters at most.',
    badEmail: 'This does not look like an email address.',
    offline: 'Your report could not be sent: check your connection and try again.',
    limited: 'Too many reports have been sent about this box just now. Please try again in {minutes} minutes.',
    badText: 'The text {problem}.',
    changed: 'This box has changed since it was loaded. Please reload the page and report again.',
    gone: 'This fact box is no longer available.',
    failed: 'Your report could not be sent just now. Please try again in a moment.',
  },
  ko: {
    question: '무엇이 잘못되었고, 어떻게 알게 되었나요?',
    counter: '{n} / {max}자 (최소 {min}자)',
    email: '이메일 주소 (선택)',
    emailUse: '이 신고에 답하는 데에만 쓰이며, 신고가 처리되면 삭제됩니다.',
    what: '신고는 편집국의 편집자에게만 전달되며 공개되지 않습니다. 오류가 확인되면 모든 독자에게 보이도록 상자를 고치고, 날짜가 적힌 정정은 지워지지 않습니다.',
    send: '신고 보내기',
    cancel: '취소',
    close: '닫기',
    sending: '보내는 중…',
    thanks: '감사합니다. 신고가 편집국에 전달되었습니다.',
    tooShort: '조금 더 자세히 적어 주세요: 최소 {min}자.',
    tooLong: '{max}자 이내로 줄여 주세요.',
    badEmail: '이메일 주소 형식이 아닙니다.',
    offline: '신고를 보내지 못했습니다. 연결을 확인하고 다시 시도해 주세요.',
    limited: '방금 이 상자에 대한 신고가 너무 많이 접수되었습니다. {minutes}분 뒤에 다시 시도해 주세요.',
    badText: '내용을 확인해 주세요 ({problem}).',
    changed: '페이지를 연 뒤 이 상자가 바뀌었습니다. 페이지를 새로 고친 뒤 다시 신고해 주세요.',
    gone: '이 팩트 박스는 더 이상 볼 수 없습니다.',
    failed: '지금은 신고를 보내지 못했습니다. 잠시 뒤 다시 시도해 주세요.',
  },
} as const;

export type Strings = { [K in keyof (typeof STRINGS)['en']]: string };

/** The words for a label language ("ko"), English for any other. */
export const stringsFor = (lang: string | null | undefined): Strings => (lang === 'ko' ? STRINGS.ko : STRINGS.en);
