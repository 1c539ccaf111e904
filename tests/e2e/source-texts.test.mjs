// No text escapes the catalogue in the widget's source: every string literal in `src/` (tests
// left out) that a person could read — a capitalised word, or two words or more — must be a
// catalogue id (`widget.…`), not English. What is not words is allowed by its form (CSS classes,
// attribute and event names, pointers, ids, placeholders and punctuation) or named below with
// why. The pseudo-locale journey checks the same from the other side, on the pages shown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

// Literals that hold letters but are not shown to a person as the form's words.
const NOT_WORDS = new Map([
  ['Arial, sans-serif', 'the charts\' font stack'],
  ['font:9pt Arial,sans-serif;color:#505a5f', 'print CSS'],
  ['Content-Type', 'an HTTP header'], ['Accept', 'an HTTP header'], ['Idempotency-Key', 'an HTTP header'],
  ['Retry-After', 'an HTTP header'], ['X-CSRF-Token', 'an HTTP header'], ['POST', 'an HTTP method'], ['PUT', 'an HTTP method'],
  ['GMT', 'an HTTP date'], ['AES-GCM', 'a Web Crypto algorithm'], ['SHA-256', 'a Web Crypto algorithm'], ['BODY', 'a tag name'],
  ['Jan', 'an HTTP date\'s month'], ['Feb', ''], ['Mar', ''], ['Apr', ''], ['May', ''], ['Jun', ''], ['Jul', ''],
  ['Aug', ''], ['Sep', ''], ['Oct', ''], ['Nov', ''], ['Dec', ''],
  ['headers() must return an object of header names and values', 'a developer\'s error, thrown to the host page\'s hook'],
  ['headers() must give each header a text value', 'a developer\'s error, thrown to the host page\'s hook'],
  ['sen-support-form: the page\'s headers() hook failed: {why}', 'a developer\'s message on the console'],
  ['it failed', 'a developer\'s message on the console'],
]);

/** The string literals of a Rust source, outside comments and `#[cfg(test)]` code. */
export function literals(source) {
  const cut = source.search(/^#\[cfg\(test\)\]/m);
  const code = cut < 0 ? source : source.slice(0, cut);
  const out = [];
  let line = 1;
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (c === '\n') line++;
    else if (c === '/' && code[i + 1] === '/') {
      while (i < code.length && code[i] !== '\n') i++;
      line++;
    } else if (c === '\'' && /^'(\\.|[^\\'])'/.test(code.slice(i, i + 4))) {
      i += code.slice(i).match(/^'(\\.|[^\\'])'/)[0].length - 1;
    } else if (c === 'r' && /^r#*"/.test(code.slice(i, i + 4)) && !/\w/.test(code[i - 1] ?? '')) {
      const hashes = code.slice(i + 1).match(/^#*/)[0];
      const end = code.indexOf('"' + hashes, i + 2 + hashes.length);
      out.push({ line, text: code.slice(i + 2 + hashes.length, end) });
      line += code.slice(i, end).split('\n').length - 1;
      i = end + hashes.length;
    } else if (c === '"') {
      let j = i + 1;
      let text = '';
      for (; j < code.length && code[j] !== '"'; j++) {
        if (code[j] === '\\') {
          j++;
          if (code[j] === '\n') { line++; while (/\s/.test(code[j + 1])) j++; continue; }
          text += code[j] === 'u' ? '\u2019' : code[j];
          if (code[j] === 'u') j = code.indexOf('}', j);
        } else {
          if (code[j] === '\n') line++;
          text += code[j];
        }
      }
      out.push({ line, text });
      i = j;
    }
  }
  return out;
}

/** Whether a literal reads as words to a person: a capitalised word, or two plain words. */
export function isWords(text) {
  if (NOT_WORDS.has(text)) return false;
  // Style sheets written in code (the print rules).
  if (/^@(media|page|top)/.test(text)) return false;
  // Placeholders are filled with data; what is left is the literal's own words.
  const t = text.replace(/\{[\w:?#.]*\}/g, ' ');
  const tokens = t.split(/\s+/).filter(Boolean);
  const plain = tokens.filter((w) => /^[A-Za-z][a-z']*[,.:;?!…]?$/.test(w));
  if (tokens.some((w) => /^[A-Z][a-z']+[,.:;?!…]?$/.test(w))) return true;
  return plain.length >= 2;
}

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.rs') ? [join(dir, e.name)] : []);
}

test('no English words in the widget\'s source: every text shown is a catalogue id', () => {
  const found = [];
  for (const file of sources('src')) {
    for (const { line, text } of literals(readFileSync(file, 'utf8'))) {
      if (isWords(text)) found.push(`${file}:${line}: "${text}"`);
    }
  }
  assert.deepEqual(found, [], `texts in the widget's code instead of messages/en.json:\n${found.join('\n')}`);
});

test('the check catches English and lets ids, classes and pointers pass', () => {
  const src = [
    'let a = "widget.task.completed"; let b = "govuk-button govuk-button--secondary";',
    'let c = format!("{base}/review/outcomeStatus/{id}"); let d = "Choose one";',
    'view! { <p>"Add another provision"</p> } // "Not this: a comment"',
    'let e = format!("You have {n} characters remaining"); let f = \'"\';',
    '#[cfg(test)]', 'mod tests { const X: &str = "Test words here"; }',
  ].join('\n');
  const words = literals(src).filter((l) => isWords(l.text)).map((l) => l.text);
  assert.deepEqual(words, ['Choose one', 'Add another provision', 'You have {n} characters remaining']);
});
