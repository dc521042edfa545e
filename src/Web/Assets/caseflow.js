// Progressive enhancement of the task page: with JavaScript, an outcome that ends or refuses the procedure is confirmed
// in a dialog on the page; without it, the server answers with a confirmation page. The listener is delegated to the
// document, so it keeps working when enhanced navigation replaces the page's content.
(() => {
  let pending = null;
  document.addEventListener('click', event => {
    const target = event.target instanceof Element ? event.target : null;
    const dialog = document.getElementById('outcome-dialog');
    if (!target || !dialog || typeof dialog.showModal !== 'function') {
      return;
    }

    const outcome = target.closest('button[data-confirm-text]');
    if (outcome && outcome.form) {
      event.preventDefault();
      pending = outcome;
      dialog.querySelector('[data-dialog-outcome]').textContent = outcome.value;
      dialog.querySelector('[data-dialog-text]').textContent = outcome.dataset.confirmText;
      dialog.showModal();
      document.getElementById('dialog-cancel').focus();
    } else if (target.closest('#dialog-cancel')) {
      dialog.close();
    } else if (target.closest('#dialog-confirm') && pending) {
      const confirmed = document.createElement('input');
      confirmed.type = 'hidden';
      confirmed.name = 'Complete.Confirmed';
      confirmed.value = 'true';
      pending.form.appendChild(confirmed);
      dialog.close();
      pending.form.requestSubmit(pending);
    }
  });

  // Closing (Annulla or Esc) gives the focus back to the outcome the officer had chosen.
  document.addEventListener('close', event => {
    if (event.target instanceof Element && event.target.id === 'outcome-dialog' && pending && document.contains(pending)) {
      pending.focus();
    }
  }, true);
})();
