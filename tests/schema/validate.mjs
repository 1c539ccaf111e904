// Every scenario fixture validates against schema/application.schema.json, and every profile
// (built-in and test) against schema/profile.schema.json, with ajv (JSON Schema 2020-12) and
// its date format; a document with an unknown field does not.
// Run from the repository root: node tests/schema/validate.mjs
import fs from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
// schemars marks Rust integer and float widths as formats; check them as numbers.
ajv.addFormat('uint64', { type: 'number', validate: (n) => Number.isInteger(n) && n >= 0 });
ajv.addFormat('int64', { type: 'number', validate: (n) => Number.isInteger(n) });
ajv.addFormat('double', { type: 'number', validate: (n) => Number.isFinite(n) });
const read = (p) => JSON.parse(fs.readFileSync(p, 'utf8'));
const application = ajv.compile(read('schema/application.schema.json'));
const profile = ajv.compile(read('schema/profile.schema.json'));

const failures = [];
let checked = 0;
function expectValid(validate, file) {
  checked++;
  if (!validate(read(file))) failures.push(`${file}: ${ajv.errorsText(validate.errors)}`);
}
const dir = 'tests/fixtures/scenarios';
for (const f of fs.readdirSync(dir).filter((f) => /^S\d\d-.*\.json$/.test(f))) expectValid(application, path.join(dir, f));
for (const d of ['profiles', 'tests/fixtures/profiles']) {
  for (const f of fs.readdirSync(d).filter((f) => f.endsWith('.json'))) expectValid(profile, path.join(d, f));
}
const bad = read(path.join(dir, 'S01-complete-valid.json'));
bad.child.shoeSize = 3;
if (application(bad)) failures.push('a document with an unknown field validated');
const badDate = read(path.join(dir, 'S01-complete-valid.json'));
badDate.child.dob = '14/05/2016';
if (application(badDate)) failures.push('a document with a non-ISO date validated');
if (checked < 25 || failures.length > 0) {
  console.error(`schema: ${failures.length} failures (${checked} files checked)\n${failures.join('\n')}`);
  process.exit(1);
}
console.log(`schema: ${checked} documents and profiles valid; unknown fields and bad dates refused`);
