// SEN Support Form: the embeddable widget's loader.
//
//   <script type="module" src="/pkg/sen-support-form.js"></script>
//   <sen-support-form profile="stockton-one-point" endpoint="/api/applications">
//     <p>Or apply by email: …</p>   <!-- stays visible until the form starts, and if it cannot -->
//   </sen-support-form>
//
// No inline script is needed and nothing is added to the page's <head>: the form lives in the
// element's shadow root, styled by its own copy of GOV.UK Frontend. Hosts that prefer code can
// call `mount(element, { profile, profileUrl, messagesUrl, endpoint, attachmentsEndpoint, drafts, csrfMeta,
// csrfHeader, headers })`.
//
// Attributes: profile | profile-url, messages-url (a catalogue of the form's texts in another
// language, laid over English), endpoint, attachments-endpoint (where attached files are
// PUT, as {attachments-endpoint}/{sha256}?profile={id}; default beside endpoint:
// …/applications → …/attachments), drafts (local | session | none), csrf-meta (the
// name of a <meta> whose content is sent as a CSRF token), csrf-header (default X-CSRF-Token).
// Property: headers, a function ({ endpoint, idempotencyKey, attempt }, or for an attached file
// { endpoint, sha256, attempt }) returning an object of extra request headers (or a promise of
// one), called before each attempt.
// Events (bubbling, composed): sen-submitted (detail.reference), sen-draft-saved, sen-error
// (detail.message: the form cannot start or go on, the headers hook failed, or the element's
// name was already defined).
import init, { mount as mountWasm, stopped } from './sen_support_form.js';

const NAME = 'sen-support-form';

function senError(target, message) {
  target.dispatchEvent(new CustomEvent('sen-error', { bubbles: true, composed: true, detail: { message } }));
}

// An error that escaped the form's WebAssembly (a trap, which is how a panic ends, or a browser
// API that threw through it) stops every form on the page: each says so, saves its answers and
// shows its own content. A page's own listener that throws is reported while the WebAssembly
// that called it is still running: that is not the form's failure (a trap always is).
const wasmUrl = new URL('sen_support_form_bg.wasm', import.meta.url).href;
const through = (error) => String(error?.stack).includes(wasmUrl);
const trap = (error) => error instanceof WebAssembly.RuntimeError && through(error);
addEventListener('error', (e) => {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = Infinity;
  const running = through(new Error());
  Error.stackTraceLimit = limit;
  if (trap(e.error) || (through(e.error) && !running)) stopped(String(e.error));
});
addEventListener('unhandledrejection', (e) => {
  if (trap(e.reason)) stopped(String(e.reason));
});

const ready = init().catch((error) => {
  console.error('sen-support-form: the form could not start', error);
  throw error;
});

/** Mounts the form in `element`; resolves to a handle with `unmount()`. */
export async function mount(element, config = {}) {
  await ready;
  return mountWasm(element, config);
}

class SenSupportForm extends HTMLElement {
  config() {
    return {
      profile: this.getAttribute('profile') ?? undefined,
      profileUrl: this.getAttribute('profile-url') ?? undefined,
      messagesUrl: this.getAttribute('messages-url') ?? undefined,
      endpoint: this.getAttribute('endpoint') ?? undefined,
      attachmentsEndpoint: this.getAttribute('attachments-endpoint') ?? undefined,
      today: this.getAttribute('today') ?? undefined,
      drafts: this.getAttribute('drafts') ?? undefined,
      instance: this.id || undefined,
      csrfMeta: this.getAttribute('csrf-meta') ?? undefined,
      csrfHeader: this.getAttribute('csrf-header') ?? undefined,
      // The page's own hook, looked up at each send: element.headers = ({ attempt }) => ({ … }).
      headers: (info) => (typeof this.headers === 'function' ? this.headers(info) : undefined),
    };
  }

  connectedCallback() {
    if (this._mounted || this._starting) return;
    this._starting = ready.then(
      () => {
        this._starting = undefined;
        if (this.isConnected && !this._mounted) this._mounted = mountWasm(this, this.config());
      },
      (error) => {
        this._starting = undefined;
        senError(this, String(error));
      },
    );
  }

  disconnectedCallback() {
    // A move within the page disconnects and reconnects at once: keep the form then.
    queueMicrotask(() => {
      if (!this.isConnected && this._mounted) {
        this._mounted.unmount();
        this._mounted.free();
        this._mounted = undefined;
      }
    });
  }
}

if (customElements.get(NAME)) {
  const message = `<${NAME}> is already defined on this page by another script: this copy of the form cannot start.`;
  console.error(`sen-support-form: ${message}`);
  const elements = document.querySelectorAll(NAME);
  for (const target of elements.length ? elements : [document]) senError(target, message);
} else {
  customElements.define(NAME, SenSupportForm);
}
