// The "Report an error" form (browser only: it lives outside widget/render, which the worker also
// compiles without DOM types), opened inside the box next to the control that asked for it (by
// widget/report.ts, in the Shadow DOM of embed.js and on the edge pages alike). Its styles are
// part of the box stylesheet (.rf in widget/render/styles.ts), so they apply wherever the box is.
//
// What a reader can count on, said in the form: the report goes to the newsroom's editors only,
// is never published, and the address (optional) is used only to answer and is deleted once the
// report is closed. No cookie, no storage, nothing but the one POST.
import { useEffect, useRef, useState } from 'preact/hooks';
import { fill } from '../render/i18n';
import { chars, REPORT_TEXT } from '../render/reports';
import type { Strings } from './strings';

const { min: TEXT_MIN, max: TEXT_MAX } = REPORT_TEXT;

/** What the server said, in the form's terms. */
export type Outcome = { ok: true } | { ok: false; field?: 'text' | 'contact'; message: string };

export interface ReportFormProps {
  /** Unique within its document or shadow root: the form's element ids start with it. */
  id: string;
  /** What is reported on, as the control names it: "Report an error: <label of the figure>". */
  title: string;
  send: (fields: { text: string; contact: string; website: string }) => Promise<Outcome>;
  close: () => void;
  /** The form's words in the box's label language (./strings.ts). */
  t: Strings;
  /** That language, for numbers. */
  lang: string;
}

/** The text's length as the server counts it: trimmed, in code points. */
const count = (s: string) => chars(s.trim());

export function ReportForm({ id, title, send, close, t, lang }: ReportFormProps) {
  const fmt = (n: number) => n.toLocaleString(lang);
  const [text, setText] = useState('');
  const [contact, setContact] = useState('');
  const [errors, setErrors] = useState<{ text?: string; contact?: string; form?: string }>({});
  const [state, setState] = useState<'editing' | 'sending' | 'sent'>('editing');
  const textRef = useRef<HTMLTextAreaElement>(null);
  const contactRef = useRef<HTMLInputElement>(null);
  const doneRef = useRef<HTMLButtonElement>(null);
  const websiteRef = useRef<HTMLInputElement>(null);

  // Focus moves into the form when it opens, and to its one button once the report is sent.
  useEffect(() => textRef.current?.focus(), []);
  useEffect(() => {
    if (state === 'sent') doneRef.current?.focus();
  }, [state]);

  const n = count(text);
  // Sent by the button's click, not by a submit event: inside a frame sandboxed without
  // allow-forms (WordPress's embeds) a form is never submitted, so no submit event ever fires.
  const submit = async (event: Event) => {
    event.preventDefault();
    if (state === 'sending') return;
    const found: typeof errors = {};
    if (n < TEXT_MIN) found.text = fill(t.tooShort, { min: TEXT_MIN });
    else if (n > TEXT_MAX) found.text = fill(t.tooLong, { max: fmt(TEXT_MAX) });
    if (contact.trim() && contactRef.current?.validity.typeMismatch) found.contact = t.badEmail;
    setErrors(found);
    if (found.text) return textRef.current?.focus();
    if (found.contact) return contactRef.current?.focus();
    setState('sending');
    const outcome = await send({ text: text.trim(), contact: contact.trim(), website: websiteRef.current?.value ?? '' });
    if (outcome.ok) return setState('sent');
    setState('editing');
    setErrors(outcome.field ? { [outcome.field]: outcome.message } : { form: outcome.message });
    (outcome.field === 'contact' ? contactRef : textRef).current?.focus();
  };

  const ids = { h: `${id}-h`, t: `${id}-t`, c: `${id}-c`, te: `${id}-te`, m: `${id}-m`, mh: `${id}-mh`, me: `${id}-me`, w: `${id}-w` };
  return (
    <form
      class="rf"
      // The form's words are in the label language; the box's content may be in another.
      lang={lang}
      aria-labelledby={ids.h}
      noValidate
      onSubmit={submit}
      onKeyDown={(e) => {
        // Escape closes the form wherever focus is in it, and focus goes back to the control.
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          close();
        }
      }}
    >
      <p id={ids.h}>
        <b>{title}</b>
      </p>
      {state === 'sent' ? (
        <>
          <p role="status">{t.thanks}</p>
          <div class="bt">
            <button type="button" ref={doneRef} onClick={close}>
              {t.close}
            </button>
          </div>
        </>
      ) : (
        <>
          <label for={ids.t}>{t.question}</label>
          <textarea
            id={ids.t}
            ref={textRef}
            rows={4}
            required
            aria-invalid={errors.text ? 'true' : undefined}
            aria-describedby={`${ids.c}${errors.text ? ` ${ids.te}` : ''}`}
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
          />
          <p id={ids.c} class="sm">
            {fill(t.counter, { n: fmt(n), max: fmt(TEXT_MAX), min: TEXT_MIN })}
          </p>
          {errors.text && (
            <p id={ids.te} class="er">
              {errors.text}
            </p>
          )}
          <label for={ids.m}>{t.email}</label>
          <input
            id={ids.m}
            ref={contactRef}
            type="email"
            autocomplete="email"
            aria-invalid={errors.contact ? 'true' : undefined}
            aria-describedby={`${ids.mh}${errors.contact ? ` ${ids.me}` : ''}`}
            value={contact}
            onInput={(e) => setContact(e.currentTarget.value)}
            // Enter sends, as in any one-line field of a form (which the sandbox would not submit).
            onKeyDown={(e) => e.key === 'Enter' && submit(e)}
          />
          <p id={ids.mh} class="sm">
            {t.emailUse}
          </p>
          {errors.contact && (
            <p id={ids.me} class="er">
              {errors.contact}
            </p>
          )}
          {/* The honeypot: hidden from people and from assistive technology, and out of the tab
              order. Only a robot fills it; its report is then answered as any other and dropped. */}
          <div class="hp" aria-hidden="true">
            <label for={ids.w}>Website</label>
            <input id={ids.w} ref={websiteRef} name="website" type="text" tabIndex={-1} autocomplete="off" />
          </div>
          <p class="sm">{t.what}</p>
          <p class="er" role="alert">
            {errors.form ?? ''}
          </p>
          <p role="status" class="sm">
            {state === 'sending' ? t.sending : ''}
          </p>
          <div class="bt">
            <button type="button" class="sb" disabled={state === 'sending'} onClick={submit}>
              {t.send}
            </button>
            <button type="button" onClick={close}>
              {t.cancel}
            </button>
          </div>
        </>
      )}
    </form>
  );
}
