// The "Report an error" form (browser only: it lives outside widget/render, which the worker also
// compiles without DOM types), opened inside the box next to the control that asked for it (by
// widget/report.ts, in the Shadow DOM of embed.js and on the edge pages alike). Its styles are
// part of the box stylesheet (.rf in widget/render/styles.ts), so they apply wherever the box is.
//
// What a reader can count on, said in the form: the report goes to the newsroom's editors only,
// is never published, and the address (optional) is used only to answer and is deleted once the
// report is closed. No cookie, no storage, nothing but the one POST.
import { useEffect, useRef, useState } from 'preact/hooks';

export const TEXT_MIN = 10;
export const TEXT_MAX = 2000;

/** What the server said, in the form's terms. */
export type Outcome = { ok: true } | { ok: false; field?: 'text' | 'contact'; message: string };

export interface ReportFormProps {
  /** Unique within its document or shadow root: the form's element ids start with it. */
  id: string;
  /** What is reported on, as the control names it: "Report an error: <label of the figure>". */
  title: string;
  send: (fields: { text: string; contact: string; website: string }) => Promise<Outcome>;
  close: () => void;
}

/** Characters as a reader counts them (code points), as the server does. */
const count = (s: string) => [...s.trim()].length;
const fmt = (n: number) => n.toLocaleString('en');

export function ReportForm({ id, title, send, close }: ReportFormProps) {
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
    if (n < TEXT_MIN) found.text = `Please say a little more: at least ${TEXT_MIN} characters.`;
    else if (n > TEXT_MAX) found.text = `Please shorten it to ${fmt(TEXT_MAX)} characters at most.`;
    if (contact.trim() && contactRef.current?.validity.typeMismatch) found.contact = 'This does not look like an email address.';
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
          <p role="status">Thank you. Your report has been sent to the newsroom's editors.</p>
          <div class="bt">
            <button type="button" ref={doneRef} onClick={close}>
              Close
            </button>
          </div>
        </>
      ) : (
        <>
          <label for={ids.t}>What is wrong, and how do you know?</label>
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
            {fmt(n)} / {fmt(TEXT_MAX)} characters (at least {TEXT_MIN})
          </p>
          {errors.text && (
            <p id={ids.te} class="er">
              {errors.text}
            </p>
          )}
          <label for={ids.m}>Your email address (optional)</label>
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
            Only used to answer you about this report, and deleted once it is closed.
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
          <p class="sm">
            Your report goes to the newsroom's editors and is not published. If it shows an error, they correct the box for every reader,
            with a dated correction that is never removed.
          </p>
          <p class="er" role="alert">
            {errors.form ?? ''}
          </p>
          <p role="status" class="sm">
            {state === 'sending' ? 'Sending…' : ''}
          </p>
          <div class="bt">
            <button type="button" class="sb" disabled={state === 'sending'} onClick={submit}>
              Send report
            </button>
            <button type="button" onClick={close}>
              Cancel
            </button>
          </div>
        </>
      )}
    </form>
  );
}
