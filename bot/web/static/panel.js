// Runs as the document panel's js_on_load (Gradio gives element, trigger, watch).
// Passage links ("#cb:id:start:end", or a source card holding one) in the chat or the evidence
// table open the document panel; "back" closes it and returns to the link that opened it.
window.__cbLink = (t) => t.closest && (t.closest('a[href^="#cb:"]')
  || t.closest('.cb-source')?.querySelector('a[href^="#cb:"]'));
window.__cbOpen = trigger;
window.__cbRow = () => document.getElementById('cb-chatrow');
if (!window.__cbBound) {
  window.__cbBound = true;
  document.addEventListener('click', (e) => {
    const a = window.__cbLink(e.target);
    if (!a || !a.closest('#cb-chat, #cb-evidence')) return;
    e.preventDefault();
    window.__cbReturn = a;
    window.__cbWaiting = true;
    window.__cbRow()?.setAttribute('data-doc', 'open');
    window.__cbOpen('open', {ref: a.getAttribute('href')});
  });
  window.__cbClose = () => {
    const row = window.__cbRow();
    if (!row || row.getAttribute('data-doc') !== 'open') return;
    row.removeAttribute('data-doc');
    const back = window.__cbReturn;
    if (back && back.isConnected) {
      back.focus({preventScroll: true});
      back.scrollIntoView({block: 'center'});
    }
  };
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') window.__cbClose();
  });
  // The chat grows with the page (one scroll area): bring each new question to the top of the
  // view, so its answer appears right below it as it arrives.
  let seen = 0;
  new MutationObserver(() => {
    const qs = document.querySelectorAll('#cb-chat .cb-question');
    if (qs.length > seen) qs[qs.length - 1].scrollIntoView({block: 'start'});
    seen = qs.length;
  }).observe(document.body, {childList: true, subtree: true});
}
watch('value', () => {
  if (!window.__cbWaiting) return;
  window.__cbWaiting = false;
  const title = element.querySelector('#cb-doc-title');
  if (title) title.focus({preventScroll: true});
  const hit = element.querySelector('#cb-hit');
  if (hit) hit.scrollIntoView({block: 'center', inline: 'nearest'});
  const panel = document.getElementById('cb-docpanel');
  if (panel) panel.scrollLeft = 0;  // only ever scroll down to the passage, never sideways
});

// The page language is the header's lang attribute (the server renders it on load and switch).
// Gradio's i18n writes <html lang> too (its locale, or "null" before it has one), and names its
// own chat buttons in the browser's language (it follows navigator.language; there is no API to
// set it per page): keep both in the page language.
if (!window.__cbRelabel) {
  const names = [['Gefällt mir nicht', 'Dislike'], ['Gefällt mir', 'Like'],
                 ['Chat leeren', 'Clear']];
  window.__cbRelabel = () => {
    const page = document.querySelector('.cb-header')?.getAttribute('lang');
    if (!page) return;
    if (document.documentElement.lang !== page) document.documentElement.lang = page;
    const en = page === 'en';
    document.querySelectorAll('#cb-chat button').forEach((b) => {
      for (const attr of ['aria-label', 'title']) {
        const label = b.getAttribute(attr);
        if (!label) continue;
        const pair = names.find(([de, eng]) => label === de || label === eng);
        let want = pair && (en ? pair[1] : pair[0]);
        if (b.classList.contains('example')) want = b.textContent.trim();  // not "Select example"
        if (want && want !== label) b.setAttribute(attr, want);
      }
    });
    // Gradio's example list has role=list but button children (axe: aria-required-children).
    document.querySelectorAll('#cb-chat .examples[role="list"]').forEach(
      (e) => e.setAttribute('role', 'group'));
  };
  new MutationObserver(window.__cbRelabel).observe(document.documentElement, {
    subtree: true, childList: true, characterData: true, attributes: true,
    attributeFilter: ['lang', 'aria-label', 'title', 'role']});
  window.__cbRelabel();
}
