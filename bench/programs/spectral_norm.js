/* global N */
// Spectral norm: the largest singular value of the infinite matrix
// A(i, j) = 1 / ((i + j)(i + j + 1) / 2 + i + 1), estimated on its N x N corner by
// 10 rounds of the power method on A^T A. The last statement is the estimate, rounded to 9 decimals.

function aEntry(i, j) {
  var s = i + j;
  return 1 / ((s * (s + 1)) / 2 + i + 1);
}

function timesA(u, n) {
  // (A u)[i] = sum over j of A(i, j) u[j]
  var out = new Array(n);
  for (var i = 0; i < n; i++) {
    var total = 0;
    for (var j = 0; j < n; j++) total += aEntry(i, j) * u[j];
    out[i] = total;
  }
  return out;
}

function timesATranspose(u, n) {
  // (A^T u)[i] = sum over j of A(j, i) u[j]
  var out = new Array(n);
  for (var i = 0; i < n; i++) {
    var total = 0;
    for (var j = 0; j < n; j++) total += aEntry(j, i) * u[j];
    out[i] = total;
  }
  return out;
}

function timesAtA(u, n) {
  return timesATranspose(timesA(u, n), n);
}

// Rounds to 9 decimals the way Python's round() does: to the nearest of the exact decimal values.
function round9(x) {
  return Number(x.toFixed(9));
}

function spectralNorm(n) {
  var u = new Array(n).fill(1);
  var v = u;
  for (var iteration = 0; iteration < 10; iteration++) {
    v = timesAtA(u, n);
    u = timesAtA(v, n);
  }
  var uv = 0;
  var vv = 0;
  for (var i = 0; i < n; i++) {
    uv += u[i] * v[i];
    vv += v[i] * v[i];
  }
  return round9(Math.sqrt(uv / vv));
}

var result = spectralNorm(N);
// The cell's value: the harness reads the last expression statement.
// eslint-disable-next-line @typescript-eslint/no-unused-expressions
result;
