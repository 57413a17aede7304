// The TAP-like lines the interop scripts print ("ok   - name", "FAIL - name: detail"), shared by
// the Node clients.
'use strict';
let passed = 0;
let failed = 0;
function check(name, cond, detail) {
  if (cond) { passed++; console.log(`ok   - ${name}`); }
  else { failed++; console.log(`FAIL - ${name}${detail !== undefined ? ': ' + JSON.stringify(detail) : ''}`); }
}
// Prints the totals and exits (1 when anything failed, or `error` is given).
function finish(error) {
  if (error) { failed++; console.log(`FAIL - ${error.stack}`); }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}
module.exports = { check, finish };
