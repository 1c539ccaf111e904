// How a signed-in portal adds its own headers to each submission, and listens to the form.
const form = document.getElementById('portal-form');

// Called before every attempt (retries included); may return a promise, e.g. after refreshing
// a session token. The widget's own headers (Content-Type, Idempotency-Key) cannot be replaced.
form.headers = async ({ attempt }) => ({
  'X-Portal-Session': 'session-1234',
  'X-Portal-Attempt': String(attempt),
});

const status = document.getElementById('portal-status');
form.addEventListener('sen-submitted', (event) => {
  status.textContent = `The portal recorded your application ${event.detail.reference}.`;
});
form.addEventListener('sen-error', (event) => {
  status.textContent = `The form reported a problem: ${event.detail.message}`;
});

let saves = 0;
const drafts = document.getElementById('portal-drafts');
form.addEventListener('sen-draft-saved', () => {
  saves += 1;
  drafts.textContent = `The form has saved your answers on this device ${saves} time${saves === 1 ? '' : 's'}.`;
});
