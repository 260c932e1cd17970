// Enter in a form: in a text field it submits (the primary buttons are Fluent custom elements, and
// browsers only submit implicitly through a native submit button); on a checkbox or radio it does
// nothing, because Enter there used to start a pull by surprise (issue 12, observation 7).

const TEXT_TYPES = new Set(['text', 'search', 'url', 'email', 'password', 'number', 'date', 'tel', '']);

export function enterSubmitsFromTextOnly(form: HTMLFormElement): void {
  form.addEventListener('keydown', (ev) => {
    if (ev.key !== 'Enter' || ev.isComposing || ev.defaultPrevented) return;
    const t = ev.target;
    if (!(t instanceof HTMLInputElement)) return; // buttons, selects, textareas, summaries keep their own Enter
    ev.preventDefault();
    if (TEXT_TYPES.has(t.type)) form.requestSubmit();
  });
}
